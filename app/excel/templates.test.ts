import type ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/connection";
import { freshDatabase } from "../../test/support/database";
import { COMMENTS, SHEETS } from "./blocks";
import { buildTemplateFile } from "../sessions/export.server";
import { fileSlug } from "./build.server";
import { plainCellValue, sheetRows } from "./cell-value";
import { columnsByHeader, locateFields, locateTable, normalizeHeader } from "./headers";
import { noteText, openWorkbook, readMarker } from "./read-back";
import { resolveTemplate } from "./resolve";
import type { ResolvedTemplate, TemplateSpec } from "./spec";
import { loadTemplateData } from "../sessions/template-data.server";
import { TEMPLATES, findTemplate, templateById, templateFromFileName } from "./templates";

let db: DB;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ db, cleanup } = await freshDatabase());
});
afterAll(async () => {
  await cleanup();
});

type Validation = { type: string; formulae?: string[] };

/** exceljs expands a range validation to every cell it covers, all sharing one object. */
function validationsOf(sheet: ExcelJS.Worksheet): Record<string, Validation | undefined> {
  return (sheet as unknown as { dataValidations: { model: Record<string, Validation> } }).dataValidations.model;
}

/** The values of a list validation's source range (`Listes!$A$2:$A$23`). */
function listValues(workbook: ExcelJS.Workbook, formula: string): string[] {
  const match = /^'?([^'!]+)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(formula);
  if (!match) throw new Error(`Not a range: ${formula}`);
  const sheet = workbook.getWorksheet(match[1])!;
  const values: string[] = [];
  for (let r = Number(match[3]); r <= Number(match[5]); r++)
    values.push(String(plainCellValue(sheet.getCell(`${match[2]}${r}`).value)));
  return values;
}

/** Asserts one validation covers exactly `from`..`to` of a column and returns it. */
function expectColumnValidation(sheet: ExcelJS.Worksheet, letter: string, from: number, to: number): Validation {
  const model = validationsOf(sheet);
  const first = model[`${letter}${from}`];
  expect(first, `${sheet.name}!${letter}${from}`).toBeDefined();
  expect(model[`${letter}${to}`], `${sheet.name}!${letter}${to}`).toBe(first);
  expect(model[`${letter}${Math.floor((from + to) / 2)}`]).toBe(first);
  expect(model[`${letter}${to + 1}`]).toBeUndefined();
  if (from > 1) expect(model[`${letter}${from - 1}`]).toBeUndefined();
  return first!;
}

function isLocked(cell: ExcelJS.Cell): boolean {
  return cell.protection?.locked !== false;
}

async function blank(spec: TemplateSpec, allowed: ReadonlySet<string> | null = null) {
  const file = await buildTemplateFile(db, spec, allowed);
  const workbook = await openWorkbook(file.body);
  const resolved = resolveTemplate(spec, await loadTemplateData(db, spec, { allowed }));
  return { file, workbook, resolved };
}

async function examinableCodes(template: string): Promise<string[]> {
  const rows = await db
    .selectFrom("certifications")
    .select("code")
    .where("template", "=", template as never)
    .where("examinable", "=", 1)
    .orderBy("sort_order")
    .execute();
  return rows.map((r) => r.code);
}

async function names(codes: string[]): Promise<string[]> {
  const rows = await db.selectFrom("certifications").select(["code", "name"]).where("code", "in", codes).execute();
  return codes.map((code) => rows.find((r) => r.code === code)!.name);
}

/** The latest grid of a code, straight from the tables (not through the module under test). */
async function gridTests(code: string) {
  const grid = await db
    .selectFrom("exam_grids")
    .selectAll()
    .where("code", "=", code)
    .orderBy("version", "desc")
    .executeTakeFirstOrThrow();
  const tests = await db
    .selectFrom("grid_tests")
    .selectAll()
    .where("grid_id", "=", grid.id)
    .orderBy("sort_order")
    .execute();
  return { grid, tests };
}

describe("the template registry", () => {
  it("has the five bordereaux of the Commission Technique, by slug and by id", () => {
    expect(TEMPLATES.map((t) => [t.name, t.slug])).toEqual([
      ["Session sans note", "session-sans-note"],
      ["Session Initiateur", "session-initiateur"],
      ["Session MF1", "session-mf1"],
      ["Session Niveau 4", "session-niveau-4"],
      ["Session Anteor", "session-anteor"],
    ]);
    expect(findTemplate("session-mf1")?.id).toBe("mf1");
    expect(findTemplate("session-mf2")).toBeUndefined();
    expect(templateById("niveau-4").slug).toBe("session-niveau-4");
    expect(templateFromFileName("session-niveau-4.xlsx")?.slug).toBe("session-niveau-4");
    expect(templateFromFileName("session-niveau-4")).toBeUndefined();
    expect(templateFromFileName("../session-mf1.xlsx")).toBeUndefined();
    expect(templateFromFileName("session-inconnue.xlsx")).toBeUndefined();
  });

  it("makes file names from titles", () => {
    expect(fileSlug("Tritons N2 – été à Sormiou")).toBe("tritons-n2-ete-a-sormiou");
    expect(fileSlug("«»")).toBe("session");
  });
});

describe.each(TEMPLATES.map((spec) => [spec.name, spec] as const))("the %s template", (_name, spec) => {
  let workbook: ExcelJS.Workbook;
  let resolved: ResolvedTemplate;

  beforeAll(async () => {
    ({ workbook, resolved } = await blank(spec));
  });

  it("has a guide, the session and candidates sheets, and a hidden lists sheet", () => {
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
      [SHEETS.guide, "visible"],
      [SHEETS.session, "visible"],
      [SHEETS.candidates, "visible"],
      [SHEETS.lists, "hidden"],
    ]);
    const guide = sheetRows(workbook.getWorksheet(SHEETS.guide)!).flat().join("\n");
    expect(guide).toContain(spec.name);
    expect(guide).toContain("A-12-345678");
    expect(guide).toContain("JJ/MM/AAAA");
    expect(guide).toContain("Lancer l'import");
  });

  it("carries its marker in a hidden cell and a defined name", () => {
    expect(readMarker(workbook)).toEqual({
      template: spec.slug,
      version: spec.version,
      grid: resolved.grid ? { code: resolved.grid.code, version: resolved.grid.version } : null,
      session: null,
    });
    expect(workbook.definedNames.getRanges("SESSIONS_MODELE").ranges).toEqual(["Listes!$H$2"]);
  });

  it("has the header block: labels with their comment, locked; values unlocked; the brevet dropdown", async () => {
    const sheet = workbook.getWorksheet(SHEETS.session)!;
    const rows = sheetRows(sheet);
    const fields = locateFields(rows, resolved.header);
    expect([...fields.keys()]).toEqual(["certification", "place", "startDate", "endDate"]);
    for (const field of resolved.header) {
      const label = sheet.getCell(field.row, field.labelColumn);
      expect(label.value).toBe(field.label);
      expect(noteText(label)).toBe(field.comment);
      expect(isLocked(label)).toBe(true);
      expect(isLocked(sheet.getCell(field.valueAddress))).toBe(false);
    }
    expect(noteText(sheet.getCell("A6"))).toBe(COMMENTS.date);
    expect(noteText(sheet.getCell("A7"))).toContain(COMMENTS.date);
    expect(sheet.getCell("B6").numFmt).toBe("dd/mm/yyyy");

    const brevet = validationsOf(sheet)["B4"]!;
    expect(brevet.type).toBe("list");
    const expected = await names(
      spec.id === "sans-note" ? await examinableCodes("sans-note") : await examinableCodes(spec.id),
    );
    expect(listValues(workbook, brevet.formulae![0])).toEqual(expected);
    if (spec.id === "anteor")
      expect(expected).toEqual(["Animer l'apprentissage des techniques d'oxygénothérapie – ranimation"]);
    if (spec.id === "mf1") expect(expected).toEqual(["Moniteur fédéral 1er degré (E3)"]);
  });

  it("has the jury block: headers with comments, 20 unlocked rows, one role dropdown", () => {
    const sheet = workbook.getWorksheet(SHEETS.session)!;
    const located = locateTable(sheetRows(sheet), resolved.jury)!;
    expect(located.headerRow).toBe(10);
    const headers = resolved.jury.columns.map((c) => sheet.getCell(located.headerRow, c.column).value);
    expect(headers).toEqual(["Rôle", "Licence", "Nom", "Prénom"]);
    expect(noteText(sheet.getCell(located.headerRow, 2))).toBe("Format : A-12-345678");
    expect(noteText(sheet.getCell(located.headerRow, 1))).toContain("Président de jury");
    for (const c of resolved.jury.columns) {
      expect(isLocked(sheet.getCell(located.headerRow, c.column))).toBe(true);
      expect(isLocked(sheet.getCell(11, c.column))).toBe(false);
      expect(isLocked(sheet.getCell(30, c.column))).toBe(false);
    }
    const role = expectColumnValidation(sheet, "A", 11, 30);
    expect(role.type).toBe("list");
    expect(listValues(workbook, role.formulae![0])).toEqual(["Président de jury", "Délégué", "Membre du jury"]);
    expect(isLocked(sheet.getCell("A1"))).toBe(true);
  });

  it("has the candidates block: identity columns, room for 1,000 rows, the equivalence dropdown", async () => {
    const sheet = workbook.getWorksheet(SHEETS.candidates)!;
    const header = sheet.getRow(1);
    expect([1, 2, 3, 4, 5].map((c) => header.getCell(c).value)).toEqual([
      "Licence",
      "Nom",
      "Prénom",
      "Date de naissance",
      "Équivalence",
    ]);
    expect(noteText(header.getCell(1))).toBe("Format : A-12-345678");
    expect(noteText(header.getCell(4))).toBe("Date au format JJ/MM/AAAA");
    expect(noteText(header.getCell(5))).toContain("Facultatif");
    for (let c = 1; c <= resolved.candidates.columns.length; c++) {
      expect(isLocked(header.getCell(c))).toBe(true);
      expect(noteText(header.getCell(c)), `comment of column ${c}`).toBeTruthy();
    }
    for (const row of [2, 501, 1001]) {
      for (const c of resolved.candidates.columns.filter((c) => c.type !== "formula")) {
        expect(isLocked(sheet.getCell(row, c.column)), `${c.letter}${row}`).toBe(false);
      }
    }
    expect(sheet.getCell("D300").numFmt).toBe("dd/mm/yyyy");
    const equivalence = expectColumnValidation(sheet, "E", 2, 1001);
    const codes = (await db.selectFrom("equivalences").select("code").orderBy("code").execute()).map((r) => r.code);
    expect(listValues(workbook, equivalence.formulae![0])).toEqual(codes);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });

  it("protects every sheet without a password", () => {
    for (const sheet of workbook.worksheets) {
      const protection = (sheet as unknown as { sheetProtection: Record<string, unknown> | null }).sheetProtection;
      expect(protection?.sheet, sheet.name).toBe(true);
      expect(protection?.hashValue).toBeUndefined();
      expect(protection?.algorithmName).toBeUndefined();
    }
  });

  if (!spec.graded) {
    it("has no test column", () => {
      expect(workbook.getWorksheet(SHEETS.candidates)!.getRow(1).cellCount).toBe(5);
    });
  }
});

describe.each([
  ["Session Initiateur", "INITIATEUR"],
  ["Session MF1", "MF1"],
  ["Session Niveau 4", "N4"],
] as const)("the %s grid columns", (name, gridCode) => {
  const spec = TEMPLATES.find((t) => t.name === name)!;

  it("follow the latest grid in the database: one per test with its coefficient, then total and result", async () => {
    const { workbook, resolved } = await blank(spec);
    const { grid, tests } = await gridTests(gridCode);
    const sheet = workbook.getWorksheet(SHEETS.candidates)!;
    const headers = sheetRows(sheet, 1)[0].slice(5);
    expect(headers).toEqual([
      ...tests.map((t) => (t.kind === "done" ? `${t.label} (fait / non fait)` : `${t.label} (×${t.coefficient})`)),
      `Total (sur ${grid.max_total})`,
      "Résultat indicatif",
    ]);
    expect(readMarker(workbook)?.grid).toEqual({ code: gridCode, version: grid.version });

    const byHeader = columnsByHeader(resolved.candidates);
    tests.forEach((test, index) => {
      const letter = resolved.candidates.columns[5 + index].letter;
      const cell = sheet.getCell(`${letter}1`);
      expect(byHeader.get(normalizeHeader(cell.value))?.key).toBe(`test:${test.code}`);
      const validation = expectColumnValidation(sheet, letter, 2, 1001);
      if (test.kind === "done") {
        expect(noteText(cell)).toContain("Fait, Non fait ou NP");
        expect(validation.type).toBe("list");
        expect(listValues(workbook, validation.formulae![0])).toEqual(["Fait", "Non fait", "NP"]);
      } else {
        expect(noteText(cell)).toBe("Note sur 20, ou NP (non présenté) / NF (non fait)");
        expect(validation.type).toBe("custom");
        expect(validation.formulae![0]).toContain(`ISNUMBER(${letter}2)`);
        expect(validation.formulae![0]).toContain('"NP"');
        expect(validation.formulae![0]).toContain('"NF"');
      }
    });

    const total = resolved.candidates.columns.find((c) => c.key === "total")!;
    const result = resolved.candidates.columns.find((c) => c.key === "result")!;
    for (const row of [2, 1001]) {
      expect(sheet.getCell(`${total.letter}${row}`).formula).toMatch(new RegExp(`^IF\\(\\$A${row}=""`));
      expect(sheet.getCell(`${result.letter}${row}`).formula).toContain('"Admis"');
      expect(isLocked(sheet.getCell(`${total.letter}${row}`))).toBe(true);
      expect(isLocked(sheet.getCell(`${result.letter}${row}`))).toBe(true);
    }
    expect(sheet.getCell(`${total.letter}1002`).formula).toBeUndefined();
    if (gridCode === "N4") expect(headers).toContain("500 m capelé (fait / non fait)");
    if (gridCode === "INITIATEUR")
      expect(headers.slice(0, 4)).toEqual([
        "Mannequin (×1)",
        "Pédagogie pratique (×2)",
        "Pédagogie organisationnelle (×2)",
        "Réglementation (×2)",
      ]);
  });
});

describe("the Session sans note brevet list", () => {
  const spec = findTemplate("session-sans-note")!;

  it("offers the brevets without grid that a club may organise, other commissions included", async () => {
    const club = new Set(["N1", "N2", "N3", "RIFAP", "INITIATEUR", "A1", "PB1"]);
    const { workbook } = await blank(spec, club);
    const formula = validationsOf(workbook.getWorksheet(SHEETS.session)!)["B4"]!.formulae![0];
    expect(listValues(workbook, formula)).toEqual(await names(["N1", "N2", "N3", "RIFAP", "A1", "PB1"]));
  });

  it("offers a departmental committee its own (TIV)", async () => {
    const { workbook } = await blank(spec, new Set(["INITIATEUR", "TIV", "ANTEOR"]));
    const formula = validationsOf(workbook.getWorksheet(SHEETS.session)!)["B4"]!.formulae![0];
    expect(listValues(workbook, formula)).toEqual(await names(["TIV"]));
  });

  it("offers every examinable one to the administrator, and when the scope may organise none", async () => {
    const all = await names(await examinableCodes("sans-note"));
    expect(all).not.toContain("Moniteur Nitrox confirmé");
    expect(all).toContain("Apnéiste niveau 1");
    for (const allowed of [null, new Set<string>()]) {
      const { workbook } = await blank(spec, allowed);
      const formula = validationsOf(workbook.getWorksheet(SHEETS.session)!)["B4"]!.formulae![0];
      expect(listValues(workbook, formula)).toEqual(all);
    }
  });
});
