/**
 * Importing a checked file without choosing it again, against a real, freshly migrated
 * database: the signed field gives back what the check read, for that user and scope only, and
 * stays small; the database is asked again before anything is written (a licensee renamed, a new
 * grid in force, a list changed since the check), with nothing written on any refusal; one field
 * creates one session, however often and from however many connections it is posted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "../../db/connection";
import { dumpTables, freshDatabase } from "../../test/support/database";
import { buildSessionExportFile, buildTemplateFile } from "./export.server";
import { analyseUpload, type ImportAnalysis } from "./import-check.server";
import {
  ALREADY_IMPORTED_MESSAGE,
  EXPIRED_MESSAGE,
  LISTS_CHANGED_MESSAGE,
  OTHER_SCOPE_MESSAGE,
  confirmationKey,
  importedBy,
  openCheckedImport,
  recheckImport,
  sealCheckedImport,
  type CheckedContent,
} from "./import-confirm.server";
import { fillTemplate, type Fill } from "../../test/support/import-fixtures";
import { seal } from "../excel/signed-payload.server";
import { findTemplate } from "../excel/templates";
import { INITIATEUR_FILL, SESSIONS, importTestDatabase, licenceOf, sessionId } from "../../test/support/excel-world";

const SECRET = "un-secret-de-test-un-secret-de-test";
const LARGE = 2000;

let database: Awaited<ReturnType<typeof freshDatabase>>;
let db: DB;
let save: typeof import("./import.server");
let ids: Awaited<ReturnType<typeof importTestDatabase>>["ids"];

beforeAll(async () => {
  ({ database, db, ids } = await importTestDatabase({ largeCandidates: LARGE }));
  save = await import("./import.server");
}, 120_000);

afterAll(async () => {
  await database?.cleanup();
});

/** The shared Initiateur bordereau, its président alone on the jury. */
const PRESIDENT_ONLY: Fill = { ...INITIATEUR_FILL, jury: INITIATEUR_FILL.jury!.slice(0, 1) };

const ready = (analysis: ImportAnalysis) => {
  if (analysis.status !== "ready") throw new Error(JSON.stringify(analysis));
  return analysis;
};

async function checkedInitiateur() {
  const bytes = await fillTemplate(
    (await buildTemplateFile(db, findTemplate("session-initiateur")!, null)).body,
    PRESIDENT_ONLY,
  );
  const analysis = ready(await analyseUpload(db, bytes, { organiserId: ids.club, target: { kind: "new" } }));
  const token = sealCheckedImport(
    SECRET,
    { userId: ids.user, organiserId: ids.club },
    "initiateur.xlsx",
    analysis.file,
  );
  return { bytes, analysis, token };
}

function opened(token: string, who = { userId: ids.user, organiserId: ids.club }, now?: number) {
  const result = openCheckedImport(SECRET, token, who, now);
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe("the signed field of a checked file", () => {
  it("gives back what the check read: the recheck is ready and creates the same session as a direct import", async () => {
    const { analysis, token } = await checkedInitiateur();
    const back = opened(token);
    expect(back.fileName).toBe("initiateur.xlsx");
    const again = ready(await recheckImport(db, back.content, ids.club));
    expect(again.summary).toEqual(analysis.summary);
    expect(again.file.resolved.grid?.id).toBe(analysis.file.resolved.grid?.id);

    const input = { userId: ids.user, organiserId: ids.club, title: "", fileName: "initiateur.xlsx" };
    const direct = await save.createImportedSession(db, {
      ...input,
      title: "Initiateur direct",
      file: analysis.file,
      licensees: analysis.licensees,
    });
    const confirmed = await save.createImportedSession(db, {
      ...input,
      title: "Initiateur confirmé",
      file: again.file,
      licensees: again.licensees,
    });
    expect((await save.loadSessionState(db, confirmed))!.state).toEqual(
      (await save.loadSessionState(db, direct))!.state,
    );
    expect(
      await db.selectFrom("audit_log").select(["action", "details"]).where("session_id", "=", confirmed).execute(),
    ).toEqual([
      {
        action: "session_imported",
        details: "importé depuis initiateur.xlsx : 3 candidats, 1 membre du jury, 5 notes",
      },
    ]);
  });

  it("is refused when altered, expired, made for another user, another purpose, or garbage; another scope says so", async () => {
    const now = Date.now();
    const { analysis } = await checkedInitiateur();
    const token = sealCheckedImport(
      SECRET,
      { userId: ids.user, organiserId: ids.club },
      "initiateur.xlsx",
      analysis.file,
      now,
    );
    const who = { userId: ids.user, organiserId: ids.club };
    const expired = { ok: false, status: 400, message: EXPIRED_MESSAGE };
    const [body, signature] = token.split(".");
    const altered = `${body.slice(0, 20)}${body[20] === "A" ? "B" : "A"}${body.slice(21)}.${signature}`;
    expect(openCheckedImport(SECRET, altered, who, now)).toEqual(expired);
    expect(openCheckedImport(SECRET, `${body}.${signature.slice(0, -1)}`, who, now)).toEqual(expired);
    expect(openCheckedImport(SECRET, token, who, now + 3601_000)).toEqual(expired);
    expect(openCheckedImport(SECRET, token, who, now + 3599_000).ok).toBe(true);
    expect(openCheckedImport(SECRET, token, { ...who, userId: ids.user + 1 }, now)).toEqual(expired);
    expect(openCheckedImport("un-autre-secret-un-autre-secret-xx", token, who, now)).toEqual(expired);
    const payload = { userId: ids.user, organiserId: ids.club, fileName: "x.xlsx", content: {} };
    for (const purpose of ["session-update", "import-report"] as const) {
      expect(openCheckedImport(SECRET, seal(SECRET, purpose, payload, 3600, now), who, now)).toEqual(expired);
    }
    for (const garbage of [null, undefined, "", ".", "abc", body])
      expect(openCheckedImport(SECRET, garbage, who, now)).toEqual(expired);
    expect(openCheckedImport(SECRET, token, { ...who, organiserId: ids.region }, now)).toEqual({
      ok: false,
      status: 409,
      message: OTHER_SCOPE_MESSAGE,
    });
  });

  it("stays small: a usual bordereau in a few hundred bytes, 2,000 candidates of 15 tests well under 100 KB", async () => {
    const { bytes, token } = await checkedInitiateur();
    expect(token.length).toBeLessThan(2_000);
    expect(token.length).toBeLessThan(bytes.length / 10);

    const id = await sessionId(db, SESSIONS.large);
    const exported = (await buildSessionExportFile(db, id, null))!.body;
    const large = ready(await analyseUpload(db, exported, { organiserId: ids.region, target: { kind: "new" } }));
    expect(large.summary.candidates).toBe(LARGE);
    const largeToken = sealCheckedImport(
      SECRET,
      { userId: ids.user, organiserId: ids.region },
      "gros.xlsx",
      large.file,
    );
    expect(largeToken.length).toBeLessThan(100_000);
    expect(largeToken.length).toBeLessThan(exported.length);
    const again = ready(
      await recheckImport(db, opened(largeToken, { userId: ids.user, organiserId: ids.region }).content, ids.region),
    );
    expect(again.summary).toEqual(large.summary);
  });
});

describe("the database is asked again before the session is created", () => {
  it("a licensee renamed since the check: the problem on its row, as a fresh upload says it", async () => {
    const { token } = await checkedInitiateur();
    const licensee = await db
      .selectFrom("licensees")
      .select(["id", "first_name"])
      .where("licence", "=", licenceOf(7))
      .executeTakeFirstOrThrow();
    await db.updateTable("licensees").set({ first_name: "Zoë-Marie" }).where("id", "=", licensee.id).execute();
    try {
      expect(await recheckImport(db, opened(token).content, ids.club)).toEqual({
        status: "problems",
        problems: [
          {
            sheet: "Candidats",
            row: 4,
            column: "Prénom",
            value: "Zoé",
            message: `Le numéro de licence ${licenceOf(7)} ne correspond pas à Bernard Zoé`,
          },
        ],
      });
    } finally {
      await db
        .updateTable("licensees")
        .set({ first_name: licensee.first_name })
        .where("id", "=", licensee.id)
        .execute();
    }
  });

  it("the organiser's right to the brevet is checked for the organiser given", async () => {
    const bytes = await fillTemplate((await buildTemplateFile(db, findTemplate("session-anteor")!, null)).body, {
      certification: "ANTEOR",
      startDate: "2026-09-19",
      candidates: [{ licence: licenceOf(3), lastName: "Lefèvre", firstName: "Hélène" }],
    });
    const analysis = ready(await analyseUpload(db, bytes, { organiserId: ids.region, target: { kind: "new" } }));
    const content: CheckedContent = {
      marker: analysis.file.marker,
      header: analysis.file.header,
      jury: analysis.file.jury,
      candidates: analysis.file.candidates,
    };
    expect((await recheckImport(db, content, ids.region)).status).toBe("ready");
    expect(await recheckImport(db, content, ids.club)).toMatchObject({
      status: "problems",
      problems: [{ message: "Cet organisateur ne peut pas organiser ce brevet" }],
    });
  });

  it("an equivalence no longer in the list: refused as a changed list", async () => {
    const { token } = await checkedInitiateur();
    const { content } = opened(token);
    const changed: CheckedContent = {
      ...content,
      candidates: content.candidates.map((c) => ({ ...c, equivalence: c.equivalence && "CMAS-9" })),
    };
    expect(await recheckImport(db, changed, ids.club)).toEqual({
      status: "refused",
      refusal: {
        kind: "outdated-template",
        message: LISTS_CHANGED_MESSAGE,
        link: {
          href: "/modeles/session-initiateur.xlsx",
          label: "Télécharger le modèle « Session Initiateur » à jour",
        },
      },
    });
  });

  it("a new exam grid in force since the check: refused with the grid message, nothing written", async () => {
    const { token } = await checkedInitiateur();
    const current = await db
      .selectFrom("exam_grids")
      .selectAll()
      .where("code", "=", "INITIATEUR")
      .orderBy("version", "desc")
      .executeTakeFirstOrThrow();
    const { id: newer } = await db
      .insertInto("exam_grids")
      .values({ ...current, id: undefined, version: current.version + 1, label: `${current.label} (révisée)` })
      .returning("id")
      .executeTakeFirstOrThrow();
    try {
      const before = await dumpTables(db);
      const analysis = await recheckImport(db, opened(token).content, ids.club);
      expect(analysis).toMatchObject({ status: "refused", refusal: { kind: "outdated-grid" } });
      expect(analysis.status === "refused" && analysis.refusal.message).toContain(
        `porte la grille INITIATEUR en version ${current.version}`,
      );
      expect(await dumpTables(db)).toEqual(before);
    } finally {
      await db.deleteFrom("exam_grids").where("id", "=", newer).execute();
    }
  });
});

describe("a checked file is imported once", () => {
  /** What the route does with a posted field: open it, ask the database again, create with its key. */
  async function importField(conn: DB, token: string, title: string) {
    const back = opened(token);
    const again = ready(await recheckImport(conn, back.content, ids.club));
    return save.createImportedSession(conn, {
      userId: ids.user,
      organiserId: ids.club,
      title,
      fileName: back.fileName,
      file: again.file,
      licensees: again.licensees,
      confirmation: confirmationKey(token),
    });
  }
  const titled = async (title: string) =>
    (await db.selectFrom("exam_sessions").select("id").where("title", "=", title).execute()).map((r) => r.id);

  /** The field posted again (through `conn`): refused as imported already, nothing written, still the one session `id`. */
  async function expectImportedOnce(conn: DB, token: string, title: string, id: number) {
    // PostgreSQL's id sequences move with the rolled-back inserts: the rows are compared.
    const before = await dumpTables(db, { sequences: false });
    await expect(importField(conn, token, title)).rejects.toBeInstanceOf(save.AlreadyImported);
    expect(await dumpTables(db, { sequences: false })).toEqual(before);
    expect(await titled(title)).toEqual([id]);
  }

  it("the same field posted twice creates one session; the second post is told so and led to it", async () => {
    const { token } = await checkedInitiateur();
    const key = confirmationKey(token);
    expect(await importedBy(db, key, ids.club)).toBeNull();
    const id = await importField(db, token, "Initiateur importé deux fois");

    await expectImportedOnce(db, token, "Initiateur importé deux fois", id);
    expect(await importedBy(db, key, ids.club)).toEqual({ sessionId: id, message: ALREADY_IMPORTED_MESSAGE });
    expect(ALREADY_IMPORTED_MESSAGE).toBe("Ce fichier a déjà été importé : voici la session créée.");

    // Another check of the same file makes another field: that one may create a second draft.
    const { token: other } = await checkedInitiateur();
    expect(confirmationKey(other)).not.toBe(key);
  });

  it("two server processes that both found the field unused: the second transaction writes nothing", async () => {
    const { token } = await checkedInitiateur();
    const key = confirmationKey(token);
    // Another connection to the same file, as another server process has. (Both in this process
    // cannot hold transactions at the same time: better-sqlite3 would wait for the lock
    // synchronously, blocking the other one; SQLite runs such transactions one after the other.)
    const second = openDatabase(database.path);
    try {
      expect([await importedBy(db, key, ids.club), await importedBy(second, key, ids.club)]).toEqual([null, null]);
      const id = await importField(db, token, "Initiateur concurrent");
      await expectImportedOnce(second, token, "Initiateur concurrent", id);
      expect(await importedBy(second, key, ids.club)).toEqual({ sessionId: id, message: ALREADY_IMPORTED_MESSAGE });
    } finally {
      await second.destroy();
    }
  });

  it("once its session is deleted, the field creates nothing and is answered as expired; the deletion is not blocked", async () => {
    const { token } = await checkedInitiateur();
    const id = await importField(db, token, "Initiateur supprimé");
    await db.deleteFrom("exam_sessions").where("id", "=", id).execute();
    expect(await titled("Initiateur supprimé")).toEqual([]);
    expect(await importedBy(db, confirmationKey(token), ids.club)).toEqual({
      sessionId: null,
      status: 409,
      message: EXPIRED_MESSAGE,
    });
    await expect(importField(db, token, "Initiateur supprimé")).rejects.toBeInstanceOf(save.AlreadyImported);
    expect(await titled("Initiateur supprimé")).toEqual([]);
  });
});
