/**
 * Offsets → 1-based line and column, for error messages. Queries usually move forward (row after row), so
 * the index remembers where it stopped and scans only the new part: linear over a whole document.
 */
export class LineIndex {
  private offset = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  lineAt(offset: number): number {
    return this.locate(offset).line;
  }

  locate(offset: number): { line: number; column: number } {
    if (offset < this.offset) {
      this.offset = 0;
      this.line = 1;
      this.lineStart = 0;
    }
    const end = Math.min(offset, this.text.length);
    for (let i = this.offset; i < end; i++) {
      if (this.text.charCodeAt(i) === 10) {
        this.line++;
        this.lineStart = i + 1;
      }
    }
    this.offset = Math.max(this.offset, end);
    return { line: this.line, column: end - this.lineStart + 1 };
  }
}
