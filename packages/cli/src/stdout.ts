/** Writes pieces to stdout, waiting for the pipe to drain between them, so `| head` or a slow reader loses nothing. */
export async function writeStdout(pieces: Iterable<string | Uint8Array>): Promise<void> {
  for (const piece of pieces) {
    if (!process.stdout.write(piece)) await new Promise((resolve) => process.stdout.once("drain", resolve));
  }
}
