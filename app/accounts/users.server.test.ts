import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/connection";
import { loadWorld } from "../../db/load";
import * as m011 from "../../db/migrations/011_user_name_search";
import { freshAppDatabase } from "../../test/support/database";
import { personalSpaceWorld } from "../../test/support/personal-space-world";

const database = await freshAppDatabase();

let db: DB;
let users: typeof import("./users.server");

beforeAll(async () => {
  ({ db } = await import("~/utils/db.server"));
  users = await import("./users.server");
  const world = personalSpaceWorld();
  world.users!.push(
    { email: "elodie.martin@test.fr", password: "motdepasse-test", nom: "Martin Élodie" },
    { email: "jf@test.fr", password: "motdepasse-test", nom: "Jean-François Œuvray" },
  );
  await loadWorld(db, world);
});

afterAll(async () => {
  await db.destroy();
  await database.cleanup();
});

const found = async (search: string) => (await users.listUsers("all", search, 1)).users.map((u) => u.email);

describe("the accounts screen's search", () => {
  it("finds a name whatever the order, case, accents, hyphens and commas", async () => {
    for (const search of ["elodie martin", "ÉLODIE", "Martin, Élodie", "martin-elodie", "  élo  "]) {
      expect(await found(search), search).toEqual(["elodie.martin@test.fr"]);
    }
    expect(await found("jean francois oeuvray")).toEqual(["jf@test.fr"]);
    expect(await found("françois")).toEqual(["jf@test.fr"]);
  });

  it("finds a part of the e-mail, whatever its case", async () => {
    expect(await found("ELODIE.MARTIN@")).toEqual(["elodie.martin@test.fr"]);
  });

  it("finds nobody when one word matches no one, and takes % and _ as letters", async () => {
    expect(await found("elodie durand")).toEqual([]);
    expect(await found("%")).toEqual([]);
    expect(await found("_")).toEqual([]);
  });

  it("is written for accounts made before it (migration 011)", async () => {
    await m011.down(db);
    await m011.up(db);
    const row = await db
      .selectFrom("users")
      .select("name_search")
      .where("email", "=", "jf@test.fr")
      .executeTakeFirstOrThrow();
    expect(row.name_search).toBe("jean francois oeuvray");
    expect(await found("Oeuvray Jean")).toEqual(["jf@test.fr"]);
  });
});
