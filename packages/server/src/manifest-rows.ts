/** Manifest rows for serve and ingest: the operator's manifest, or the demo fleet's through the same parser. */
import { generateDemoManifest } from "@loupe/demo";
import { loadManifest, parseManifest } from "./manifest/index.js";
import type { ManifestRowError } from "./manifest/types.js";
import type { ConnectionInput } from "./store/store.js";

export function demoRows(serverUrl: string, count: number): readonly ConnectionInput[] {
  const manifest = generateDemoManifest({ baseUrl: `${serverUrl}/demo-bucket/`, count });
  return parseManifest(JSON.stringify(manifest)).rows;
}

/** Loads a manifest, reporting each bad row (row number, field, reason) through `log`; good rows are kept. */
export async function manifestRows(
  source: string,
  log: (line: string) => void,
): Promise<readonly ConnectionInput[]> {
  const { rows, errors } = await loadManifest(source);
  for (const e of errors.slice(0, 20)) log(describeRowError(e));
  if (errors.length > 20) log(`… and ${errors.length - 20} more bad rows (skipped)`);
  return rows;
}

export function describeRowError(e: ManifestRowError): string {
  const id = e.connectionId === undefined ? "" : ` (connection ${e.connectionId})`;
  return `manifest row ${e.row}${id}: ${e.field}: ${e.reason} (skipped)`;
}
