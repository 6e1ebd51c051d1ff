/**
 * A progress line on stderr: redrawn in place on a terminal, printed at every tenth of the way otherwise
 * (logs of CI jobs and pipes stay readable).
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  let lastTenth = -1;
  return {
    update(done: number, total: number, detail: string): void {
      const fraction = total === 0 ? 1 : done / total;
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round(fraction * width);
        stream.write(
          `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${detail}\x1b[K`,
        );
        return;
      }
      const tenth = Math.floor(fraction * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        stream.write(`${done}/${total} ${detail}\n`);
      }
    },
    finish(): void {
      if (stream.isTTY) stream.write("\n");
    },
  };
}
