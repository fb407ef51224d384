/**
 * Reading a filled bordereau through the resolved spec: every way a cell may hold its value,
 * every problem with its place and the value found, the marker, blocks found by their texts
 * wherever they moved, and files from LibreOffice Calc and openpyxl.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/connection";
import { freshDatabase } from "../../test/support/database";
import { ImportRefused, type Refusal } from "./archive-guard";
import { buildTemplateFile } from "../sessions/export.server";
import { importResolver, templateGuesser } from "../sessions/import-check.server";
import { fillTemplate, fillWithOpenpyxl, resaveWithLibreOffice, type Fill } from "../../test/support/import-fixtures";
import { openUpload, readImport, type ImportedFile } from "./read";
import { findTemplate } from "./templates";
import { licenceOf, seedExportWorld } from "../../test/support/excel-world";
import { inflateEntry, readCentralDirectory } from "./zip";
import type { Mark, MarkCode } from "../domain/marks";

let db: DB;
let cleanup: () => Promise<void>;
const blanks = new Map<string, Buffer>();

beforeAll(async () => {
  ({ db, cleanup } = await freshDatabase());
  await seedExportWorld(db);
  for (const slug of ["session-initiateur", "session-niveau-4", "session-sans-note"]) {
    blanks.set(slug, (await buildTemplateFile(db, findTemplate(slug)!, null)).body);
  }
}, 60_000);

afterAll(async () => {
  await cleanup?.();
});

async function read(bytes: Uint8Array, expected?: string): Promise<ImportedFile> {
  return readImport(await openUpload(bytes), {
    resolve: importResolver(db, { kind: "new" }),
    expected: expected ? findTemplate(expected) : undefined,
    guess: templateGuesser(db),
  });
}

async function refusalOf(bytes: Uint8Array, expected?: string): Promise<Refusal> {
  try {
    await read(bytes, expected);
  } catch (error) {
    if (error instanceof ImportRefused) return error.refusal;
    throw error;
  }
  throw new Error("not refused");
}

const fill = (slug: string, what: Fill) => fillTemplate(blanks.get(slug)!, what);
const serial = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** What was read of the people: the jury; the candidates, one row each (row, licence, names, birth date, equivalence); their marks. */
const people = (file: ImportedFile) => ({
  jury: file.jury.map(({ row, role, licence, lastName, firstName }) => ({ row, role, licence, lastName, firstName })),
  candidates: file.candidates.map((c) => [c.row, c.licence, c.lastName, c.firstName, c.birthDate, c.equivalence]),
  marks: file.candidates.map((c) => c.marks),
});
/** Marks by test code, from words: `mannequin 12, reglementation NP` → { mannequin: { value: 12 }, reglementation: { code: "NP" } }. */
const marksFromWords = (words: string): Record<string, Mark> =>
  Object.fromEntries(
    words.split(", ").map((word) => {
      const [test, read] = word.split(" ");
      return [test, Number.isNaN(Number(read)) ? { code: read as MarkCode } : { value: Number(read) }];
    }),
  );

const INITIATEUR_FILL: Fill = {
  certification: "initiateur (e1)",
  place: { richText: [{ text: "Piscine " }, { font: { bold: true }, text: "Georges-Vallerey" }] },
  startDate: "11/04/2026",
  endDate: serial("2026-04-12"),
  jury: [
    { role: "PRÉSIDENT DE JURY", licence: ` ${licenceOf(1).toLowerCase()} `, lastName: "Moreau", firstName: "Claire" },
    { role: "delegue", licence: licenceOf(2), lastName: "Petit", firstName: "Marc" },
  ],
  candidates: [
    {
      licence: licenceOf(5),
      lastName: { richText: [{ text: "Ng" }, { font: { italic: true }, text: "ô" }] } as unknown as string,
      firstName: "Anh",
      birthDate: utc("2001-02-28"),
      marks: {
        "Mannequin (×1)": 12,
        "Pédagogie pratique (×2)": 12.5,
        "Pédagogie organisationnelle (×2)": "12,5",
        "Réglementation (×2)": " np ",
      },
    },
    // Row 3 left empty: rows between rows are skipped.
    {
      row: 4,
      licence: `A-75-${"200006"}\u00a0`,
      lastName: "Da  Silva ",
      firstName: { text: "Inês", hyperlink: "mailto:ines@example.org" } as unknown as string,
      birthDate: "1999-12-31",
      equivalence: "cmas-2",
      marks: {
        "Mannequin (×1)": { formula: "10+4", result: 14 } as unknown as number,
        "Pédagogie pratique (×2)": "15",
        "Pédagogie organisationnelle (×2)": 15,
        "Réglementation (×2)": "NF",
      },
    },
    {
      row: 6,
      licence: licenceOf(7),
      lastName: "Bernard",
      firstName: "Zoé",
      birthDate: serial("1998-05-05"),
      marks: { "Mannequin (×1)": 9.999999999999998 },
    },
  ],
  edit: (workbook) => {
    // Garbage in the computed columns: never read.
    const sheet = workbook.getWorksheet("Candidats")!;
    sheet.getCell("J4").value = "abc";
    sheet.getCell("K6").value = { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellValue;
  },
};

describe("every kind of cell", () => {
  it("is read from its column, normalised: dates, rich text, hyperlinks, formulas, numbers as text, decimal commas, spaces, empty rows", async () => {
    const file = await read(await fill("session-initiateur", INITIATEUR_FILL));
    expect(file.problems).toEqual([]);
    expect(file.spec.slug).toBe("session-initiateur");
    expect(file.marker).toEqual({
      template: "session-initiateur",
      version: 1,
      grid: { code: "INITIATEUR", version: 1 },
      session: null,
    });
    expect({ ...file.header, cells: undefined }).toEqual({
      certificationCode: "INITIATEUR",
      place: "Piscine Georges-Vallerey",
      startDate: "2026-04-11",
      endDate: "2026-04-12",
      cells: undefined,
    });
    expect(people(file)).toEqual({
      jury: [
        { row: 11, role: "president", licence: licenceOf(1), lastName: "Moreau", firstName: "Claire" },
        { row: 12, role: "delegue", licence: licenceOf(2), lastName: "Petit", firstName: "Marc" },
      ],
      candidates: [
        [2, licenceOf(5), "Ngô", "Anh", "2001-02-28", null],
        [4, licenceOf(6), "Da Silva", "Inês", "1999-12-31", "CMAS-2"],
        [6, licenceOf(7), "Bernard", "Zoé", "1998-05-05", null],
      ],
      marks: [
        marksFromWords("mannequin 12, pedagogie-pratique 12.5, pedagogie-organisationnelle 12.5, reglementation NP"),
        marksFromWords("mannequin 14, pedagogie-pratique 15, pedagogie-organisationnelle 15, reglementation NF"),
        marksFromWords("mannequin 10"),
      ],
    });
  });

  it("finds the blocks by their texts when rows and columns were inserted", async () => {
    const bytes = await fill("session-initiateur", {
      ...INITIATEUR_FILL,
      edit: (workbook) => {
        const candidates = workbook.getWorksheet("Candidats")!;
        // exceljs cannot move shared formulas: the computed columns go (the import never reads them).
        for (let row = 1; row <= 1001; row++)
          for (const column of [10, 11]) candidates.getCell(row, column).value = null;
        candidates.spliceRows(1, 0, ["Candidats de la session"], []);
        candidates.spliceColumns(1, 0, []);
        workbook.getWorksheet("Session")!.spliceRows(3, 0, ["Remarque ajoutée"]);
      },
    });
    const file = await read(bytes);
    expect(file.problems).toEqual([]);
    expect(file.header.startDate).toBe("2026-04-11");
    expect(file.jury.map((j) => j.row)).toEqual([12, 13]);
    expect(file.candidates.map((c) => [c.row, c.licence])).toEqual([
      [4, licenceOf(5)],
      [6, licenceOf(6)],
      [8, licenceOf(7)],
    ]);
    expect(file.candidates[1].marks.reglementation).toEqual({ code: "NF" });
  });

  it("a workbook in the 1904 date system: real dates and serials both read as the same days", async () => {
    const file = await read(
      await fill("session-sans-note", {
        certification: "Plongeur Niveau 2",
        startDate: utc("2026-06-15"),
        endDate: serial("2026-06-16") - 1462,
        candidates: [{ licence: licenceOf(3), lastName: "Lefèvre", firstName: "Hélène", birthDate: utc("1990-03-12") }],
        edit: (workbook) => {
          workbook.properties.date1904 = true;
        },
      }),
    );
    expect(file.problems).toEqual([]);
    expect([file.header.startDate, file.header.endDate, file.candidates[0].birthDate]).toEqual([
      "2026-06-15",
      "2026-06-16",
      "1990-03-12",
    ]);
  });

  it("a fait / non fait test takes the dropdown's labels, NF and NP", async () => {
    const file = await read(
      await fill("session-niveau-4", {
        certification: "GP-N4",
        startDate: "2026-10-12",
        candidates: [
          {
            licence: licenceOf(8),
            lastName: "Roux",
            firstName: "Paul",
            marks: { "500 m capelé (fait / non fait)": "fait" },
          },
          {
            licence: licenceOf(9),
            lastName: "Faure",
            firstName: "Léa",
            marks: { "500 m capelé (fait / non fait)": "Non fait" },
          },
          {
            licence: licenceOf(3),
            lastName: "Lefèvre",
            firstName: "Hélène",
            marks: { "500 m capelé (fait / non fait)": "nf" },
          },
        ],
      }),
    );
    expect(file.problems).toEqual([]);
    expect(file.candidates.map((c) => c.marks["500m-capele"])).toEqual([
      { code: "FAIT" },
      { code: "NON_FAIT" },
      { code: "NON_FAIT" },
    ]);
  });
});

describe("problems", () => {
  it("are all reported, each with its sheet, row, column and the value found", async () => {
    const bytes = await fill("session-initiateur", {
      certification: "Plongeur Niveau 2",
      place: "x".repeat(201),
      startDate: "31/02/2026",
      jury: [
        { role: "Secrétaire", licence: licenceOf(1), lastName: "Moreau", firstName: "Claire" },
        { role: "Délégué", licence: "75-200002", lastName: "Petit", firstName: "Marc" },
      ],
      candidates: [
        { licence: licenceOf(5), lastName: "Ngô", firstName: "", marks: { "Mannequin (×1)": 25 } },
        {
          licence: licenceOf(6),
          lastName: "Da Silva",
          firstName: "Inês",
          birthDate: "le 31 décembre",
          equivalence: "XYZ",
        },
        {
          licence: licenceOf(7),
          lastName: "Bernard",
          firstName: "Zoé",
          marks: {
            "Réglementation (×2)": { formula: "NA()", result: { error: "#N/A" } } as unknown as number,
            "Mannequin (×1)": "12,345",
          },
        },
        { licence: licenceOf(6), lastName: "Da Silva", firstName: "Inês" },
        { licence: licenceOf(1), lastName: "Moreau", firstName: "Claire" },
      ],
    });
    const file = await read(bytes);
    expect(file.problems).toEqual([
      {
        sheet: "Session",
        row: 4,
        column: "Brevet passé",
        value: "Plongeur Niveau 2",
        message:
          "Brevet inconnu « Plongeur Niveau 2 » pour le bordereau « Session Initiateur » : choisissez le brevet dans la liste",
      },
      {
        sheet: "Session",
        row: 5,
        column: "Lieu",
        value: "x".repeat(200) + "…",
        message: "Texte trop long (201 caractères, 200 au plus)",
      },
      {
        sheet: "Session",
        row: 6,
        column: "Date de début",
        value: "31/02/2026",
        message: "Date invalide « 31/02/2026 » : format attendu JJ/MM/AAAA",
      },
      {
        sheet: "Session",
        row: 11,
        column: "Rôle",
        value: "Secrétaire",
        message: "Rôle inconnu « Secrétaire » : choisissez Président de jury, Délégué ou Membre du jury",
      },
      {
        sheet: "Session",
        row: 12,
        column: "Licence",
        value: "75-200002",
        message: "Numéro de licence invalide « 75-200002 » : format attendu A-12-345678",
      },
      { sheet: "Candidats", row: 2, column: "Prénom", value: "", message: "Valeur obligatoire manquante" },
      {
        sheet: "Candidats",
        row: 2,
        column: "Mannequin (×1)",
        value: "25",
        message: "Note invalide « 25 » : une note va de 0 à 20, ou NP / NF",
      },
      {
        sheet: "Candidats",
        row: 3,
        column: "Date de naissance",
        value: "le 31 décembre",
        message: "Date invalide « le 31 décembre » : format attendu JJ/MM/AAAA",
      },
      {
        sheet: "Candidats",
        row: 3,
        column: "Équivalence",
        value: "XYZ",
        message: "Équivalence inconnue « XYZ » : choisissez un code de la liste (par exemple CMAS-2)",
      },
      {
        sheet: "Candidats",
        row: 4,
        column: "Mannequin (×1)",
        value: "12,345",
        message: "Note invalide « 12,345 » : au plus deux décimales",
      },
      {
        sheet: "Candidats",
        row: 4,
        column: "Réglementation (×2)",
        value: "#N/A",
        message: "La cellule affiche une erreur de formule (#N/A) : saisissez la valeur",
      },
      {
        sheet: "Candidats",
        row: 5,
        column: "Licence",
        value: licenceOf(6),
        message: `Le licencié ${licenceOf(6)} figure déjà parmi les candidats (ligne 3)`,
      },
      {
        sheet: "Candidats",
        row: 6,
        column: "Licence",
        value: licenceOf(1),
        message: `Le licencié ${licenceOf(1)} est aussi membre du jury (onglet « Session », ligne 11) : une même personne ne peut pas être candidat et membre du jury`,
      },
    ]);
  });

  it("a template column removed from the header row is reported", async () => {
    const bytes = await fill("session-initiateur", {
      ...INITIATEUR_FILL,
      edit: (workbook) => {
        workbook.getWorksheet("Candidats")!.getCell("E1").value = null; // Équivalence
        workbook.getWorksheet("Session")!.getCell("A10").value = "Fonction"; // Rôle
      },
    });
    const file = await read(bytes);
    expect(file.problems).toEqual([
      {
        sheet: "Session",
        row: null,
        column: null,
        value: null,
        message:
          "Bloc « Jury » introuvable : l'onglet « Session » doit garder la ligne d'en-têtes du bordereau (Rôle, Licence, Nom, Prénom)",
      },
      {
        sheet: "Candidats",
        row: 1,
        column: "Équivalence",
        value: null,
        message: "Colonne « Équivalence » introuvable : les en-têtes du bordereau ne doivent pas être modifiés",
      },
    ]);
  });

  it("the candidates' tab renamed, or one of its required headers changed: the table is said missing, not read from the jury block", async () => {
    const renamed = await read(
      await fill("session-initiateur", {
        ...INITIATEUR_FILL,
        edit: (workbook) => void (workbook.getWorksheet("Candidats")!.name = "Élèves"),
      }),
    );
    // Its headers are all there: the tab is found under its new name.
    expect(renamed.problems).toEqual([]);
    expect(renamed.candidates.length).toBeGreaterThan(0);

    const changed = await read(
      await fill("session-initiateur", {
        ...INITIATEUR_FILL,
        edit: (workbook) => void (workbook.getWorksheet("Candidats")!.getCell("B1").value = "Nom de famille"),
      }),
    );
    expect(changed.problems).toHaveLength(1);
    expect(changed.problems[0]).toMatchObject({ sheet: "Candidats", row: null, column: null });
    expect(changed.problems[0].message).toMatch(
      /^Tableau des candidats introuvable : l'onglet « Candidats » doit garder la ligne d'en-têtes du bordereau/,
    );
    expect(changed.candidates).toEqual([]);
  });

  it("an end date before the start date, or a GP-N4 session over four days", async () => {
    const n4 = await read(
      await fill("session-niveau-4", {
        certification: "Guide de palanquée (Niveau 4)",
        startDate: "12/10/2026",
        endDate: "16/10/2026",
      }),
    );
    expect(n4.problems).toEqual([
      {
        sheet: "Session",
        row: 7,
        column: "Date de fin",
        value: "16/10/2026",
        message: "Une session GP-N4 dure au plus 4 jours d'examen",
      },
    ]);
  });
});

const NO_RESULT =
  "Formule sans valeur calculée : ouvrez le fichier dans Excel ou LibreOffice, enregistrez-le, puis importez-le de nouveau";
const invalidDate = (shown: string) => `Date invalide « ${shown} » : format attendu JJ/MM/AAAA`;

describe("formulas", () => {
  it("without a stored result (openpyxl writes none) are reported, never read as empty; the template's own formulas are not", async () => {
    const bytes = fillWithOpenpyxl(blanks.get("session-niveau-4")!, {
      header: {
        "Brevet passé": "Guide de palanquée (Niveau 4)",
        Lieu: "=1+1",
        "Date de début": "2026-10-12",
        "Date de fin": "=B6+2",
      },
      jury: [["Président de jury", licenceOf(1), "Moreau", "Claire"]],
      candidates: [
        {
          Licence: licenceOf(8),
          Nom: "Roux",
          Prénom: "Paul",
          Équivalence: "=Listes!C9",
          "Mannequin (×2)": "=(12+14)/2",
        },
        { Licence: "=Listes!A1" },
      ],
    });
    const file = await read(bytes);
    expect(file.problems).toEqual([
      { sheet: "Session", row: 5, column: "Lieu", value: "=1+1", message: NO_RESULT },
      { sheet: "Session", row: 7, column: "Date de fin", value: "=B6+2", message: NO_RESULT },
      { sheet: "Candidats", row: 2, column: "Équivalence", value: "=Listes!C9", message: NO_RESULT },
      { sheet: "Candidats", row: 2, column: "Mannequin (×2)", value: "=(12+14)/2", message: NO_RESULT },
      // A row whose only input is such a formula is not skipped as empty.
      { sheet: "Candidats", row: 3, column: "Licence", value: "=Listes!A1", message: NO_RESULT },
      { sheet: "Candidats", row: 3, column: "Nom", value: "", message: "Valeur obligatoire manquante" },
      { sheet: "Candidats", row: 3, column: "Prénom", value: "", message: "Valeur obligatoire manquante" },
    ]);
  }, 60_000);

  it('with a stored result are read as that result, an empty text included (Excel and LibreOffice write it as t="str" with an empty value)', async () => {
    const file = await read(
      await fill("session-sans-note", {
        certification: "Plongeur Niveau 2",
        place: { formula: '"Fosse " & "Émeraude"', result: "Fosse Émeraude" } as ExcelJS.CellValue,
        startDate: "15/06/2026",
        endDate: { formula: "B6+1", result: utc("2026-06-16") } as ExcelJS.CellValue,
        candidates: [
          {
            licence: licenceOf(3),
            lastName: "Lefèvre",
            firstName: "Hélène",
            birthDate: { formula: "DATE(1990,3,12)", result: utc("1990-03-12") } as ExcelJS.CellValue,
            equivalence: { formula: 'IF(1=1,"","CMAS-2")', result: "" } as unknown as string,
          },
        ],
      }),
    );
    expect(file.problems).toEqual([]);
    expect([file.header.place, file.header.endDate]).toEqual(["Fosse Émeraude", "2026-06-16"]);
    expect([file.candidates[0].birthDate, file.candidates[0].equivalence]).toEqual(["1990-03-12", null]);
  });
});

const PYTHON = process.env.PYTHON || (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");

/** The file with some cells set by openpyxl as ISO date cells (`t="d"`, `wb.iso_dates = True`), by `Sheet!A1`. */
function isoDatesWithOpenpyxl(bytes: Uint8Array, dates: Record<string, string>): Buffer {
  const script = `
import datetime, json, sys, openpyxl
src, out, dates = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
wb = openpyxl.load_workbook(src)
wb.iso_dates = True
for ref, iso in dates.items():
    sheet, address = ref.split("!")
    wb[sheet][address] = datetime.datetime.fromisoformat(iso) if "T" in iso else datetime.date.fromisoformat(iso)
    wb[sheet][address].number_format = "DD/MM/YYYY"
wb.save(out)
`;
  const dir = mkdtempSync(join(tmpdir(), "sessions-iso-dates-"));
  try {
    writeFileSync(join(dir, "in.xlsx"), bytes);
    const run = spawnSync(PYTHON, ["-c", script, join(dir, "in.xlsx"), join(dir, "out.xlsx"), JSON.stringify(dates)], {
      encoding: "utf8",
      timeout: 60_000,
    });
    if (run.status !== 0) throw new Error(`openpyxl failed: ${run.stderr || run.stdout}`);
    return readFileSync(join(dir, "out.xlsx"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("implausible dates", () => {
  it('ISO date cells (t="d", which exceljs reads as the number 2026) are read from their text', async () => {
    const filled = await fill("session-sans-note", {
      certification: "Plongeur Niveau 2",
      candidates: [{ licence: licenceOf(3), lastName: "Lefèvre", firstName: "Hélène" }],
    });
    const bytes = isoDatesWithOpenpyxl(filled, {
      "Session!B6": "2026-06-15",
      "Session!B7": "2026-06-16T10:30:00",
      "Candidats!D2": "1990-03-12",
    });
    const sheetsXml = readCentralDirectory(bytes)
      .entries.filter((e) => e.name.startsWith("xl/worksheets/sheet"))
      .map((e) => inflateEntry(bytes, e).toString("utf8"))
      .join("");
    expect(sheetsXml).toMatch(/<c r="B6"[^>]* t="d"><v>2026-06-15<\/v>/);
    expect(sheetsXml).toMatch(/<c r="B7"[^>]* t="d"><v>2026-06-16T10:30:00<\/v>/);
    const file = await read(bytes);
    expect(file.problems).toEqual([]);
    expect([file.header.startDate, file.header.endDate, file.candidates[0].birthDate]).toEqual([
      "2026-06-15",
      "2026-06-16",
      "1990-03-12",
    ]);
  }, 60_000);

  it("a year or a day typed as a number in a date cell (a serial: 1905, 1900) is refused; a birth date after the session's start too", async () => {
    const numbers = await read(
      await fill("session-sans-note", {
        certification: "Plongeur Niveau 2",
        startDate: 2026,
        endDate: 12,
        candidates: [{ licence: licenceOf(3), lastName: "Lefèvre", firstName: "Hélène", birthDate: 1990 }],
      }),
    );
    expect(numbers.problems).toEqual([
      { sheet: "Session", row: 6, column: "Date de début", value: "18/07/1905", message: invalidDate("18/07/1905") },
      { sheet: "Session", row: 7, column: "Date de fin", value: "11/01/1900", message: invalidDate("11/01/1900") }, // exceljs counts days before March 1900 one short
      {
        sheet: "Candidats",
        row: 2,
        column: "Date de naissance",
        value: "12/06/1905",
        message: invalidDate("12/06/1905"),
      },
    ]);

    const births = await read(
      await fill("session-sans-note", {
        certification: "Plongeur Niveau 2",
        startDate: "31/12/1999",
        endDate: "01/01/2101",
        candidates: [{ licence: licenceOf(3), lastName: "Lefèvre", firstName: "Hélène", birthDate: "31/12/1909" }],
      }),
    );
    expect(births.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [6, "Date de début", invalidDate("31/12/1999")],
      [7, "Date de fin", invalidDate("01/01/2101")],
      [2, "Date de naissance", invalidDate("31/12/1909")],
    ]);

    const future = await read(
      await fill("session-sans-note", {
        certification: "Plongeur Niveau 2",
        startDate: "15/06/2026",
        candidates: [
          { licence: licenceOf(3), lastName: "Lefèvre", firstName: "Hélène", birthDate: "16/06/2026" },
          { licence: licenceOf(5), lastName: "Ngô", firstName: "Anh", birthDate: "01/01/1910" },
        ],
      }),
    );
    expect(future.problems).toEqual([
      {
        sheet: "Candidats",
        row: 2,
        column: "Date de naissance",
        value: "16/06/2026",
        message: invalidDate("16/06/2026"),
      },
    ]);
    expect(future.candidates[1].birthDate).toBe("1910-01-01");
  });
});

describe("the marker", () => {
  /** A workbook another program wrote: one sheet with the cells given, no marker. */
  async function foreignWorkbook(sheetName: string, cells: Record<string, string>): Promise<Buffer> {
    const { Workbook } = (await import("exceljs")).default;
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet(sheetName);
    for (const [address, value] of Object.entries(cells)) sheet.getCell(address).value = value;
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  it("a workbook without it is not a bordereau: refused, with a link to the templates", async () => {
    expect(await refusalOf(await foreignWorkbook("Session", { A1: "Ma session" }))).toEqual({
      kind: "not-template",
      message:
        "Ce fichier n'est pas un bordereau de l'application (aucun repère de modèle) : téléchargez un modèle depuis la page " +
        "Modèles Excel, remplissez-le, puis importez-le.",
      link: { href: "/modeles", label: "Modèles Excel" },
    });
  });

  it("a workbook without it that names its brevet is refused with a link to that brevet's template", async () => {
    const bytes = await foreignWorkbook("Ma session", { A2: "Brevet passé :", B2: "plongeur niveau 2" });
    expect(await refusalOf(bytes)).toEqual({
      kind: "not-template",
      message:
        "Ce fichier n'est pas un bordereau de l'application (aucun repère de modèle). Pour le brevet « plongeur niveau 2 », " +
        "utilisez le bordereau « Session sans note » (version 1) : téléchargez-le, recopiez-y vos données, puis importez-le.",
      link: { href: "/modeles/session-sans-note.xlsx", label: "Télécharger le modèle « Session sans note » à jour" },
    });
  });

  const withMarker = (marker: string) =>
    fill("session-initiateur", {
      ...INITIATEUR_FILL,
      edit: (workbook) => {
        workbook.getWorksheet("Listes")!.getCell("H2").value = marker;
      },
    });

  it("another version is refused, naming the expected one, with a link to the current template", async () => {
    expect(
      await refusalOf(await withMarker("SESSIONS-BORDEREAU;modele=session-initiateur;version=2;grille=INITIATEUR:1")),
    ).toEqual({
      kind: "outdated-template",
      message:
        "Ce bordereau « Session Initiateur » est en version 2 ; la version attendue est la 1. " +
        "Téléchargez le modèle à jour, recopiez-y vos données, puis importez-le.",
      link: { href: "/modeles/session-initiateur.xlsx", label: "Télécharger le modèle « Session Initiateur » à jour" },
    });
  });

  it("a grid that is not the one in force is refused", async () => {
    const refusal = await refusalOf(
      await withMarker("SESSIONS-BORDEREAU;modele=session-initiateur;version=1;grille=INITIATEUR:7"),
    );
    expect(refusal.kind).toBe("outdated-grid");
    expect(refusal.message).toBe(
      "Ce bordereau « Session Initiateur » porte la grille INITIATEUR en version 7 ; la grille en vigueur est la grille Initiateur en version 1. " +
        "Téléchargez le modèle à jour, recopiez-y les notes, puis importez-le.",
    );
  });

  it("another template than the one a session expects is refused", async () => {
    const refusal = await refusalOf(await fill("session-initiateur", INITIATEUR_FILL), "session-niveau-4");
    expect(refusal).toEqual({
      kind: "wrong-template",
      message:
        "Ce fichier est un bordereau « Session Initiateur » : cette session attend le bordereau « Session Niveau 4 » (version 1).",
      link: { href: "/modeles/session-niveau-4.xlsx", label: "Télécharger le modèle « Session Niveau 4 » à jour" },
    });
  });
});

describe("files from other programs", () => {
  it("a filled bordereau re-saved by LibreOffice Calc reads the same, marks from the mark cells", async () => {
    const bytes = await fill("session-initiateur", INITIATEUR_FILL);
    const resaved = resaveWithLibreOffice(bytes);
    const [mine, libreoffice] = [await read(bytes), await read(resaved)];
    expect(libreoffice.problems).toEqual([]);
    expect(libreoffice.marker).toEqual(mine.marker);
    expect(libreoffice.header).toEqual(mine.header);
    expect(people(libreoffice)).toEqual(people(mine));
  }, 120_000);

  it("a bordereau filled by openpyxl (inline strings, dates as serials, formulas without results) reads", async () => {
    const bytes = fillWithOpenpyxl(blanks.get("session-niveau-4")!, {
      header: {
        "Brevet passé": "Guide de palanquée (Niveau 4)",
        Lieu: "Marseille",
        "Date de début": "2026-10-12",
        "Date de fin": "15/10/2026",
      },
      jury: [["Président de jury", licenceOf(1), "Moreau", "Claire"]],
      candidates: [
        {
          Licence: licenceOf(8),
          Nom: "Roux",
          Prénom: "Paul",
          "Date de naissance": "1995-01-15",
          "Mannequin (×2)": 12.5,
          "500 m capelé (fait / non fait)": "Fait",
        },
        { Licence: licenceOf(9), Nom: "Faure", Prénom: "Léa", "Mannequin (×2)": "NP", "Réglementation (×2)": "9,5" },
      ],
    });
    const file = await read(bytes);
    expect(file.problems).toEqual([]);
    expect({ ...file.header, cells: undefined }).toEqual({
      certificationCode: "GP-N4",
      place: "Marseille",
      startDate: "2026-10-12",
      endDate: "2026-10-15",
      cells: undefined,
    });
    expect(people(file)).toEqual({
      jury: [{ row: 11, role: "president", licence: licenceOf(1), lastName: "Moreau", firstName: "Claire" }],
      candidates: [
        [2, licenceOf(8), "Roux", "Paul", "1995-01-15", null],
        [3, licenceOf(9), "Faure", "Léa", null, null],
      ],
      marks: [marksFromWords("mannequin 12.5, 500m-capele FAIT"), marksFromWords("mannequin NP, reglementation 9.5")],
    });
  }, 60_000);
});
