/**
 * The gate before exceljs: every hostile or broken file refused with its French message, fast
 * and without inflating it; good files from this app, LibreOffice and openpyxl let through, as
 * a small rebuilt package exceljs loads.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/connection";
import { freshDatabase } from "../../test/support/database";
import { ImportRefused, REFUSALS, checkWorkbookFile, sniff } from "./archive-guard";
import { scanSheetData } from "./package-xml";
import { buildTemplateFile } from "../sessions/export.server";
import { hostileFiles, minimalXlsx, resaveWithLibreOffice, fillWithOpenpyxl } from "../../test/support/import-fixtures";
import { findTemplate } from "./templates";
import { seedExportWorld } from "../../test/support/excel-world";
import { readCentralDirectory, writeZip } from "./zip";

let db: DB;
let cleanup: () => Promise<void>;
let blank: Buffer;

beforeAll(async () => {
  ({ db, cleanup } = await freshDatabase());
  await seedExportWorld(db);
  blank = (await buildTemplateFile(db, findTemplate("session-niveau-4")!, null)).body;
}, 60_000);

afterAll(async () => {
  await cleanup?.();
});

function refusal(bytes: Uint8Array) {
  try {
    checkWorkbookFile(bytes);
  } catch (error) {
    if (error instanceof ImportRefused) return error.refusal;
    throw error;
  }
  return null;
}

describe("hostile and broken files", () => {
  const files = hostileFiles(() => blank);

  it.each(files.map((f) => [f.name, f] as const))("%s is refused with its message, in under a second", (_, file) => {
    const bytes = file.bytes();
    const started = performance.now();
    const refused = refusal(bytes);
    const elapsed = performance.now() - started;
    expect(refused?.kind).toBe(file.kind);
    expect(refused?.message).toMatch(file.message);
    expect(elapsed).toBeLessThan(1000);
  });

  it("the zip bombs are refused without inflating them (declared) or as soon as they pass their declared size (lying)", () => {
    const [declared, lying] = files.filter((f) => f.kind === "zip-bomb").map((f) => f.bytes());
    const heap = process.memoryUsage().arrayBuffers;
    expect(refusal(declared)?.kind).toBe("zip-bomb");
    expect(refusal(lying)?.kind).toBe("zip-bomb");
    expect(process.memoryUsage().arrayBuffers - heap).toBeLessThan(10 * 1024 * 1024);
  });

  it("an old .xls and an OpenDocument file are told apart from other files", () => {
    const xls = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(xls);
    Buffer.from("Workbook\0", "utf16le").copy(xls, 512);
    expect(refusal(xls)).toEqual({ kind: "xls", message: REFUSALS.xls });
    const ods = writeZip([
      { name: "mimetype", data: "application/vnd.oasis.opendocument.spreadsheet" },
      { name: "content.xml", data: "<office:document-content/>" },
    ]);
    expect(refusal(ods)).toEqual({ kind: "ods", message: REFUSALS.ods });
    const docx = writeZip([{ name: "word/document.xml", data: "<w:document/>" }]);
    expect(refusal(docx)).toEqual({ kind: "not-xlsx", message: REFUSALS.notXlsx });
  });

  it("too many archive entries, too many cells, UTF-16 parts", () => {
    const many = writeZip(Array.from({ length: 201 }, (_, i) => ({ name: `x/${i}.xml`, data: "<a/>" })));
    expect(refusal(many)).toEqual({ kind: "too-many-entries", message: REFUSALS.tooManyEntries(201) });

    const cells = Array.from(
      { length: 1260 },
      (_, r) =>
        `<row r="${r + 1}">${Array.from({ length: 200 }, (_, c) => `<c><v>${(r * 7919 + c * 104729) % 100003}</v></c>`).join("")}</row>`,
    ).join("");
    expect(refusal(minimalXlsx({ sheets: [{ name: "Candidats", sheetData: cells }] }))).toEqual({
      kind: "too-many-cells",
      message: "Le classeur compte 252 000 cellules : 250 000 au plus sont acceptées.",
    });

    const utf16 = minimalXlsx({
      sheets: [{ name: "Session", sheetData: "" }],
      extra: [
        { name: "xl/styles.xml", data: Buffer.from('<?xml version="1.0" encoding="UTF-16"?><styleSheet/>', "utf16le") },
      ],
    });
    expect(refusal(utf16)?.kind).toBe("unreadable");
  });

  it("the size limit is checked first, on the bytes", () => {
    expect(() => sniff(Buffer.alloc(5 * 1024 * 1024 + 1))).toThrow(REFUSALS.tooLarge);
    expect(() => sniff(Buffer.from("PK\u0003\u0004"))).not.toThrow();
  });
});

describe("counting rows, columns and cells on the sheet XML", () => {
  it("uses the cell references, and counts on when a writer leaves them out", () => {
    expect(
      scanSheetData(
        '<sheetData><row r="3"><c r="B3"/><c r="AA3"><v>1</v></c></row><row r="7"><c r="C7"/></row></sheetData>',
      ),
    ).toEqual({
      rows: 7,
      columns: 27,
      cells: 3,
      rowElements: 2,
    });
    expect(scanSheetData("<sheetData><row><c/><c/><c/></row><row><c/></row><row/></sheetData>")).toEqual({
      rows: 2,
      columns: 3,
      cells: 4,
      rowElements: 3,
    });
    expect(scanSheetData('<x:sheetData><x:row r="5000"><x:c r="GR5000"/></x:row></x:sheetData>')).toEqual({
      rows: 5000,
      columns: 200,
      cells: 1,
      rowElements: 1,
    });
  });

  it("does not trust <dimension>: a loose one does not refuse a small sheet", () => {
    const bytes = writeZip([
      {
        name: "_rels/.rels",
        data: '<Relationships><Relationship Id="r" Type="x/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      },
      {
        name: "xl/workbook.xml",
        data: '<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
      },
      {
        name: "xl/_rels/workbook.xml.rels",
        data: '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      },
      {
        name: "xl/worksheets/sheet1.xml",
        data: '<worksheet><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>',
      },
    ]);
    expect(checkWorkbookFile(bytes).sheets).toEqual([
      { name: "S", state: "visible", part: "xl/worksheets/sheet1.xml", rows: 1, columns: 1, cells: 1, rowElements: 1 },
    ]);
  });
});

describe("good files", () => {
  async function load(pkg: Buffer) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(pkg as unknown as ArrayBuffer);
    return workbook;
  }

  it("a bordereau of this app passes, rebuilt without comments, drawings or validations", async () => {
    const checked = checkWorkbookFile(blank);
    expect(checked.sheets.map((s) => [s.name, s.state])).toEqual([
      ["Mode d'emploi", "visible"],
      ["Session", "visible"],
      ["Candidats", "visible"],
      ["Listes", "hidden"],
    ]);
    const names = readCentralDirectory(checked.package).entries.map((e) => e.name);
    expect(names.filter((n) => /comment|drawing|vml|theme/i.test(n))).toEqual([]);
    expect(checked.package.toString("latin1")).not.toMatch(/<dataValidations|<legacyDrawing/);
    const workbook = await load(checked.package);
    expect(workbook.getWorksheet("Candidats")!.getCell("A1").value).toBe("Licence");
    expect(workbook.definedNames.getRanges("SESSIONS_MODELE").ranges).toEqual(["Listes!$H$2"]);
  });

  it("keeps hyperlinks", async () => {
    const source = new ExcelJS.Workbook();
    source.addWorksheet("Session").getCell("B5").value = {
      text: "Fosse de Villeneuve",
      hyperlink: "https://example.org/fosse",
    };
    const checked = checkWorkbookFile(Buffer.from(await source.xlsx.writeBuffer()));
    const cell = (await load(checked.package)).getWorksheet("Session")!.getCell("B5").value;
    expect(cell).toEqual({ text: "Fosse de Villeneuve", hyperlink: "https://example.org/fosse" });
  });

  it("a bordereau re-saved by LibreOffice Calc passes", async () => {
    const checked = checkWorkbookFile(resaveWithLibreOffice(blank));
    expect(checked.sheets.find((s) => s.name === "Candidats")).toMatchObject({ rows: 1001 });
    expect((await load(checked.package)).getWorksheet("Session")!.getCell("A4").value).toBe("Brevet passé");
  }, 120_000);

  it("a bordereau written by openpyxl passes, though exceljs alone cannot open it", async () => {
    const bytes = fillWithOpenpyxl(blank, { header: { Lieu: "Marseille" }, jury: [], candidates: [] });
    await expect(load(bytes)).rejects.toThrow();
    const checked = checkWorkbookFile(bytes);
    expect((await load(checked.package)).getWorksheet("Session")!.getCell("B5").value).toBe("Marseille");
  }, 60_000);
});
