/**
 * The error report of a refused import, as an .xlsx file: one line per problem (onglet, ligne,
 * colonne, valeur, message). Every text comes from the uploaded file or quotes it, so each goes
 * through `neutralizeCellText`: a value beginning with `=`, `+`, `-` or `@` stays text.
 */
import ExcelJS from "exceljs";
import { neutralizeCellText } from "~/utils/excel-cells";
import type { ImportProblem } from "./read";

export const REPORT_SHEET = "Erreurs";
export const REPORT_HEADERS = ["Onglet", "Ligne", "Colonne", "Valeur trouvée", "Message"] as const;

/** `session-mf1.xlsx` → `erreurs-session-mf1.xlsx`. */
export function reportFileName(uploaded: string): string {
  const base = uploaded
    .replace(/\.[^.]*$/, "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `erreurs-${base || "import"}.xlsx`;
}

export async function writeProblemReport(fileName: string, problems: ImportProblem[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Sessions";
  const sheet = workbook.addWorksheet(REPORT_SHEET, { views: [{ state: "frozen", ySplit: 2 }] });
  sheet.columns = [{ width: 14 }, { width: 8 }, { width: 26 }, { width: 30 }, { width: 90 }];
  const title = sheet.getCell("A1");
  title.value = neutralizeCellText(`Erreurs du fichier « ${fileName} » : ${problems.length} (rien n'a été importé)`);
  title.font = { bold: true };
  const header = sheet.getRow(2);
  header.values = [...REPORT_HEADERS];
  header.font = { bold: true };
  const text = (value: string | null) => (value ? neutralizeCellText(value) : null);
  problems.forEach((problem, index) => {
    sheet.getRow(3 + index).values = [
      text(problem.sheet),
      problem.row,
      text(problem.column),
      text(problem.value),
      text(problem.message),
    ];
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
