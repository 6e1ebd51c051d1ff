/** What manifest parsing hands back: the good rows, and one error per problem in a bad row. */
import type { ConnectionInput } from "../store/store.js";

export type ManifestFormat = "json" | "ndjson" | "python";

/** One problem with one row; the row is skipped. A row with several bad fields has one error per field. */
export interface ManifestRowError {
  /** 1-based position of the row among the manifest's rows (blank NDJSON lines do not count). */
  readonly row: number;
  /** 1-based line where the row starts, when the format tells (NDJSON, Python; not a JSON array). */
  readonly line?: number;
  /** The row's connection_id, when it has a usable one. */
  readonly connectionId?: number;
  /** The manifest's field name (`last_updated`, `client_logs`…), or `(row)` for the row as a whole. */
  readonly field: string;
  readonly reason: string;
}

export interface ParsedManifest {
  readonly format: ManifestFormat;
  readonly rows: readonly ConnectionInput[];
  readonly errors: readonly ManifestRowError[];
}

/** The document as a whole cannot be read (no row can be trusted): the operator must fix the file. */
export class ManifestSyntaxError extends Error {
  override readonly name = "ManifestSyntaxError";

  /** The message without the position. */
  readonly detail: string;

  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(line === undefined ? message : `line ${line}, column ${column ?? 1}: ${message}`);
    this.detail = message;
  }
}

/** The manifest could not be read at all (file missing, HTTP error, over the size cap, timeout). */
export class ManifestLoadError extends Error {
  override readonly name = "ManifestLoadError";
}
