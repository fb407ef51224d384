/**
 * The import against a real, freshly migrated database: the registry checks of domain.md §8
 * with their exact messages and row numbers, the organiser's rights, nothing written on any
 * problem, the session created in one go, and a draft updated from its own export.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/connection";
import { dumpTables, freshDatabase, latestGridIdOf } from "../../test/support/database";
import { buildSessionExportFile, buildTemplateFile } from "./export.server";
import { analyseUpload, sameName, type ImportAnalysis } from "./import-check.server";
import { fillTemplate } from "../../test/support/import-fixtures";
import { findTemplate } from "../excel/templates";
import { INITIATEUR_FILL, SESSIONS, importTestDatabase, licenceOf, sessionId } from "../../test/support/excel-world";

let database: Awaited<ReturnType<typeof freshDatabase>>;
let db: DB;
let save: typeof import("./import.server");
let diff: typeof import("../excel/import-diff");
let ids: Awaited<ReturnType<typeof importTestDatabase>>["ids"];

beforeAll(async () => {
  ({ database, db, ids } = await importTestDatabase());
  save = await import("./import.server");
  diff = await import("../excel/import-diff");
}, 60_000);

afterAll(async () => {
  await database?.cleanup();
});

const blank = async (slug: string) => (await buildTemplateFile(db, findTemplate(slug)!, null)).body;
const analyse = (bytes: Uint8Array, organiserId = ids.club) =>
  analyseUpload(db, bytes, { organiserId, target: { kind: "new" } });
const ready = (analysis: ImportAnalysis) => {
  if (analysis.status !== "ready") throw new Error(JSON.stringify(analysis));
  return analysis;
};

describe("the registry checks", () => {
  it("compare names ignoring case, accents and spacing", () => {
    expect(sameName("Lefèvre", "  LEFEVRE ")).toBe(true);
    expect(sameName("Jean-François", "jean-francois")).toBe(true);
    expect(sameName("Da Silva", "Da  Silva")).toBe(true);
    expect(sameName("Le Goff", "LEGOFF")).toBe(true);
    expect(sameName("Jean-François", "Jean François")).toBe(false);
    expect(sameName("L’Hôte", "l'hote")).toBe(true);
    expect(sameName("Dupré", "Dupres")).toBe(false);
  });

  it("a wrong prénom on row 12 and an unknown licence on row 14: both reported with their rows, nothing written", async () => {
    const bytes = await fillTemplate(await blank("session-initiateur"), {
      ...INITIATEUR_FILL,
      candidates: [
        ...INITIATEUR_FILL.candidates!,
        { row: 12, licence: licenceOf(3), lastName: "Lefèvre", firstName: "Hélèna" },
        { row: 14, licence: "A-76-999999", lastName: "Inconnu", firstName: "Jean" },
      ],
    });
    const before = await dumpTables(db);
    const analysis = await analyse(bytes);
    expect(analysis).toEqual({
      status: "problems",
      problems: [
        {
          sheet: "Candidats",
          row: 12,
          column: "Prénom",
          value: "Hélèna",
          message: `Le numéro de licence ${licenceOf(3)} ne correspond pas à Lefèvre Hélèna`,
        },
        {
          sheet: "Candidats",
          row: 14,
          column: "Licence",
          value: "A-76-999999",
          message: "Numéro de licence inconnu : A-76-999999",
        },
      ],
    });
    expect(await dumpTables(db)).toEqual(before);
  });

  it("a jury member's licence is checked too, on the Session sheet", async () => {
    const bytes = await fillTemplate(await blank("session-initiateur"), {
      ...INITIATEUR_FILL,
      jury: [{ role: "Président de jury", licence: licenceOf(1), lastName: "Morel", firstName: "Claude" }],
    });
    expect((await analyse(bytes)) as unknown).toEqual({
      status: "problems",
      problems: [
        {
          sheet: "Session",
          row: 11,
          column: "Nom, Prénom",
          value: "Morel Claude",
          message: `Le numéro de licence ${licenceOf(1)} ne correspond pas à Morel Claude`,
        },
      ],
    });
  });

  it("a brevet the organiser may not organise is refused: a club and a Niveau 4", async () => {
    const bytes = await fillTemplate(await blank("session-niveau-4"), {
      certification: "Guide de palanquée (Niveau 4)",
      startDate: "12/10/2026",
    });
    expect(await analyse(bytes)).toEqual({
      status: "problems",
      problems: [
        {
          sheet: "Session",
          row: 4,
          column: "Brevet passé",
          value: "Guide de palanquée (Niveau 4)",
          message: "Cet organisateur ne peut pas organiser ce brevet",
        },
      ],
    });
    expect((await analyse(bytes, ids.region)).status).toBe("ready");
  });
});

describe("creating the session", () => {
  it("a dry run writes nothing; the import creates header, jury, candidates, equivalences and marks in one go", async () => {
    const bytes = await fillTemplate(await blank("session-initiateur"), INITIATEUR_FILL);
    const before = await dumpTables(db);
    const analysis = ready(await analyse(bytes));
    expect(analysis.summary).toEqual({
      template: "Session Initiateur",
      certificationCode: "INITIATEUR",
      certificationName: "Initiateur (E1)",
      place: "Piscine Georges-Vallerey",
      startDate: "2026-04-11",
      endDate: "2026-04-12",
      jury: 2,
      candidates: 3,
      marks: 5,
    });
    expect(await dumpTables(db)).toEqual(before);

    const id = await save.createImportedSession(db, {
      userId: ids.user,
      organiserId: ids.club,
      title: "Initiateur importé",
      fileName: "bordereau initiateur.xlsx",
      file: analysis.file,
      licensees: analysis.licensees,
    });
    const session = await db.selectFrom("exam_sessions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(session).toMatchObject({
      title: "Initiateur importé",
      organiser_id: ids.club,
      certification_code: "INITIATEUR",
      grid_id: await latestGridIdOf(db, "INITIATEUR"),
      place: "Piscine Georges-Vallerey",
      start_date: "2026-04-11",
      end_date: "2026-04-12",
      status: "draft",
      candidate_count: 3,
      created_by: ids.user,
    });
    const stored = (await save.loadSessionState(db, id))!.state;
    expect(stored.jury.map((j) => [j.licence, j.role]).sort()).toEqual([
      [licenceOf(1), "president"],
      [licenceOf(2), "delegue"],
    ]);
    expect(
      stored.candidates
        .map((c) => [c.licence, c.equivalence, c.marks])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      [
        licenceOf(5),
        null,
        {
          mannequin: { value: 12 },
          "pedagogie-pratique": { value: 12 },
          "pedagogie-organisationnelle": { value: 12.5 },
          reglementation: { value: 12 },
        },
      ],
      [licenceOf(6), "CMAS-2", { mannequin: { code: "NP" } }],
      [licenceOf(7), null, {}],
    ]);
    const history = await db
      .selectFrom("audit_log")
      .select(["action", "details", "user_id"])
      .where("session_id", "=", id)
      .execute();
    expect(history).toEqual([
      {
        action: "session_imported",
        details: "importé depuis bordereau initiateur.xlsx : 3 candidats, 2 membres du jury, 5 notes",
        user_id: ids.user,
      },
    ]);
  });

  it("an ANTEOR session is created by import, by a committee", async () => {
    const bytes = await fillTemplate(await blank("session-anteor"), {
      certification: "ANTEOR",
      startDate: "2026-09-19",
      candidates: [{ licence: licenceOf(3), lastName: "Lefèvre", firstName: "Hélène" }],
    });
    expect((await analyse(bytes)) as unknown).toMatchObject({
      status: "problems",
      problems: [{ message: "Cet organisateur ne peut pas organiser ce brevet" }],
    });
    const analysis = ready(await analyse(bytes, ids.region));
    const id = await save.createImportedSession(db, {
      userId: ids.user,
      organiserId: ids.region,
      title: "ANTEOR septembre",
      fileName: "anteor.xlsx",
      file: analysis.file,
      licensees: analysis.licensees,
    });
    expect(
      await db
        .selectFrom("exam_sessions")
        .select(["certification_code", "grid_id", "candidate_count"])
        .where("id", "=", id)
        .executeTakeFirst(),
    ).toEqual({
      certification_code: "ANTEOR",
      grid_id: null,
      candidate_count: 1,
    });
  });
});

describe("updating a draft from its own export", () => {
  async function exportOf(id: number) {
    return (await buildSessionExportFile(db, id, null))!.body;
  }

  /** The export with Ngô Anh's Mannequin changed to 15 and Bernard Zoé's row emptied. */
  async function edited(id: number) {
    return fillTemplate(await exportOf(id), {
      edit: (workbook) => {
        const sheet = workbook.getWorksheet("Candidats")!;
        for (let row = 2; row <= 4; row++) {
          const licence = sheet.getCell(row, 1).value;
          if (licence === licenceOf(5)) sheet.getCell(row, 6).value = 15;
          if (licence === licenceOf(7))
            for (let column = 1; column <= 9; column++) sheet.getCell(row, column).value = null;
        }
      },
    });
  }

  async function preview(id: number, bytes: Uint8Array) {
    const stored = (await save.loadSessionState(db, id))!;
    const analysis = await analyseUpload(db, bytes, {
      organiserId: stored.organiserId,
      target: { kind: "update", gridId: stored.gridId },
      expected: findTemplate("session-initiateur"),
      sessionId: id,
    });
    return { stored, analysis };
  }

  type Update = Parameters<typeof save.applySessionUpdate>[1];

  /** Applies `target`, read from session-initiateur.xlsx, to the session as it was when `seen` was read. */
  function update(id: number, seen: Update["seen"], target: Update["target"]) {
    return save.applySessionUpdate(db, {
      sessionId: id,
      userId: ids.user,
      fileName: "session-initiateur.xlsx",
      target,
      seen,
    });
  }

  /** The update is refused (409) with `message`, and nothing is written. */
  async function expectRefused(id: number, seen: Update["seen"], target: Update["target"], message: string) {
    const before = await dumpTables(db);
    expect(await update(id, seen, target)).toEqual({ ok: false, status: 409, message });
    expect(await dumpTables(db)).toEqual(before);
  }

  it("shows one mark changed and one candidate removed, then applies exactly that, with its history", async () => {
    const id = await sessionId(db, SESSIONS.initiateur);
    const { stored, analysis } = await preview(id, await edited(id));
    const target = save.stateFromFile(ready(analysis).file, ready(analysis).licensees);
    const changes = diff.diffSession(stored.state, target, ready(analysis).file.resolved.grid!.tests);
    expect(changes).toMatchObject({
      header: [],
      candidatesAdded: [],
      candidatesRemoved: [{ licence: licenceOf(7), name: "Zoé Bernard" }],
      equivalences: [],
      juryAdded: [],
      juryRemoved: [],
      juryRoles: [],
      marks: [
        {
          person: { licence: licenceOf(5), name: "Anh Ngô" },
          testCode: "mannequin",
          test: "Mannequin",
          before: "12",
          after: "15",
        },
      ],
      marksOfAdded: 0,
    });

    const result = await update(id, stored, target);
    expect(result.ok).toBe(true);
    const after = (await save.loadSessionState(db, id))!;
    expect(after.version).toBe(stored.version + 1);
    expect(after.state.candidates.map((c) => c.licence).sort()).toEqual([licenceOf(5), licenceOf(6)]);
    expect(after.state.candidates.find((c) => c.licence === licenceOf(5))!.marks.mannequin).toEqual({ value: 15 });
    expect(after.state.candidates.find((c) => c.licence === licenceOf(6))!.marks).toEqual(
      stored.state.candidates.find((c) => c.licence === licenceOf(6))!.marks,
    );
    const history = await db
      .selectFrom("audit_log")
      .select(["action", "details"])
      .where("session_id", "=", id)
      .where("action", "in", ["candidate_removed", "session_updated"])
      .orderBy("id")
      .execute();
    expect(history).toEqual([
      { action: "candidate_removed", details: `Zoé Bernard (${licenceOf(7)})` },
      {
        action: "session_updated",
        details: "mis à jour depuis session-initiateur.xlsx : 1 candidat retiré, 1 note modifiée",
      },
    ]);

    // The same confirmation again: the session moved since the check.
    await expectRefused(id, stored, target, save.CHANGED_SINCE_CHECK);
  });

  it("a file exported from another session is refused", async () => {
    const id = await sessionId(db, SESSIONS.initiateur);
    const source = await db.selectFrom("exam_sessions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const { id: other } = await db
      .insertInto("exam_sessions")
      .values({
        ...source,
        id: undefined,
        title: "Autre Initiateur",
        title_search: "autre initiateur",
        version: 1,
        candidate_count: 0,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const { analysis } = await preview(other, await exportOf(id));
    expect(analysis).toEqual({
      status: "refused",
      refusal: {
        kind: "other-session",
        message: `Ce fichier a été exporté depuis une autre session (n° ${id}) : exportez cette session-ci avec « Exporter vers Excel », ou partez d'un bordereau vierge.`,
        link: { href: `/sessions/${other}/excel.xlsx`, label: "Exporter cette session vers Excel" },
      },
    });
  });

  it("a closed session refuses the update, and the database holds it too", async () => {
    const id = await sessionId(db, SESSIONS.n4);
    const bytes = await exportOf(id);
    const { stored, analysis } = await preview(id, bytes);
    expect(analysis.status).toBe("refused"); // another template than Initiateur
    const n4 = await analyseUpload(db, bytes, {
      organiserId: stored.organiserId,
      target: { kind: "update", gridId: stored.gridId },
      expected: findTemplate("session-niveau-4"),
      sessionId: id,
    });
    const target = save.stateFromFile(ready(n4).file, ready(n4).licensees);
    await db.updateTable("exam_sessions").set({ status: "closed" }).where("id", "=", id).execute();
    await expectRefused(id, stored, target, "Cette session est clôturée : elle ne peut plus être modifiée.");
  });
});
