/**
 * Backups and restores on real SQLite files, with real processes: writers in other processes,
 * the commands run as an operator runs them (`tsx db/backup-cli.ts`, `tsx db/restore-cli.ts`),
 * `kill -9` of a backup, and the scheduler of `npm start` (scripts/backup-scheduler.js).
 */
import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupFailure } from "../app/utils/backup-status.server";
import { personalSpaceWorld } from "../test/support/personal-space-world";
import { startBackupScheduler } from "../scripts/backup-scheduler.js";
import { BACKUP_NAME, readBackupStatus } from "./backup";
import { openDatabase } from "./connection";
import { loadWorld } from "./load";
import { migrateToLatest } from "./migrate";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// `node --import tsx`, not the tsx command: one process, which `kill -9` stops (tsx's command runs a second one).
const tsx = ["--import", "tsx"];
let dir: string;
let live: string;
let organiserId: number;

/** Runs one of the database commands as `npm run` does, on DATABASE_URL = `database`. */
function command(
  script: string,
  args: string[],
  database = live,
): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; out: string }> } {
  const child = spawn(process.execPath, [...tsx, join(root, script), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: database },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const done = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, out })),
  );
  return { child, done };
}

/**
 * Another process that opens the database as a server does and creates sessions in a loop,
 * printing each id once its transaction has committed; `hold` only opens it, reads, and waits.
 */
function writer(mode: "write" | "hold"): { child: ChildProcess; acknowledged: number[]; ready: Promise<void> } {
  const script = join(dir, "writer.mts");
  writeFileSync(
    script,
    `import { openDatabase } from ${JSON.stringify(join(root, "db/connection.ts"))};
import { draftSessionRow } from ${JSON.stringify(join(root, "test/support/database.ts"))};
const db = openDatabase(process.argv[2]);
await db.selectFrom("exam_sessions").select("id").limit(1).execute();
console.log("prêt");
if (process.argv[3] === "write") {
  for (let n = 0; ; n++) {
    const { id } = await db.transaction().execute((trx) =>
      trx.insertInto("exam_sessions").values(draftSessionRow(${organiserId}, { title: "Écrite pendant la sauvegarde " + n })).returning("id").executeTakeFirstOrThrow(),
    );
    console.log(id);
  }
} else {
  // Keeps the connection reachable, as a server does: otherwise the garbage collector may close it.
  setInterval(() => db, 1000);
}
`,
  );
  const child = spawn(process.execPath, [...tsx, script, live, mode], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const acknowledged: number[] = [];
  let buffer = "";
  let onReady: () => void;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop()!;
    for (const line of lines) {
      if (line === "prêt") onReady();
      else if (/^\d+$/.test(line)) acknowledged.push(Number(line));
    }
  });
  return { child, acknowledged, ready };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.on("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

async function until(condition: () => boolean, what: string, timeout = 180_000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeout) throw new Error(`Toujours pas au bout de ${timeout} ms : ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function sessionIds(path: string): number[] {
  const sqlite = new Database(path, { readonly: true });
  try {
    return (sqlite.prepare("select id from exam_sessions order by id").all() as { id: number }[]).map((r) => r.id);
  } finally {
    sqlite.close();
  }
}

function integrity(path: string): string {
  const sqlite = new Database(path, { readonly: true });
  try {
    return String(sqlite.pragma("integrity_check", { simple: true }));
  } finally {
    sqlite.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sessions-backup-"));
  live = join(dir, "sessions.db");
  const db = openDatabase(live);
  await migrateToLatest(db);
  await loadWorld(db, personalSpaceWorld());
  organiserId = (await db.selectFrom("organisers").select("id").where("code", "=", "0750001").executeTakeFirstOrThrow())
    .id;
  await db.destroy();
  // About 60 MB more, so that a backup lasts long enough to be written to and killed during.
  const sqlite = new Database(live);
  sqlite.exec(`create table ballast (data blob not null);
    with recursive n(i) as (select 1 union all select i + 1 from n where i < 15000)
    insert into ballast (data) select randomblob(4000) from n;`);
  sqlite.close();
}, 400_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run db:backup", () => {
  it("takes a consistent copy while two processes create sessions, holding every session acknowledged before it began", async () => {
    const writers = [writer("write"), writer("write")];
    try {
      await Promise.all(writers.map((w) => w.ready));
      await until(() => writers.every((w) => w.acknowledged.length >= 20), "20 sessions créées par chaque processus");
      const before = writers.flatMap((w) => [...w.acknowledged]);
      const file = join(dir, "pendant-ecritures.db");
      const backup = command("db/backup-cli.ts", [file]);
      const { code, out } = await backup.done;
      expect(code, out).toBe(0);
      expect(out).toMatch(
        /Sauvegarde réussie : .*pendant-ecritures\.db \([\d,]+ Mo en [\d,]+ s ; intégrité vérifiée\)/,
      );
      expect(out).toMatch(
        /Lignes : structures \d+, organisers \d+, licensees \d+, users \d+, exam_sessions [\d\s\u202f]+,/,
      );
      const after = writers.flatMap((w) => [...w.acknowledged]);
      // The writers kept writing while the backup ran: it did not stop them.
      expect(after.length).toBeGreaterThan(before.length);

      expect(integrity(file)).toBe("ok");
      const saved = new Set(sessionIds(file));
      expect(before.filter((id) => !saved.has(id))).toEqual([]);
      expect(existsSync(`${file}.partiel-${backup.child.pid}`)).toBe(false);
    } finally {
      await Promise.all(writers.map((w) => stop(w.child)));
    }
  }, 400_000);

  it("killed half-way (kill -9), leaves no file under its final name and the live database untouched; the next one cleans up", async () => {
    const sessionsBefore = sessionIds(live);
    const file = join(dir, "tuee", "sauvegarde.db");
    const backup = command("db/backup-cli.ts", [file]);
    const partial = `${file}.partiel-${backup.child.pid}`;
    await until(() => existsSync(partial) && statSync(partial).size > 1_000_000, "la copie temporaire commence");
    backup.child.kill("SIGKILL");
    const { signal } = await backup.done;
    expect(signal).toBe("SIGKILL");

    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dirname(file)).filter((name) => !name.includes(".partiel-"))).toEqual([]);
    expect(integrity(live)).toBe("ok");
    expect(sessionIds(live)).toEqual(sessionsBefore);

    const again = await command("db/backup-cli.ts", [file]).done;
    expect(again.code, again.out).toBe(0);
    expect(readdirSync(dirname(file))).toEqual(["sauvegarde.db"]);
    expect(sessionIds(file)).toEqual(sessionsBefore);
  }, 400_000);

  it("refuses to overwrite an existing file", async () => {
    const file = join(dir, "existe.db");
    writeFileSync(file, "à garder");
    const { code, out } = await command("db/backup-cli.ts", [file]).done;
    expect(code).toBe(1);
    expect(out).toContain(`Sauvegarde en échec : ${file} existe déjà : choisissez un autre nom.`);
  }, 200_000);
});

describe("npm run db:restore", () => {
  it("refuses while a server has the database open, then puts the backup in place and keeps the replaced database", async () => {
    const backupFile = join(dir, "a-restaurer.db");
    expect((await command("db/backup-cli.ts", [backupFile]).done).code).toBe(0);
    const inBackup = sessionIds(backupFile);
    // Sessions created after the backup: the restore takes them away, the kept file has them.
    const extra = writer("write");
    await until(() => extra.acknowledged.length >= 5, "5 sessions de plus");
    await stop(extra.child);
    const current = sessionIds(live);
    expect(current.length).toBeGreaterThan(inBackup.length);

    const server = writer("hold");
    try {
      await server.ready;
      const refused = await command("db/restore-cli.ts", [backupFile]).done;
      expect(refused.code).toBe(1);
      expect(refused.out).toContain(
        `Restauration refusée : La base ${live} est utilisée par un serveur en marche (ou une autre commande) : arrêtez-le, puis relancez la restauration. Rien n'a été modifié.`,
      );
      expect(readdirSync(dir).filter((name) => name.includes("avant-restauration"))).toEqual([]);
    } finally {
      await stop(server.child);
    }
    expect(sessionIds(live)).toEqual(current);

    const restored = await command("db/restore-cli.ts", [backupFile]).done;
    expect(restored.code, restored.out).toBe(0);
    expect(restored.out).toContain(`Base restaurée depuis ${backupFile} dans ${live} (intégrité vérifiée).`);
    expect(sessionIds(live)).toEqual(inBackup);
    expect(integrity(live)).toBe("ok");
    const kept = readdirSync(dir).filter((name) => /^sessions\.avant-restauration-\d{8}-\d{6}\.db$/.test(name));
    expect(kept).toHaveLength(1);
    expect(restored.out).toContain(`L'ancienne base est conservée sous ${join(dir, kept[0])}.`);
    expect(sessionIds(join(dir, kept[0]))).toEqual(current);
    expect(existsSync(`${live}-wal`) && statSync(`${live}-wal`).size > 0).toBe(false);

    // The application opens it as it is: the sessions of the backup, exactly.
    const db = openDatabase(live);
    try {
      expect(await migrateToLatest(db)).toEqual([]);
      const ids = (await db.selectFrom("exam_sessions").select("id").orderBy("id").execute()).map((r) => r.id);
      expect(ids).toEqual(inBackup);
    } finally {
      await db.destroy();
    }
  }, 400_000);

  it("refuses a backup made by a newer version of the application, or a file that is not a database, changing nothing", async () => {
    const newer = join(dir, "plus-recente.db");
    expect((await command("db/backup-cli.ts", [newer]).done).code).toBe(0);
    const sqlite = new Database(newer);
    sqlite
      .prepare("insert into kysely_migration (name, timestamp) values ('999_futur', '2030-01-01T00:00:00.000Z')")
      .run();
    sqlite.close();
    const garbage = join(dir, "pas-une-base.db");
    writeFileSync(garbage, "ceci n'est pas une base SQLite".repeat(200));
    const before = sessionIds(live);
    const files = readdirSync(dir);
    const refused = await command("db/restore-cli.ts", [newer]).done;
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(
      "vient d'une version plus récente de l'application (migration 999_futur inconnue de celle-ci)",
    );

    const notADatabase = await command("db/restore-cli.ts", [garbage]).done;
    expect(notADatabase.code).toBe(1);
    expect(notADatabase.out).toContain(`Restauration refusée : ${garbage} n'est pas une base SQLite lisible`);

    expect(sessionIds(live)).toEqual(before);
    // Nothing kept aside, nothing left over.
    expect(readdirSync(dir).filter((name) => !name.endsWith("-wal") && !name.endsWith("-shm"))).toEqual(
      files.filter((name) => !name.endsWith("-wal") && !name.endsWith("-shm")),
    );
  }, 400_000);
});

describe("scheduled backups (BACKUP_EVERY)", () => {
  it("run every interval, keep only BACKUP_KEEP files, and a failure is shown until a backup succeeds", async () => {
    const small = join(dir, "planifiee", "sessions.db");
    const backups = join(dir, "planifiee", "backups");
    // No database yet: the runs fail, and say so to the administrator.
    const schedule = { interval: 500, keep: 2, dbPath: small, dir: backups };
    let stopSchedule = startBackupScheduler(schedule, { cwd: root, firstDelayMax: 0 });
    try {
      await until(() => readBackupStatus(backups) !== null, "un premier résultat");
      expect(readBackupStatus(backups)).toMatchObject({
        ok: false,
        message: `Base introuvable : ${small} (DATABASE_URL).`,
      });
      expect(backupFailure(small)).toMatchObject({ message: `Base introuvable : ${small} (DATABASE_URL).` });
    } finally {
      stopSchedule();
    }

    const db = openDatabase(small);
    await migrateToLatest(db);
    await db.destroy();
    const seen = new Set<string>();
    stopSchedule = startBackupScheduler(schedule, { cwd: root, firstDelayMax: 0 });
    try {
      await until(() => {
        const names = existsSync(backups) ? readdirSync(backups) : [];
        for (const name of names) if (BACKUP_NAME.test(name)) seen.add(name);
        // Between two runs: the last one has rotated the files.
        const finished =
          names.filter((name) => BACKUP_NAME.test(name)).length === 2 &&
          !names.some((name) => name.includes(".partiel-"));
        return seen.size >= 4 && finished;
      }, "quatre sauvegardes planifiées");
    } finally {
      stopSchedule();
    }
    expect(backupFailure(small)).toBeNull();
    expect(readBackupStatus(backups)).toMatchObject({ ok: true });
    const left = readdirSync(backups)
      .filter((name) => BACKUP_NAME.test(name))
      .sort();
    expect(left).toEqual([...seen].sort().slice(-2));
    for (const name of left) expect(integrity(join(backups, name))).toBe("ok");
  }, 400_000);
});
