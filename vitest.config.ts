import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: [
      "app/**/*.test.ts",
      "db/**/*.test.ts",
      "bench/**/*.test.ts",
      "scripts/**/*.test.ts",
      "server/**/*.test.ts",
    ],
    environment: "node",
    testTimeout: 30_000,
    // A PostgreSQL test file first migrates a template database (test:pg), a few seconds on a busy machine.
    hookTimeout: 60_000,
    pool: "forks",
  },
});
