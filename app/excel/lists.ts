/**
 * The template's drop-down lists: the hidden "Listes" sheet holding every list's options (and the
 * template's marker), and the data validations of the input cells, which take their lists from
 * that sheet, never inline.
 */
import type ExcelJS from "exceljs";
import { SHEETS } from "./blocks";
import { MARKER_CELL, MARKER_NAME, MARKER_SHEET, formatMarker } from "./marker";
import type { CellType, ListKey, ResolvedTemplate } from "./spec";

/** The column of the hidden sheet each list occupies. */
export const LIST_COLUMNS: Record<ListKey, { column: string; title: string }> = {
  certifications: { column: "A", title: "Brevet passé" },
  juryRoles: { column: "B", title: "Rôle" },
  equivalences: { column: "C", title: "Équivalence" },
  done: { column: "D", title: "Fait / non fait" },
};

/** `Listes!$A$2:$A$23`: where a list's options sit on the hidden sheet. */
export function listRange(resolved: ResolvedTemplate, list: ListKey): string {
  const { column } = LIST_COLUMNS[list];
  return `${SHEETS.lists}!$${column}$2:$${column}$${1 + resolved.lists[list].length}`;
}

/**
 * exceljs keeps range validations in `worksheet.dataValidations`, which its typings omit:
 * one `add("E2:E1001", …)` per column (shared/stack.md: cell by cell makes Excel "repair").
 */
export function validations(sheet: ExcelJS.Worksheet): {
  add(range: string, validation: ExcelJS.DataValidation): void;
} {
  return (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } })
    .dataValidations;
}

const LIST_ERROR = "Choisissez une valeur dans la liste déroulante.";
const MARK_ERROR = "Note sur 20 (deux décimales au plus), ou NP (non présenté) / NF (non fait).";

export function validationFor(
  resolved: ResolvedTemplate,
  input: { type: CellType; list?: ListKey },
  topLeft: string,
): ExcelJS.DataValidation | null {
  if ((input.type === "list" || input.type === "done") && input.list) {
    if (resolved.lists[input.list].length === 0) return null;
    return {
      type: "list",
      allowBlank: true,
      formulae: [listRange(resolved, input.list)],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: "Valeur non prévue",
      error: LIST_ERROR,
    };
  }
  if (input.type === "mark") {
    return {
      type: "custom",
      allowBlank: true,
      formulae: [
        `OR(AND(ISNUMBER(${topLeft}),${topLeft}>=0,${topLeft}<=20,ROUND(${topLeft},2)=${topLeft}),` +
          `UPPER(TRIM(${topLeft}))="NP",UPPER(TRIM(${topLeft}))="NF")`,
      ],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: "Note invalide",
      error: MARK_ERROR,
    };
  }
  return null;
}

export function writeLists(workbook: ExcelJS.Workbook, resolved: ResolvedTemplate) {
  const sheet = workbook.addWorksheet(SHEETS.lists, { state: "hidden" });
  for (const [list, { column, title }] of Object.entries(LIST_COLUMNS) as [ListKey, (typeof LIST_COLUMNS)[ListKey]][]) {
    sheet.getColumn(column).width = list === "certifications" ? 60 : 20;
    sheet.getCell(`${column}1`).value = title;
    resolved.lists[list].forEach((option, index) => {
      sheet.getCell(`${column}${index + 2}`).value = option.label;
    });
  }
  sheet.getCell("H1").value = "Modèle";
  sheet.getCell(MARKER_CELL).value = formatMarker(resolved.marker);
  sheet.getColumn("H").width = 70;
  workbook.definedNames.add(`${MARKER_SHEET}!${absolute(MARKER_CELL)}`, MARKER_NAME);
  return sheet;
}

/** `H2` → `$H$2`. */
function absolute(address: string): string {
  return address.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
}
