import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    // Starts a throwaway PostgreSQL cluster for the storage and API tests (see the file).
    globalSetup: ["packages/server/src/test-support/global-setup.ts"],
    testTimeout: 20_000,
  },
});
