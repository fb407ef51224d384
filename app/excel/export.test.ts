import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/connection";
import { freshDatabase } from "../../test/support/database";
import { SHEETS } from "./blocks";
import { noteText, openWorkbook, readMarker, readSessionContent } from "./read-back";
import { resolveTemplate } from "./resolve";
import { buildSessionExportFile, loadExportedSession } from "../sessions/export.server";
import { loadTemplateData, templateForCertification } from "../sessions/template-data.server";
import { SESSIONS, licenceOf, seedExportWorld, sessionId } from "../../test/support/excel-world";

let db: DB;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ db, cleanup } = await freshDatabase());
  await seedExportWorld(db);
});
afterAll(async () => {
  await cleanup();
});

async function exportAndRead(title: string, allowed: ReadonlySet<string> | null = null) {
  const id = await sessionId(db, title);
  const file = (await buildSessionExportFile(db, id, allowed))!;
  const workbook = await openWorkbook(file.body);
  const exported = (await loadExportedSession(db, id))!;
  const marker = readMarker(workbook)!;
  const resolved = resolveTemplate(
    exported.spec,
    await loadTemplateData(db, exported.spec, { allowed, include: exported.session.certificationCode }, exported.grid),
  );
  return { id, file, workbook, exported, marker, content: readSessionContent(workbook, resolved) };
}

function withoutExportFields<T extends { id: number; revision: number; title: string; status: string }>(session: T) {
  const { id: _id, revision: _revision, title: _title, status: _status, ...content } = session;
  return content;
}

describe("a draft exported to Excel", () => {
  it("picks the template of the session's brevet", async () => {
    expect((await templateForCertification(db, "N2"))?.slug).toBe("session-sans-note");
    expect((await templateForCertification(db, "GP-N4"))?.slug).toBe("session-niveau-4");
    expect((await templateForCertification(db, "ANTEOR"))?.slug).toBe("session-anteor");
    expect(await templateForCertification(db, "XX")).toBeNull();
  });

  it("reads back to the same content: header, jury, candidates and equivalences (no grid)", async () => {
    const { id, file, workbook, exported, marker, content } = await exportAndRead(SESSIONS.n2, new Set(["N1", "N2"]));
    expect(file.fileName).toBe(`session-${id}-export-n2-printemps.xlsx`);
    expect(marker).toEqual({
      template: "session-sans-note",
      version: 1,
      grid: null,
      session: { id, revision: exported.session.revision },
    });
    expect(content).toEqual(withoutExportFields(exported.session));
    expect(content).toMatchObject({
      certificationCode: "N2",
      place: "=Fosse de Villeneuve-la-Garenne",
      startDate: "2026-05-16",
      endDate: null,
    });
    expect(content.jury.map((j) => [j.role, j.licence])).toEqual([
      ["president", licenceOf(1)],
      ["membre", licenceOf(2)],
    ]);
    expect(content.candidates.map((c) => [c.lastName, c.firstName, c.birthDate, c.equivalence])).toEqual([
      ["=Dupré", "Jean-François", "1985-11-30", null],
      ["Lefèvre", "Hélène", "1990-03-12", "CMAS-1"],
    ]);

    const session = workbook.getWorksheet(SHEETS.session)!;
    expect(session.getCell("B4").value).toBe("Plongeur Niveau 2");
    // Text that a spreadsheet could take for a formula is neutralised when written.
    expect(session.getCell("B5").value).toBe("'=Fosse de Villeneuve-la-Garenne");
    expect(session.getCell("A1").value).toBe("Session sans note – Export N2 printemps");
    expect(noteText(session.getCell("A4"))).toContain("brevet passé");
  });

  it("reads back to the same marks: values, NP, and the session's grid (Initiateur)", async () => {
    const { exported, marker, content, workbook } = await exportAndRead(SESSIONS.initiateur);
    expect(marker.template).toBe("session-initiateur");
    expect(marker.grid).toEqual({ code: "INITIATEUR", version: 1 });
    expect(content).toEqual(withoutExportFields(exported.session));
    expect(content.endDate).toBe("2026-04-12");
    // Candidates in name order: Bernard (incomplete), Da Silva (NP), Ngô.
    expect(content.candidates.map((c) => c.licence)).toEqual([licenceOf(7), licenceOf(6), licenceOf(5)]);
    const [bernard, daSilva, ngo] = content.candidates;
    expect(ngo.marks["pedagogie-organisationnelle"]).toEqual({ value: 12.5, code: null });
    expect(daSilva.marks.reglementation).toEqual({ value: null, code: "NP" });
    expect(bernard.marks.reglementation).toBeUndefined();
    expect(content.jury.map((j) => j.role)).toEqual(["president", "delegue"]);
    const sheet = workbook.getWorksheet(SHEETS.candidates)!;
    expect(sheet.getCell("F4").value).toBe(12);
    expect(sheet.getCell("I3").value).toBe("NP");
  });

  it("writes fait / non fait tests with the dropdown's words (Niveau 4)", async () => {
    const { exported, content, workbook } = await exportAndRead(SESSIONS.n4);
    expect(content).toEqual(withoutExportFields(exported.session));
    const sheet = workbook.getWorksheet(SHEETS.candidates)!;
    const capele = sheet.getRow(1).values as unknown[];
    const column = capele.indexOf("500 m capelé (fait / non fait)");
    // Faure (non fait, NF) before Roux (fait).
    expect(content.candidates.map((c) => c.licence)).toEqual([licenceOf(9), licenceOf(8)]);
    expect([sheet.getCell(2, column).value, sheet.getCell(3, column).value]).toEqual(["Non fait", "Fait"]);
    expect(content.candidates[0].marks["500m-capele"]).toEqual({ value: null, code: "NON_FAIT" });
    expect(content.candidates[0].marks.rse).toEqual({ value: null, code: "NF" });
  });

  it("keeps the session's own brevet in the list even when the organiser may not organise it any more", async () => {
    const { workbook, content } = await exportAndRead(SESSIONS.n2, new Set(["N1"]));
    expect(content.certificationCode).toBe("N2");
    const lists = workbook.getWorksheet(SHEETS.lists)!;
    expect([lists.getCell("A2").value, lists.getCell("A3").value, lists.getCell("A4").value]).toEqual([
      "Plongeur Niveau 1",
      "Plongeur Niveau 2",
      null,
    ]);
  });

  it("is null for a session that does not exist", async () => {
    expect(await buildSessionExportFile(db, 999_999, null)).toBeNull();
  });
});
