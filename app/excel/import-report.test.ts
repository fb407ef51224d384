import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { REPORT_HEADERS, reportFileName, writeProblemReport } from "./import-report";

describe("the error report", () => {
  it("lists every problem (onglet, ligne, colonne, valeur, message), text beginning with = + - @ neutralised", async () => {
    const bytes = await writeProblemReport("=bordereau.xlsx", [
      {
        sheet: "Candidats",
        row: 12,
        column: "Prénom",
        value: '=HYPERLINK("http://x")',
        message: "Le numéro de licence A-75-100001 ne correspond pas à =Dupré Jean",
      },
      {
        sheet: "Candidats",
        row: 14,
        column: "Licence",
        value: "A-76-999999",
        message: "Numéro de licence inconnu : A-76-999999",
      },
      {
        sheet: "Session",
        row: 6,
        column: "Date de début",
        value: "+33",
        message: "Date invalide « +33 » : format attendu JJ/MM/AAAA",
      },
      { sheet: null, row: null, column: null, value: "@SUM(A1)", message: "-1" },
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Erreurs")!;
    expect(sheet.getCell("A1").value).toBe("Erreurs du fichier « =bordereau.xlsx » : 4 (rien n'a été importé)");
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([...REPORT_HEADERS]);
    const rows = [3, 4, 5, 6].map((r) => (sheet.getRow(r).values as unknown[]).slice(1));
    expect(rows).toEqual([
      [
        "Candidats",
        12,
        "Prénom",
        '\'=HYPERLINK("http://x")',
        "Le numéro de licence A-75-100001 ne correspond pas à =Dupré Jean",
      ],
      ["Candidats", 14, "Licence", "A-76-999999", "Numéro de licence inconnu : A-76-999999"],
      ["Session", 6, "Date de début", "'+33", "Date invalide « +33 » : format attendu JJ/MM/AAAA"],
      [undefined, undefined, undefined, "'@SUM(A1)", "'-1"],
    ]);
    for (const row of [3, 4, 5, 6])
      for (const column of [1, 2, 3, 4, 5]) expect(sheet.getCell(row, column).formula).toBeUndefined();
  });

  it("is named after the uploaded file", () => {
    expect(reportFileName("Session MF1 – été.xlsx")).toBe("erreurs-Session-MF1-ete.xlsx");
    expect(reportFileName(".xlsx")).toBe("erreurs-import.xlsx");
  });
});
