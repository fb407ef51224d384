/**
 * Writes a resolved template, blank or filled with a session, as an .xlsx file.
 *
 * In-memory `Workbook` + `writeBuffer()` (the streaming writer corrupts files mixing
 * validations and other parts, shared/stack.md). One data validation per column range, lists
 * taken from the hidden sheet (`lists.ts`), never inline. Label cells are locked, input cells unlocked
 * (the candidates' input columns through their column style, so that no empty cell has to be
 * written), every sheet protected without a password.
 */
import ExcelJS from "exceljs";
import { excelDate, neutralizeCellText } from "~/utils/excel-cells";
import { DONE_OPTIONS, JURY_ROLE_OPTIONS, SHEETS } from "./blocks";
import { resultFormula, totalFormula } from "./grid-formulas";
import { validationFor, validations, writeLists } from "./lists";
import { SESSION_LAYOUT } from "./resolve";
import type { CellType, ExportedSession, ListKey, MarkValue, ResolvedColumn, ResolvedTemplate } from "./spec";

const DATE_FORMAT = "dd/mm/yyyy";
const TEXT_FORMAT = "@";
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F1" } };
const COMPUTED_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
const THIN: ExcelJS.Border = { style: "thin", color: { argb: "FF9CA3AF" } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const LOCKED: Partial<ExcelJS.Protection> = { locked: true };
const UNLOCKED: Partial<ExcelJS.Protection> = { locked: false };
/** What a protected sheet still lets a person do: resize rows and columns. */
const PROTECTION_OPTIONS: Partial<ExcelJS.WorksheetProtection> = { formatColumns: true, formatRows: true };

function numberFormat(type: CellType): string | undefined {
  if (type === "date") return DATE_FORMAT;
  if (type === "licence" || type === "text") return TEXT_FORMAT;
  return undefined;
}

function styleHeaderCell(cell: ExcelJS.Cell, text: string, comment: string | null) {
  cell.value = text;
  cell.style = {
    font: { bold: true },
    fill: HEADER_FILL,
    border: BOX,
    alignment: { vertical: "middle", wrapText: true },
    protection: LOCKED,
  };
  if (comment) cell.note = comment;
}

function writeGuide(workbook: ExcelJS.Workbook, resolved: ResolvedTemplate, session: ExportedSession | undefined) {
  const sheet = workbook.addWorksheet(SHEETS.guide);
  sheet.getColumn(1).width = 110;
  const { spec, grid } = resolved;
  const lines: { text: string; bold?: boolean; size?: number }[] = [
    { text: `Bordereau « ${spec.name} » – mode d'emploi`, bold: true, size: 14 },
    {
      text:
        `Modèle ${spec.slug}, version ${spec.version}` +
        (grid ? ` (grille ${grid.label}, version ${grid.version})` : "") +
        ". Ne modifiez ni les en-têtes ni les onglets : l'import les reconnaît à leur texte.",
    },
  ];
  if (session) {
    lines.push({
      text:
        `Ce fichier contient la session « ${session.title} » exportée depuis l'application. ` +
        (session.status === "closed"
          ? "Elle est clôturée : ce fichier n'en est qu'une copie pour consultation."
          : "Modifiez-la puis réimportez-la depuis la session (« Mettre à jour depuis Excel »)."),
    });
  }
  lines.push(
    { text: "" },
    { text: "1. Onglet « Session »", bold: true },
    {
      text: "Choisissez le brevet passé dans la liste, indiquez le lieu, la date de début et, si la session dure plusieurs jours, la date de fin.",
    },
    {
      text: "Jury : une ligne par membre, rôle choisi dans la liste (Président de jury, Délégué ou Membre du jury), licence, nom et prénom.",
    },
    { text: "Pour clôturer la session, au moins un président de jury ou un délégué est nécessaire." },
    { text: "" },
    { text: "2. Onglet « Candidats »", bold: true },
    {
      text: "Une ligne par candidat : licence, nom et prénom tels qu'ils figurent sur la licence, date de naissance, équivalence éventuelle (liste).",
    },
  );
  if (grid) {
    const bound = (t: (typeof grid.tests)[number]) => t.eliminatoryBelow ?? grid.eliminatoryBelow;
    const stricter = grid.tests.filter((t) => t.kind === "mark" && bound(t) > grid.eliminatoryBelow);
    lines.push(
      {
        text: "Notes : une colonne par épreuve, le coefficient entre parenthèses. Note sur 20 (deux décimales au plus), ou NP (non présenté) / NF (non fait), qui comptent 0 et sont éliminatoires.",
      },
      ...(grid.tests.some((t) => t.kind === "done")
        ? [
            {
              text: "Les épreuves « fait / non fait » se remplissent par la liste : Fait, Non fait ou NP (Non fait et NP sont éliminatoires).",
            },
          ]
        : []),
      {
        text:
          `Grille ${grid.label} : total sur ${grid.maxTotal}, admis à partir de ${grid.passTotal} points ; ` +
          `toute note inférieure à ${grid.eliminatoryBelow} est éliminatoire` +
          stricter.map((t) => ` ; ${t.label} : au moins ${bound(t)}`).join("") +
          grid.groups.map((g) => ` ; ${g.label} : au moins ${g.minPoints} sur ${g.maxPoints}`).join("") +
          ".",
      },
      {
        text: "Les colonnes Total et Résultat indicatif se calculent seules ; le résultat officiel est établi à la clôture de la session.",
      },
    );
  }
  lines.push(...spec.guide.map((text) => ({ text })));
  lines.push(
    { text: "" },
    { text: "3. Formats", bold: true },
    { text: "Licence : A-12-345678 (une lettre, deux chiffres, un tiret, au moins quatre chiffres)." },
    { text: "Dates : JJ/MM/AAAA, par exemple 15/06/2026." },
    { text: "Les triangles rouges dans le coin des en-têtes ouvrent un commentaire qui rappelle le format attendu." },
    { text: "" },
    { text: "4. Import", bold: true },
    {
      text: "Dans l'application, menu « Importer » : choisissez ce fichier, donnez l'intitulé de la session puis cliquez sur « Lancer l'import ».",
    },
    {
      text: "À l'import, seuls sont vérifiés le format des cellules et la correspondance entre chaque numéro de licence et le nom et le prénom écrits à côté.",
    },
    {
      text: "Les autres vérifications (licence validée, brevets requis, âge, prérogatives du jury) ont lieu à la clôture de la session.",
    },
  );
  lines.forEach((line, index) => {
    const cell = sheet.getCell(index + 1, 1);
    cell.value = line.text;
    cell.alignment = { wrapText: true, vertical: "top" };
    if (line.bold || line.size) cell.font = { bold: line.bold, size: line.size };
  });
  return sheet;
}

function labelOf(resolved: ResolvedTemplate, list: ListKey, code: string | null): string | null {
  if (code === null) return null;
  return resolved.lists[list].find((o) => o.code === code)?.label ?? code;
}

function text(value: string | null | undefined): string | null {
  return value ? neutralizeCellText(value) : null;
}

function writeSession(workbook: ExcelJS.Workbook, resolved: ResolvedTemplate, session: ExportedSession | undefined) {
  const sheet = workbook.addWorksheet(SHEETS.session);
  const { header, jury, spec } = resolved;
  jury.columns.forEach((c) => {
    sheet.getColumn(c.column).width = c.width;
  });
  sheet.getColumn(SESSION_LAYOUT.labelColumn).width = Math.max(22, jury.columns[0].width);

  const title = sheet.getCell(SESSION_LAYOUT.titleRow, 1);
  title.value = session ? `${spec.name} – ${session.title}` : spec.name;
  title.font = { bold: true, size: 14 };
  sheet.getCell(SESSION_LAYOUT.hintRow, 1).value =
    "Remplissez les cellules blanches. Le triangle rouge d'un en-tête ouvre un commentaire qui donne le format attendu.";

  for (const field of header) {
    const label = sheet.getCell(field.row, field.labelColumn);
    styleHeaderCell(label, field.label, field.comment);
    const input = sheet.getCell(field.row, field.valueColumn);
    input.style = { border: BOX, protection: UNLOCKED, numFmt: numberFormat(field.type) };
    const validation = validationFor(resolved, field, field.valueAddress);
    if (validation) validations(sheet).add(field.valueAddress, validation);
  }

  if (jury.titleRow !== null) {
    const juryTitle = sheet.getCell(jury.titleRow, 1);
    juryTitle.value = spec.jury.title;
    juryTitle.font = { bold: true, size: 12 };
    sheet.getCell(jury.titleRow, 2).value =
      "Au moins un président de jury ou un délégué est nécessaire pour clôturer la session.";
  }
  for (const column of jury.columns)
    styleHeaderCell(sheet.getCell(jury.headerRow, column.column), column.header, column.comment);
  for (let row = jury.firstRow; row <= jury.lastRow; row++) {
    for (const column of jury.columns) {
      sheet.getCell(row, column.column).style = {
        border: BOX,
        protection: UNLOCKED,
        numFmt: numberFormat(column.type),
      };
    }
  }
  for (const column of jury.columns) {
    const validation = validationFor(resolved, column, `${column.letter}${jury.firstRow}`);
    if (validation)
      validations(sheet).add(`${column.letter}${jury.firstRow}:${column.letter}${jury.lastRow}`, validation);
  }

  if (session) {
    const values: Record<string, ExcelJS.CellValue> = {
      certification: labelOf(resolved, "certifications", session.certificationCode),
      place: text(session.place),
      startDate: excelDate(session.startDate),
      endDate: session.endDate ? excelDate(session.endDate) : null,
    };
    for (const field of header) sheet.getCell(field.valueAddress).value = values[field.key] ?? null;
    session.jury.forEach((member, index) => {
      const row = jury.firstRow + index;
      const cells: Record<string, ExcelJS.CellValue> = {
        role: JURY_ROLE_OPTIONS.find((o) => o.code === member.role)?.label ?? member.role,
        licence: text(member.licence),
        lastName: text(member.lastName),
        firstName: text(member.firstName),
      };
      for (const column of jury.columns) sheet.getCell(row, column.column).value = cells[column.key] ?? null;
    });
  }
  return sheet;
}

function markCell(column: ResolvedColumn, mark: MarkValue | undefined): ExcelJS.CellValue {
  if (!mark) return null;
  if (mark.code === null) return mark.value;
  if (column.type === "done") return DONE_OPTIONS.find((o) => o.code === mark.code)?.label ?? mark.code;
  return mark.code;
}

function writeCandidates(workbook: ExcelJS.Workbook, resolved: ResolvedTemplate, session: ExportedSession | undefined) {
  const table = resolved.candidates;
  const sheet = workbook.addWorksheet(SHEETS.candidates, {
    views: [{ state: "frozen", xSplit: 3, ySplit: table.headerRow }],
  });
  for (const column of table.columns) {
    const sheetColumn = sheet.getColumn(column.column);
    sheetColumn.width = column.width;
    if (column.type !== "formula") {
      const numFmt = numberFormat(column.type);
      sheetColumn.style = numFmt ? { protection: UNLOCKED, numFmt } : { protection: UNLOCKED };
    }
  }
  sheet.getRow(table.headerRow).height = 48;
  for (const column of table.columns)
    styleHeaderCell(sheet.getCell(table.headerRow, column.column), column.header, column.comment);

  for (const column of table.columns) {
    const validation = validationFor(resolved, column, `${column.letter}${table.firstRow}`);
    if (validation)
      validations(sheet).add(`${column.letter}${table.firstRow}:${column.letter}${table.lastRow}`, validation);
  }

  const grid = resolved.grid;
  if (grid) {
    // One shared formula per column: a master cell and references, not 1,000 formula texts.
    for (const key of ["total", "result"] as const) {
      const column = table.columns.find((c) => c.key === key)!;
      sheet.getColumn(column.column).style = { fill: COMPUTED_FILL, protection: LOCKED };
      const formula =
        key === "total" ? totalFormula(table, table.firstRow) : resultFormula(table, grid, table.firstRow);
      sheet.fillFormula(`${column.letter}${table.firstRow}:${column.letter}${table.lastRow}`, formula);
    }
  }

  session?.candidates.forEach((candidate, index) => {
    const row = table.firstRow + index;
    for (const column of table.columns) {
      let value: ExcelJS.CellValue = null;
      switch (column.key) {
        case "licence":
          value = text(candidate.licence);
          break;
        case "lastName":
          value = text(candidate.lastName);
          break;
        case "firstName":
          value = text(candidate.firstName);
          break;
        case "birthDate":
          value = candidate.birthDate ? excelDate(candidate.birthDate) : null;
          break;
        case "equivalence":
          value = text(candidate.equivalence);
          break;
        default:
          if (column.test) value = markCell(column, candidate.marks[column.test.code]);
          else continue;
      }
      if (value !== null) sheet.getCell(row, column.column).value = value;
    }
  });
  return sheet;
}

/** The workbook of a template, blank or filled with an exported session (not yet serialised). */
export async function buildWorkbook(resolved: ResolvedTemplate, session?: ExportedSession): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Sessions";
  workbook.title = resolved.spec.name;
  workbook.calcProperties.fullCalcOnLoad = true;

  const sheets = [
    writeGuide(workbook, resolved, session),
    writeSession(workbook, resolved, session),
    writeCandidates(workbook, resolved, session),
    writeLists(workbook, resolved),
  ];
  workbook.views = [
    { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: session ? 1 : 0, visibility: "visible" },
  ];
  for (const sheet of sheets) await sheet.protect("", PROTECTION_OPTIONS);
  return workbook;
}

/** The .xlsx bytes of a template, blank or filled with an exported session. */
export async function writeTemplate(resolved: ResolvedTemplate, session?: ExportedSession): Promise<Buffer> {
  const workbook = await buildWorkbook(resolved, session);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
