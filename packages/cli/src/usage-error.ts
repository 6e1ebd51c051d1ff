/** A mistake in how the CLI was called or what it was given: printed as one message, exit status 2. */
export class UsageError extends Error {}
