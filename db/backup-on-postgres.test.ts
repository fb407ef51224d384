/**
 * `db:backup`, `db:restore` and BACKUP_EVERY on a PostgreSQL DATABASE_URL: they copy a SQLite file,
 * so they refuse at once, naming PostgreSQL's own tools (decision 024), and touch nothing. No
 * PostgreSQL server is needed: the refusal comes before any connection.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { backupFailure } from "../app/utils/backup-status.server";
import { readBackupSchedule } from "../scripts/backup-scheduler.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Nothing listens there: a command that tried to connect would fail otherwise than by refusing.
const postgres = "postgres://postgres@127.0.0.1:9/sessions";
let dir: string;

function command(script: string, args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(root, script), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: postgres },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, out })));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "sessions-backup-pg-"));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("backups on a PostgreSQL DATABASE_URL", () => {
  it("npm run db:backup refuses, naming pg_dump, and writes nothing", async () => {
    const { code, out } = await command("db/backup-cli.ts", [join(dir, "copie.db")]);
    expect(code).toBe(1);
    expect(out.trim()).toBe(
      "Sauvegarde : la base est PostgreSQL ; utilisez pg_dump (voir README, « Passer à PostgreSQL »).",
    );
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);

  it("npm run db:restore refuses, naming pg_restore, and touches nothing", async () => {
    const file = join(dir, "sauvegarde.db");
    writeFileSync(file, "une sauvegarde");
    const { code, out } = await command("db/restore-cli.ts", [file]);
    expect(code).toBe(1);
    expect(out.trim()).toBe(
      "Restauration : la base est PostgreSQL ; utilisez pg_restore (voir README, « Passer à PostgreSQL »).",
    );
    expect(readdirSync(dir)).toEqual(["sauvegarde.db"]);
    rmSync(file);
  }, 60_000);

  it("BACKUP_EVERY schedules nothing and says why once; no failure banner", () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(
        readBackupSchedule({ ...process.env, BACKUP_EVERY: "6h", BACKUP_KEEP: "3", DATABASE_URL: postgres }),
      ).toBeNull();
      expect(errors.mock.calls).toEqual([
        [
          "Sauvegardes planifiées (BACKUP_EVERY) : la base est PostgreSQL ; aucune n'est programmée, " +
            "utilisez pg_dump (voir README, « Passer à PostgreSQL »).",
        ],
      ]);
    } finally {
      errors.mockRestore();
    }
    expect(backupFailure(postgres)).toBeNull();
  });
});
