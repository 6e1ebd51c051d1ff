// Bundles the CLI (and the workspace packages it uses) into a few files: Node then resolves and compiles
// three modules at start instead of ~60, which is a third of `loupe analyze`'s time on a small file.
// Third-party packages stay external (they are installed in node_modules). TypeScript is checked by `tsc -b`.
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/**
 * Only the pure packages are bundled. Third-party packages and @loupe/server (whose worker threads load
 * files next to its own modules) stay runtime imports from node_modules.
 */
const BUNDLED = ["@loupe/core", "@loupe/demo", "@loupe/wasm-analyzer"];
const keepExternal = {
  name: "keep-external",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      BUNDLED.some((p) => args.path === p || args.path.startsWith(`${p}/`))
        ? undefined
        : { path: args.path, external: true },
    );
  },
};

const outdir = fileURLToPath(new URL("./bundle", import.meta.url));
rmSync(outdir, { recursive: true, force: true });

await build({
  // The analysis worker is an entry of its own: analyze-file.ts starts it from a file next to itself.
  entryPoints: { main: "src/main.ts", "analyze-part-worker": "src/analyze-part-worker.ts" },
  absWorkingDir: new URL(".", import.meta.url).pathname,
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  plugins: [keepExternal],
  logLevel: "warning",
});
