/**
 * Files for the import's tests and benchmark (unit, end to end, bench), all made on the spot:
 * - a blank bordereau filled with exceljs the way a person would (cells found by their labels);
 * - the same file re-saved by LibreOffice Calc (`soffice --headless --convert-to xlsx`) and a
 *   blank bordereau filled by openpyxl (Debian's `python3-openpyxl`): the real programs, run here;
 * - hostile or broken files: a PDF and a text file named .xlsx, an empty file, a truncated
 *   archive, a password-protected workbook, a file over 5 MB, zip bombs (honest and lying
 *   about their sizes), a sheet of 5,001 rows or 201 columns, XML entity expansion.
 *
 * The password-protected workbook is an OLE compound file whose directory names the streams
 * `EncryptionInfo` and `EncryptedPackage`, as Excel and LibreOffice write one; its content is
 * not a real encrypted package (only its container is inspected: the import refuses it there).
 *
 * No `~/` imports: the end-to-end specs import this module too.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { writeZip, type NewZipEntry } from "../../app/excel/zip";

export interface FillPerson {
  licence: string;
  lastName: string;
  firstName: string;
}

export interface FillJuryMember extends FillPerson {
  /** As the dropdown shows it (`Président de jury`) or a code, any case. */
  role: string;
}

export interface FillCandidate extends FillPerson {
  /** Row of the Candidats sheet (default: one after the other from the first row). */
  row?: number;
  birthDate?: ExcelJS.CellValue;
  equivalence?: string;
  /** By header text as written in the template (`Mannequin (×1)`), any value. */
  marks?: Record<string, ExcelJS.CellValue>;
}

export interface Fill {
  certification?: ExcelJS.CellValue;
  place?: ExcelJS.CellValue;
  startDate?: ExcelJS.CellValue;
  endDate?: ExcelJS.CellValue;
  jury?: FillJuryMember[];
  candidates?: FillCandidate[];
  /** Last touches on the workbook before it is written. */
  edit?: (workbook: ExcelJS.Workbook) => void;
}

function text(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && "richText" in value) return value.richText.map((r) => r.text).join("");
  return String(value);
}

/** The first row (from the top) whose cells include every given text, and where each text sits. */
function findHeaderRow(
  sheet: ExcelJS.Worksheet,
  texts: string[],
  maxRow = 60,
): { row: number; columns: Map<string, number> } {
  for (let r = 1; r <= maxRow; r++) {
    const columns = new Map<string, number>();
    sheet.getRow(r).eachCell((cell, c) => {
      const t = text(cell.value).trim();
      if (t && !columns.has(t)) columns.set(t, c);
    });
    if (texts.every((t) => columns.has(t))) return { row: r, columns };
  }
  throw new Error(`No row with ${texts.join(", ")} in ${sheet.name}`);
}

/** A blank bordereau (bytes) filled as a person would, cells located by their labels. */
export async function fillTemplate(blank: Uint8Array, fill: Fill): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(blank as unknown as ArrayBuffer);
  const session = workbook.getWorksheet("Session")!;
  const label = (wanted: string) => findHeaderRow(session, [wanted], 30).row;
  const header: [string, ExcelJS.CellValue | undefined][] = [
    ["Brevet passé", fill.certification],
    ["Lieu", fill.place],
    ["Date de début", fill.startDate],
    ["Date de fin", fill.endDate],
  ];
  for (const [name, value] of header) if (value !== undefined) session.getCell(label(name), 2).value = value;

  const jury = findHeaderRow(session, ["Rôle", "Licence", "Nom", "Prénom"]);
  (fill.jury ?? []).forEach((member, index) => {
    const row = session.getRow(jury.row + 1 + index);
    row.getCell(jury.columns.get("Rôle")!).value = member.role;
    row.getCell(jury.columns.get("Licence")!).value = member.licence;
    row.getCell(jury.columns.get("Nom")!).value = member.lastName;
    row.getCell(jury.columns.get("Prénom")!).value = member.firstName;
  });

  const sheet = workbook.getWorksheet("Candidats")!;
  const table = findHeaderRow(sheet, ["Licence", "Nom", "Prénom"]);
  (fill.candidates ?? []).forEach((candidate, index) => {
    const row = sheet.getRow(candidate.row ?? table.row + 1 + index);
    const set = (header: string, value: ExcelJS.CellValue | undefined) => {
      if (value === undefined) return;
      const column = table.columns.get(header);
      if (!column) throw new Error(`No column ${header}`);
      row.getCell(column).value = value;
    };
    set("Licence", candidate.licence);
    set("Nom", candidate.lastName);
    set("Prénom", candidate.firstName);
    set("Date de naissance", candidate.birthDate);
    set("Équivalence", candidate.equivalence);
    for (const [header, value] of Object.entries(candidate.marks ?? {})) set(header, value);
  });
  fill.edit?.(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// Other programs.

const PYTHON = process.env.PYTHON || (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
const SOFFICE = process.env.SOFFICE_PATH || "soffice";

export const hasSoffice = spawnSync(SOFFICE, ["--version"], { stdio: "ignore" }).status === 0;
export const hasOpenpyxl = spawnSync(PYTHON, ["-c", "import openpyxl"], { stdio: "ignore" }).status === 0;

function withTempDir<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "sessions-import-"));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The file as LibreOffice Calc saves it again (`soffice --headless --convert-to xlsx`), with a private profile. */
export function resaveWithLibreOffice(bytes: Uint8Array): Buffer {
  return withTempDir((dir) => {
    writeFileSync(join(dir, "bordereau.xlsx"), bytes);
    const run = spawnSync(
      SOFFICE,
      [
        `-env:UserInstallation=file://${join(dir, "profile")}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "xlsx",
        "--outdir",
        join(dir, "out"),
        join(dir, "bordereau.xlsx"),
      ],
      { encoding: "utf8", timeout: 120_000 },
    );
    const out = join(dir, "out", "bordereau.xlsx");
    if (run.status !== 0 || !existsSync(out)) throw new Error(`soffice failed: ${run.stderr || run.stdout}`);
    return readFileSync(out);
  });
}

export interface OpenpyxlFill {
  /** Header cells by label (`Brevet passé` → value); dates as `YYYY-MM-DD` are written as real dates. */
  header: Record<string, string | number>;
  jury: string[][];
  /** Rows of the Candidats sheet, by header text. */
  candidates: Record<string, string | number>[];
}

/**
 * A blank bordereau filled and saved by openpyxl: the cells located by their labels, text as
 * inline strings, `YYYY-MM-DD` values as real dates (openpyxl writes them as serials with a date format).
 */
export function fillWithOpenpyxl(blank: Uint8Array, fill: OpenpyxlFill): Buffer {
  const script = `
import datetime, json, re, sys, openpyxl
src, out, spec = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
wb = openpyxl.load_workbook(src)
def value(v):
    if isinstance(v, str) and re.fullmatch(r"\\d{4}-\\d{2}-\\d{2}", v):
        return datetime.datetime.strptime(v, "%Y-%m-%d")
    return v
session = wb["Session"]
labels = {}
for row in session.iter_rows(min_row=1, max_row=40):
    for cell in row:
        if isinstance(cell.value, str):
            labels.setdefault(cell.value.strip(), (cell.row, cell.column))
for label, v in spec["header"].items():
    r, c = labels[label]
    cell = session.cell(row=r, column=c + 1, value=value(v))
    if isinstance(cell.value, datetime.datetime):
        cell.number_format = "DD/MM/YYYY"
r, c = labels["Rôle"]
for i, member in enumerate(spec["jury"]):
    for j, v in enumerate(member):
        session.cell(row=r + 1 + i, column=c + j, value=v)
sheet = wb["Candidats"]
headers = {cell.value: cell.column for cell in sheet[1] if cell.value}
for i, candidate in enumerate(spec["candidates"]):
    for header, v in candidate.items():
        cell = sheet.cell(row=2 + i, column=headers[header], value=value(v))
        if isinstance(cell.value, datetime.datetime):
            cell.number_format = "DD/MM/YYYY"
wb.save(out)
`;
  return withTempDir((dir) => {
    writeFileSync(join(dir, "blank.xlsx"), blank);
    const run = spawnSync(
      PYTHON,
      ["-c", script, join(dir, "blank.xlsx"), join(dir, "filled.xlsx"), JSON.stringify(fill)],
      {
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    if (run.status !== 0) throw new Error(`openpyxl failed: ${run.stderr || run.stdout}`);
    return readFileSync(join(dir, "filled.xlsx"));
  });
}

// ---------------------------------------------------------------------------------------------
// Hostile and broken files.

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships";

/** A minimal workbook package: its sheets' `<sheetData>` content given as XML text. */
export function minimalXlsx({
  sheets,
  sharedStrings,
  extra = [],
}: {
  sheets: { name: string; sheetData: string }[];
  sharedStrings?: string;
  extra?: NewZipEntry[];
}): Buffer {
  const entries: NewZipEntry[] = [
    {
      name: "[Content_Types].xml",
      data:
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
    },
    {
      name: "_rels/.rels",
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${NS_PKG}"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: "xl/workbook.xml",
      data:
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets>` +
        sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
        "</sheets></workbook>",
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data:
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${NS_PKG}">` +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join("") +
        (sharedStrings ? `<Relationship Id="rIdS" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>` : "") +
        "</Relationships>",
    },
    ...sheets.map((s, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS_MAIN}"><sheetData>${s.sheetData}</sheetData></worksheet>`,
      deflate: true,
    })),
    ...(sharedStrings ? [{ name: "xl/sharedStrings.xml", data: sharedStrings, deflate: true }] : []),
    ...extra,
  ];
  return writeZip(entries);
}

function rowsXml(rows: number, columns: number): string {
  const letters = (n: number) => {
    let s = "";
    for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  };
  const out: string[] = [];
  for (let r = 1; r <= rows; r++) {
    const cells: string[] = [];
    for (let c = 1; c <= columns; c++) cells.push(`<c r="${letters(c)}${r}"><v>${r}</v></c>`);
    out.push(`<row r="${r}">${cells.join("")}</row>`);
  }
  return out.join("");
}

let bombData: Buffer | undefined;
/** 100 MB of spaces, deflated once (about 100 KB). */
function bombEntry(): Buffer {
  bombData ??= deflateRawSync(Buffer.alloc(100 * 1024 * 1024, 0x20), { level: 9 });
  return bombData;
}

/** A ZIP whose one entry is given already compressed, with the sizes to declare. */
function rawZip(name: string, compressed: Buffer, declaredSize: number, crc = 0): Buffer {
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(compressed.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(compressed.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const directoryOffset = local.length + nameBytes.length + compressed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return Buffer.concat([local, nameBytes, compressed, central, nameBytes, end]);
}

/** An OLE compound file (the container of .xls files and of encrypted .xlsx files) naming the given streams. */
function compoundFile(streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // little endian
  header.writeUInt16LE(9, 30); // 512-byte sectors
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(0, 48); // first directory sector
  const directory = Buffer.alloc(512);
  ["Root Entry", ...streams].slice(0, 4).forEach((name, i) => {
    const at = i * 128;
    const encoded = Buffer.from(`${name}\0`, "utf16le");
    encoded.copy(directory, at);
    directory.writeUInt16LE(encoded.length, at + 64);
    directory.writeUInt8(i === 0 ? 5 : 2, at + 66);
  });
  return Buffer.concat([header, directory, Buffer.alloc(1024)]);
}

export interface HostileFile {
  name: string;
  fileName: string;
  bytes: () => Buffer;
  /** The refusal's kind (archive-guard.ts) and a fragment of its message. */
  kind: string;
  message: RegExp;
}

/** Every hostile or broken file the import must refuse, with what it must say. `valid` is any good bordereau. */
export function hostileFiles(valid: () => Buffer): HostileFile[] {
  return [
    {
      name: "a PDF named .xlsx",
      fileName: "bordereau.xlsx",
      bytes: () => Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
      kind: "pdf",
      message: /Ce fichier est un PDF, pas un classeur Excel/,
    },
    {
      name: "a text file named .xlsx",
      fileName: "candidats.xlsx",
      bytes: () => Buffer.from("Licence;Nom;Prénom\nA-75-100001;Lefèvre;Hélène\n", "utf8"),
      kind: "not-xlsx",
      message: /Ce fichier n'est pas un classeur Excel \(\.xlsx\)/,
    },
    {
      name: "an empty file",
      fileName: "vide.xlsx",
      bytes: () => Buffer.alloc(0),
      kind: "empty",
      message: /Le fichier est vide/,
    },
    {
      name: "a truncated archive",
      fileName: "tronque.xlsx",
      bytes: () => {
        const whole = valid();
        return whole.subarray(0, Math.floor(whole.length * 0.6));
      },
      kind: "truncated",
      message: /Le fichier est incomplet ou endommagé/,
    },
    {
      name: "a password-protected workbook",
      fileName: "protege.xlsx",
      bytes: () => compoundFile(["EncryptionInfo", "EncryptedPackage"]),
      kind: "encrypted",
      message: /Ce classeur est protégé par un mot de passe/,
    },
    {
      name: "a file over 5 MB",
      fileName: "gros.xlsx",
      bytes: () => {
        const big = Buffer.alloc(5 * 1024 * 1024 + 1024, 0x41);
        Buffer.from("PK\u0003\u0004").copy(big, 0);
        return big;
      },
      kind: "too-large",
      message: /Le fichier dépasse la taille maximale de 5 Mo/,
    },
    {
      name: "a zip bomb (100 MB declared)",
      fileName: "bombe.xlsx",
      bytes: () => rawZip("xl/worksheets/sheet1.xml", bombEntry(), 100 * 1024 * 1024),
      kind: "zip-bomb",
      message: /une fois décompressé, il dépasserait les limites admises/,
    },
    {
      name: "a zip bomb lying about its size",
      fileName: "bombe-menteuse.xlsx",
      bytes: () => rawZip("xl/worksheets/sheet1.xml", bombEntry(), 1000),
      kind: "zip-bomb",
      message: /une fois décompressé, il dépasserait les limites admises/,
    },
    {
      name: "an entry compressed 1,000 to 1 (20 MB declared)",
      fileName: "compression.xlsx",
      bytes: () =>
        rawZip(
          "xl/sharedStrings.xml",
          deflateRawSync(Buffer.alloc(20 * 1024 * 1024, 0x20), { level: 9 }),
          20 * 1024 * 1024,
        ),
      kind: "zip-bomb",
      message: /taux de compression de 200 au plus/,
    },
    {
      name: "5,001 rows",
      fileName: "lignes.xlsx",
      bytes: () => minimalXlsx({ sheets: [{ name: "Candidats", sheetData: rowsXml(5001, 1) }] }),
      kind: "too-many-rows",
      message: /L'onglet « Candidats » va jusqu'à la ligne 5 001 : 5 000 lignes au plus sont acceptées/,
    },
    {
      name: "201 columns",
      fileName: "colonnes.xlsx",
      bytes: () => minimalXlsx({ sheets: [{ name: "Candidats", sheetData: rowsXml(2, 201) }] }),
      kind: "too-many-columns",
      message: /L'onglet « Candidats » utilise 201 colonnes : 200 au plus sont acceptées/,
    },
    {
      name: "XML entity expansion",
      fileName: "entites.xlsx",
      bytes: () =>
        minimalXlsx({
          sheets: [{ name: "Session", sheetData: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }],
          sharedStrings:
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
            '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>' +
            `<sst xmlns="${NS_MAIN}" count="1" uniqueCount="1"><si><t>&lol3;</t></si></sst>`,
        }),
      kind: "xml-entities",
      message: /il contient des déclarations XML \(DOCTYPE ou ENTITY\)/,
    },
  ];
}
