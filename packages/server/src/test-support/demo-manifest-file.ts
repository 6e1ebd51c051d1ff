/**
 * What the `loupe serve` integration tests start from: a counting demo bucket on 127.0.0.1 and the demo
 * manifest naming its objects, written to a temporary file for `--manifest`.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateDemoManifest } from "@loupe/demo";
import { type CountingDemoBucket, startCountingDemoBucket } from "./counting-demo-bucket.js";

export interface DemoManifestFile {
  readonly bucket: CountingDemoBucket;
  /** The manifest's path, for `--manifest`. */
  readonly path: string;
  /** Every log URL the manifest names, once. */
  readonly urls: ReadonlySet<string>;
  /** The manifest's rows, as written to the file. */
  readonly rows: readonly object[];
  /** Stops the bucket and removes the file. */
  dispose(): Promise<void>;
}

export async function demoManifestFile(options: {
  readonly count: number;
  readonly delayMs: number;
}): Promise<DemoManifestFile> {
  const bucket = await startCountingDemoBucket(options);
  const dir = await mkdtemp(join(tmpdir(), "loupe-manifest-"));
  const manifest = generateDemoManifest({ baseUrl: bucket.baseUrl, count: options.count });
  const path = join(dir, "manifest.json");
  await writeFile(path, JSON.stringify(manifest));
  return {
    bucket,
    path,
    rows: manifest,
    urls: new Set(manifest.flatMap((c) => [c.client_logs, c.server_logs]).filter((u) => u !== null)),
    async dispose() {
      await bucket.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
