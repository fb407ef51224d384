import { createReadableStreamFromReadable } from "@remix-run/node";
import ExcelJS from "exceljs";
import { PassThrough, Readable } from "node:stream";

/**
 * A download of one sheet, streamed as it is written: the header row from `columns` (bold, kept
 * on screen), then the rows `write` adds, each committed as it goes, so that a long export never
 * holds the whole workbook in memory. A failure half-way is logged under `label` and ends the
 * download (the browser reports it, no truncated file is mistaken for a whole one).
 */
export function streamSheet({
  sheetName,
  columns,
  fileName,
  label,
  write,
}: {
  sheetName: string;
  columns: Partial<ExcelJS.Column>[];
  fileName: string;
  label: string;
  write: (sheet: ExcelJS.Worksheet) => Promise<void>;
}): Response {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();

  void (async () => {
    try {
      await write(sheet);
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      console.error(label, error);
      output.destroy(error as Error);
    }
  })();

  return new Response(createReadableStreamFromReadable(Readable.from(output)), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
