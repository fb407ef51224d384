import { installGlobals } from "@remix-run/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "../../db/connection";
import { sql } from "kysely";
import { describeOnPostgres, freshAppDatabase } from "../../test/support/database";

installGlobals();

const database = await freshAppDatabase();

let db: DB;
let auth: typeof import("../utils/auth.server");
let passwords: typeof import("../../db/password");
let throttle: typeof import("./throttle.server");
let cheapHash: string;

const PASSWORD = "un-mot-de-passe-solide";
const client = { ip: "192.0.2.10", userAgent: "Firefox de test" };
const MINUTE = 60 * 1000;
const at = (minutes: number) => new Date(Date.UTC(2026, 4, 2, 10, 0) + minutes * MINUTE);

async function addUser(email: string, hash: string, state: "active" | "invited" | "disabled" = "active") {
  await db
    .insertInto("users")
    .values({
      email,
      password_hash: hash,
      name: email,
      is_admin: 0,
      licensee_id: null,
      created_at: at(0).toISOString(),
      state,
    })
    .execute();
}

const journal = (kind: string) =>
  db
    .selectFrom("security_journal")
    .select(["kind", "email", "ip", "user_agent", "at"])
    .where("kind", "=", kind)
    .orderBy("id")
    .execute();

beforeAll(async () => {
  ({ db } = await import("../utils/db.server"));
  auth = await import("../utils/auth.server");
  passwords = await import("../../db/password");
  throttle = await import("./throttle.server");
  // A cheap hash (N = 2^10) for the throttle cases; the timing case below uses today's parameters.
  cheapHash = await passwords.hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
  await addUser("alice@test.fr", cheapHash);
});

beforeEach(async () => {
  // A successful login re-hashes with today's parameters: back to the cheap hash.
  await db.updateTable("users").set({ password_hash: cheapHash }).where("email", "=", "alice@test.fr").execute();
  await db.deleteFrom("login_throttles").execute();
  await db.deleteFrom("security_journal").execute();
});

afterAll(async () => {
  await db.destroy();
  await database.cleanup();
});

describe("login throttling per e-mail", () => {
  it("refuses the 6th attempt after 5 failures with 429, even with the right password, then accepts it after the delay", async () => {
    for (let i = 0; i < 5; i++) {
      expect(await auth.attemptLogin("alice@test.fr", "mauvais", client, at(i / 10))).toMatchObject({
        ok: false,
        status: 400,
      });
    }
    const refused = await auth.attemptLogin("Alice@test.fr", PASSWORD, client, at(0.6));
    expect(refused).toEqual({ ok: false, status: 429, message: "Trop de tentatives : réessayez dans 1 minutes." });
    expect(await auth.attemptLogin("alice@test.fr", PASSWORD, client, at(1.4))).toMatchObject({ ok: true });
    // The success cleared the counter: five more failures are answered 400 again.
    for (let i = 0; i < 5; i++) {
      expect(await auth.attemptLogin("alice@test.fr", "mauvais", client, at(2 + i / 10))).toMatchObject({
        status: 400,
      });
    }
    expect((await journal("login_failed")).length).toBe(10);
    expect(await journal("login_throttled")).toEqual([
      {
        kind: "login_throttled",
        email: "alice@test.fr",
        ip: "192.0.2.10",
        user_agent: "Firefox de test",
        at: at(0.6).toISOString(),
      },
    ]);
    expect((await journal("login_succeeded")).map((r) => r.email)).toEqual(["alice@test.fr"]);
  });

  it("doubles the delay at each failure after a delay, up to an hour", async () => {
    let t = 0;
    for (let i = 0; i < 5; i++) await auth.attemptLogin("alice@test.fr", "mauvais", client, at((t += 0.1)));
    const delays: string[] = [];
    for (let round = 0; round < 8; round++) {
      const refused = await auth.attemptLogin("alice@test.fr", "mauvais", client, at(t + 0.01));
      expect(refused.ok).toBe(false);
      delays.push(refused.ok ? "" : refused.message);
      // Wait for the end of the delay, then fail once more.
      const row = await db
        .selectFrom("login_throttles")
        .select("blocked_until")
        .where("key", "=", "email:alice@test.fr")
        .executeTakeFirstOrThrow();
      t = (Date.parse(row.blocked_until!) - at(0).getTime()) / MINUTE + 0.01;
      expect(await auth.attemptLogin("alice@test.fr", "mauvais", client, at(t))).toMatchObject({ status: 400 });
    }
    expect(delays.map((m) => Number(/dans (\d+) minutes/.exec(m)?.[1]))).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
  }, 60_000);

  it("answers an unknown e-mail exactly as a known one", async () => {
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (let i = 0; i < 6; i++) known.push(await auth.attemptLogin("alice@test.fr", "mauvais", client, at(i / 10)));
    for (let i = 0; i < 6; i++)
      unknown.push(await auth.attemptLogin("personne@test.fr", "mauvais", client, at(i / 10)));
    expect(unknown).toEqual(known);
    expect(known[4]).toEqual({ ok: false, status: 400, message: "Identifiant ou mot de passe incorrect" });
    expect(known[5]).toEqual({ ok: false, status: 429, message: "Trop de tentatives : réessayez dans 1 minutes." });
  }, 120_000);

  it("counts attempts under way: of ten parallel wrong attempts, five are checked, the others refused", async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => auth.attemptLogin("alice@test.fr", "mauvais", client, at(0))),
    );
    expect(results.filter((r) => !r.ok && r.status === 400)).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.status === 429)).toHaveLength(5);
  });
});

describeOnPostgres("a login and another attempt from the same address at the same moment", () => {
  // Two server processes: one ends a successful login (the e-mail's counter cleared, the address's
  // attempt taken back) while another begins an attempt from the same address for the same
  // e-mail (the address's counter, then the e-mail's). Both take the counters in the same order,
  // so that neither waits for a row the other holds while holding one it wants (a deadlock, and
  // one of them failing with an error).
  it("both go through", async () => {
    // Today's parameters: the password check leaves time for the other attempt to begin.
    await db
      .updateTable("users")
      .set({ password_hash: await passwords.hashPassword(PASSWORD) })
      .where("email", "=", "alice@test.fr")
      .execute();
    const waiting = async () =>
      (
        await sql<{ n: number }>`select count(*)::integer as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`.execute(db)
      ).rows[0].n;
    const login = auth.attemptLogin("alice@test.fr", PASSWORD, client, at(0));
    // Its attempt is counted: the password is being checked.
    while (
      !(await db
        .selectFrom("login_throttles")
        .select("key")
        .where("key", "=", "email:alice@test.fr")
        .executeTakeFirst())
    )
      await new Promise((resolve) => setTimeout(resolve, 5));
    const other = await db.transaction().execute(async (trx) => {
      const address = await throttle.beginAttempt(trx, throttle.ipKey(client.ip), throttle.IP_LIMIT, at(0));
      // The login's last transaction has begun and waits for the address's counter.
      while ((await waiting()) === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      const email = await throttle.beginAttempt(trx, throttle.emailKey("alice@test.fr"), throttle.EMAIL_LIMIT, at(0));
      return [address, email];
    });
    expect(other).toEqual([{ allowed: true }, { allowed: true }]);
    expect(await login).toMatchObject({ ok: true });
  }, 60_000);
});

describe("login throttling per IP", () => {
  it("holds an address back after 50 failures in 15 minutes, whatever the e-mails tried", async () => {
    // Ten accounts, five failures each (the e-mails' own limit): fifty failures from one address.
    for (let u = 0; u < 10; u++) {
      await addUser(`membre${u}@test.fr`, await passwords.hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 }));
      for (let i = 0; i < 5; i++) {
        const result = await auth.attemptLogin(`membre${u}@test.fr`, "mauvais", client, at(u / 2 + i / 20));
        expect(result).toMatchObject({ status: 400 });
      }
    }
    expect(await auth.attemptLogin("alice@test.fr", PASSWORD, client, at(5.5))).toMatchObject({ status: 429 });
    // Another address is not concerned.
    expect(await auth.attemptLogin("alice@test.fr", PASSWORD, { ...client, ip: "192.0.2.11" }, at(5.5))).toMatchObject({
      ok: true,
    });
  });

  it("forgets failures older than 15 minutes", async () => {
    for (let i = 0; i < 4; i++) await auth.attemptLogin("alice@test.fr", "mauvais", client, at(i));
    for (let i = 0; i < 4; i++) {
      expect(await auth.attemptLogin("alice@test.fr", "mauvais", client, at(20 + i))).toMatchObject({ status: 400 });
    }
  });
});

describe("login", () => {
  it("re-hashes a hash of older parameters at a successful login, records the time of the login", async () => {
    await addUser("bruno@test.fr", await passwords.hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 }));
    expect(await auth.attemptLogin("bruno@test.fr", PASSWORD, client, at(0))).toMatchObject({ ok: true });
    const row = await db
      .selectFrom("users")
      .select(["password_hash", "last_login_at"])
      .where("email", "=", "bruno@test.fr")
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(row.last_login_at).toBe(at(0).toISOString());
    expect(await passwords.verifyPassword(PASSWORD, row.password_hash)).toBe(true);
    expect(await auth.attemptLogin("bruno@test.fr", PASSWORD, client, at(1))).toMatchObject({ ok: true });
  }, 60_000);

  it("refuses an invited or a disabled account with the message of a wrong password", async () => {
    await addUser("invite@test.fr", "", "invited");
    await addUser("parti@test.fr", await passwords.hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 }), "disabled");
    for (const email of ["invite@test.fr", "parti@test.fr"]) {
      expect(await auth.attemptLogin(email, PASSWORD, client, at(0))).toEqual({
        ok: false,
        status: 400,
        message: "Identifiant ou mot de passe incorrect",
      });
    }
  }, 60_000);

  it("takes as long for an unknown e-mail as for a known one (within 10 %)", async () => {
    await addUser("claire@test.fr", await passwords.hashPassword(PASSWORD));
    await passwords.decoyHash();
    const time = async (email: string, i: number) => {
      const started = performance.now();
      await auth.attemptLogin(email, "mauvais", { ...client, ip: null }, at(100 + i));
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time("claire@test.fr", i));
      unknown.push(await time("personne-du-tout@test.fr", i));
    }
    // The fastest of each (five: a sixth would be throttled): the login's own cost, without the machine's other work.
    const fastest = (xs: number[]) => Math.min(...xs);
    expect(Math.abs(fastest(known) - fastest(unknown)) / fastest(known)).toBeLessThan(0.1);
  }, 120_000);
});
