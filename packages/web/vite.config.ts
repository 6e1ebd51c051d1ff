import { defineConfig } from "vite";

/** The API the dev server proxies to: `loupe serve --port 8123` unless LOUPE_API says otherwise. */
const api = process.env.LOUPE_API ?? "http://127.0.0.1:8123";

export default defineConfig({
  // No React plugin: esbuild compiles TSX with the automatic runtime (tsconfig "jsx": "react-jsx").
  // @vitejs/plugin-react only adds Fast Refresh in dev, and its peer range conflicts with the root's
  // esbuild pin (see docs/design.md); a full reload on save is fine for now.
  server: { port: 5173, strictPort: true, proxy: { "/api": api } },
  preview: { proxy: { "/api": api } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: {
      output: {
        // Libraries change less often than the app: a separate chunk stays cached across app releases.
        manualChunks: (id) => (id.includes("/node_modules/") ? "vendor" : undefined),
      },
      onwarn(warning, warn) {
        // TanStack Query marks its modules "use client" (for React Server Components); meaningless here.
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
    },
  },
});
