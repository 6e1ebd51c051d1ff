/** A mistake in how the CLI was called or what it was given: printed as one message, exit status 2. */
export class UsageError extends Error {}

/** The command was right but could not be done (e.g. the database cannot be reached): one message, exit 1. */
export class CommandFailure extends Error {}
