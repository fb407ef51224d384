import { defineConfig } from "@playwright/test";

// E2E_PORT lets several runs proceed side by side: each has its own port, build and database.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const DATA_DIR = `e2e/.data/${PORT}`;
// E2E_DATABASE_URL=postgres://…: the same specs on PostgreSQL (e2e/serve.sh empties that database
// first; `npm run test:e2e:pg` starts a throw-away cluster for it). Otherwise a SQLite file of the run.
const DATABASE_URL = process.env.E2E_DATABASE_URL || `${DATA_DIR}/e2e.db`;

export default defineConfig({
  testDir: "e2e",
  // Scheduled backups (`db:backup`, BACKUP_EVERY) copy a SQLite file: on PostgreSQL the database's
  // own tools take them (README), so their spec runs on SQLite only (docs/decisions/024).
  testIgnore: process.env.E2E_DATABASE_URL ? ["operations.spec.ts"] : [],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  // One more try for a test that failed: the list names it "flaky" when the second passes. On a
  // 2-core machine a browser test now and then misses a deadline; a real defect fails both tries.
  retries: 1,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  // A real SMTP server on PORT + 1000 for the whole run (e2e/mail-server.ts).
  globalSetup: "./e2e/mail-server.ts",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "js", use: { javaScriptEnabled: true } },
    { name: "no-js", use: { javaScriptEnabled: false } },
  ],
  webServer: {
    command: "bash e2e/serve.sh",
    url: `http://127.0.0.1:${PORT}/healthcheck`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATABASE_URL,
      BUILD_DIR: `${DATA_DIR}/build`,
      E2E_DATA_DIR: DATA_DIR,
      DEMO: "off",
      APP_MODE: "test",
      SESSION_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e",
      SMTP_URL: `smtp://127.0.0.1:${PORT + 1000}`,
      MAIL_FROM: "Sessions <sessions@test.fr>",
      PUBLIC_URL: `http://127.0.0.1:${PORT}`,
    },
  },
});
