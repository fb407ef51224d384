/**
 * The server of `npm start` (server/app.js over the built app), in this process, on a fresh
 * database: what only this process can do to it — a disk that fills up (SQLite's
 * `max_page_count` on the server's own connection) — and what the log says.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { get, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DB } from "../db/connection";

const BUILD_DIR = "e2e/.data/server-test/build";
const EMAIL = "plein@test.fr";
const PASSWORD = "motdepasse-test";
const dataDir = mkdtempSync(join(tmpdir(), "sessions-server-"));
let server: Server;
let origin: string;
let db: DB;

beforeAll(async () => {
  execFileSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], {
    env: { ...process.env, BUILD_DIR },
    stdio: "ignore",
  });
  const { compressAssets } = await import("./brotli.js");
  await compressAssets(join(BUILD_DIR, "public", "build"));
  Object.assign(process.env, { DATABASE_URL: join(dataDir, "s.db"), DEMO: "off", APP_MODE: "test" });
  const build = await import(pathToFileURL(join(process.cwd(), BUILD_DIR, "index.js")).href);
  db = (await (globalThis as unknown as { __sessionsApp: Promise<{ db: DB }> }).__sessionsApp).db;
  const { hashPassword } = await import("../db/password");
  const now = new Date().toISOString();
  await db
    .insertInto("users")
    .values({
      email: EMAIL,
      name: "Disque Plein",
      password_hash: await hashPassword(PASSWORD),
      is_admin: 0,
      created_at: now,
    } as never)
    .execute();
  const { createApp } = await import("./app.js");
  server = createApp(build).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 180_000);

afterAll(async () => {
  server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The login page's cookie and token, then the login form. */
async function logIn(): Promise<Response> {
  const page = await fetch(`${origin}/connexion`);
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const token = /name="csrf" value="([^"]+)"/.exec(await page.text())![1];
  return fetch(`${origin}/connexion`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrf: token, email: EMAIL, password: PASSWORD }),
  });
}

const logins = async () =>
  Number((await sql<{ n: number }>`select count(*) as n from login_sessions`.execute(db)).rows[0].n);

describe("a full disk", () => {
  it("answers 503 with the French page and its reference, logs the SQLite code, and writes nothing", async () => {
    expect((await logIn()).status).toBe(302);
    const { page_count } = (await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows[0];
    await sql.raw(`pragma max_page_count = ${page_count}`).execute(db);
    // Login sessions written straight in until the file's last pages are full: twenty refused in a row.
    const userId = (await db.selectFrom("users").select("id").where("email", "=", EMAIL).executeTakeFirstOrThrow()).id;
    const now = new Date().toISOString();
    for (let refusedInARow = 0, i = 0; refusedInARow < 20 && i < 10_000; i++) {
      try {
        await db
          .insertInto("login_sessions")
          .values({
            id: randomBytes(32).toString("base64url"),
            user_id: userId,
            current_organiser_id: null,
            created_at: now,
            last_seen_at: now,
          })
          .execute();
        refusedInARow = 0;
      } catch (error) {
        expect((error as { code?: string }).code).toBe("SQLITE_FULL");
        refusedInARow++;
      }
    }
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const written = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      const before = await logins();
      const response = await logIn();
      expect(await logins()).toBe(before);
      expect(response.status).toBe(503);
      const html = await response.text();
      expect(html).toContain(
        "Le serveur ne peut pas enregistrer pour le moment : rien n&#x27;a été modifié. Réessayez plus tard.",
      );
      const reference = response.headers.get("x-request-id");
      expect(html).toContain(`Référence : <!-- -->${reference}`);
      expect(
        errors.mock.calls.some((call) => String(call[0]).includes(`[${reference}] Base de données : SQLITE_FULL`)),
      ).toBe(true);
      const line = written.mock.calls
        .map((call) => String(call[0]))
        .find((text) => text.includes(` ${reference} POST /connexion 503 `));
      expect(line).toMatch(/error=SQLITE_FULL/);
    } finally {
      errors.mockRestore();
      written.mockRestore();
      await sql.raw("pragma max_page_count = 1073741823").execute(db);
    }
  });
});

describe("a database that cannot be written at start-up", () => {
  it("stops with one French line naming the path", () => {
    // Its directory is a file: it can be neither created nor written (whoever runs the test).
    writeFileSync(join(dataDir, "fichier"), "");
    const path = join(dataDir, "fichier", "s.db");
    let stderr = "";
    let status: number | null = 0;
    try {
      execFileSync(
        process.execPath,
        ["--import", "tsx", "--input-type=module", "-e", 'await import("./app/utils/db.server.ts")'],
        {
          env: { ...process.env, DATABASE_URL: path, DEMO: "off", APP_MODE: "test" },
          timeout: 60_000,
          stdio: ["ignore", "ignore", "pipe"],
        },
      );
    } catch (error) {
      stderr = String((error as { stderr: Buffer }).stderr);
      status = (error as { status: number | null }).status;
    }
    expect(status).toBe(1);
    const lines = stderr
      .trim()
      .split("\n")
      .filter((line) => !line.startsWith("SESSION_SECRET"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(`Base de données inutilisable : impossible d'écrire dans ${path} (EEXIST).`);
  });
});

/** One GET with exactly these request headers, the body as sent (node's fetch would decode it). */
function getRaw(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    }).on("error", reject);
  });
}

describe("the build's scripts", () => {
  it("are sent brotli-compressed to a browser that accepts br, gzip to one that does not, the same script", async () => {
    // The framework's chunk, the largest script every page loads.
    const shared = join(BUILD_DIR, "public", "build", "_shared");
    const largest = readdirSync(shared)
      .filter((name) => name.endsWith(".js"))
      .map((name) => ({ name, bytes: readFileSync(join(shared, name)) }))
      .sort((a, b) => b.bytes.length - a.bytes.length)[0];
    const url = `${origin}/build/_shared/${largest.name}`;
    const br = await getRaw(url, { "Accept-Encoding": "gzip, deflate, br, zstd" });
    const gzip = await getRaw(url, { "Accept-Encoding": "gzip, deflate" });
    const plain = await getRaw(url, {});

    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).equals(largest.bytes)).toBe(true);
    expect(gzip.status).toBe(200);
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).equals(largest.bytes)).toBe(true);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(largest.bytes)).toBe(true);
    // Quality 11 written at build time: smaller than the middleware's gzip.
    expect(br.body.length).toBeLessThan(gzip.body.length * 0.92);

    for (const answer of [br, gzip, plain]) {
      expect(answer.headers["content-type"]).toMatch(/^application\/javascript; charset=utf-8$/i);
      expect(answer.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    }
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    expect(gzip.headers.vary).toMatch(/Accept-Encoding/);
    expect(br.headers.etag).not.toBe(gzip.headers.etag);
  });

  it("answers a missing script or a path out of the build with the page not found, not a file", async () => {
    for (const path of ["/build/_shared/chunk-NOPE.js", "/build/..%2f..%2findex.js", "/build/%2e%2e/index.js"]) {
      const answer = await getRaw(`${origin}${path}`, { "Accept-Encoding": "br" });
      expect(answer.status).toBe(404);
      expect(answer.headers["content-type"]).toMatch(/^text\/html/);
    }
  });
});
