// Moved to ../dev/postgres.ts (shared with the benchmarks and `npm run cluster`); kept for existing imports.
export * from "../dev/postgres.js";
