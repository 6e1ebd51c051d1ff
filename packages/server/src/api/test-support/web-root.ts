/** A throwaway built-web-app folder (index.html and one hashed asset) for tests of static serving. */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const TEST_ASSET = "assets/app-1a2b3c.js";

export async function makeWebRoot(prefix: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  await mkdir(join(root, "assets"));
  await writeFile(join(root, "index.html"), "<!doctype html><title>Loupe</title>");
  await writeFile(join(root, TEST_ASSET), "console.log('loupe')");
  return root;
}
