/** Where the built web app is (packages/web/dist), if it has been built. */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function webRoot(): string | undefined {
  const dir = fileURLToPath(new URL("../../web/dist/", import.meta.url));
  return existsSync(`${dir}index.html`) ? dir : undefined;
}
