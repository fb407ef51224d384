// Over 350 lines: the five checks of one upload are read in order, as the gate applies them.
/**
 * The gate every uploaded file passes before exceljs sees it (exceljs expands a whole archive in
 * memory with no limit: a 216 KB crafted file made it use 532 MB).
 *
 * 1. What the bytes are: empty, too large, a PDF, an encrypted workbook or an old .xls (both OLE
 *    compound files), an OpenDocument file, or something that is not a ZIP archive at all.
 * 2. The archive, read by hand (`zip.ts`): entry count; declared inflated sizes (total and ratio
 *    per entry) checked before inflating anything; each entry then inflated with its declared
 *    size as a hard ceiling, so that the actual size is checked too, and its CRC-32.
 * 3. Every XML part: no `<!DOCTYPE` or `<!ENTITY` (a spreadsheet never needs them; they are how
 *    entity-expansion tricks start).
 * 4. Every worksheet's `<sheetData>` scanned as text (`package-xml.ts`): rows, columns and cells
 *    counted (the `<dimension>` element is not trusted: writers fill it loosely, a hostile one lies).
 * 5. A package rebuilt from the checked parts only — workbook (sheets, date system, the marker's
 *    defined name), styles, shared strings, worksheets with their cell data and hyperlinks — and
 *    stored without compression: what exceljs then loads is small, bounded and free of the parts
 *    it trips on (comments with absolute targets written by openpyxl, drawings, validations with
 *    extensions written by LibreOffice).
 *
 * Any failure throws `ImportRefused` with a French message for the person who sent the file.
 */
import { IMPORT_LIMITS, megabytes, thousands } from "./import-limits";
import {
  attributes,
  decodeXml,
  dirOf,
  escapeXml,
  relationships,
  relsPathOf,
  scanSheetData,
  splitWorksheet,
  tags,
  typeIs,
  type SheetStats,
} from "./package-xml";
import { ZipError, inflateEntry, readCentralDirectory, writeZip } from "./zip";

export type RefusalKind =
  | "empty"
  | "too-large"
  | "pdf"
  | "encrypted"
  | "xls"
  | "ods"
  | "not-xlsx"
  | "truncated"
  | "zip-bomb"
  | "too-many-entries"
  | "xml-entities"
  | "too-many-rows"
  | "too-many-columns"
  | "too-many-cells"
  | "unreadable"
  | "not-template"
  | "outdated-template"
  | "outdated-grid"
  | "wrong-template"
  | "other-session";

/** Why a whole file is refused (as opposed to problems in its cells): one message, maybe a link. */
export interface Refusal {
  kind: RefusalKind;
  message: string;
  link?: { href: string; label: string };
}

export class ImportRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
    this.name = "ImportRefused";
  }
}

function refuse(kind: RefusalKind, message: string, link?: Refusal["link"]): never {
  throw new ImportRefused(link ? { kind, message, link } : { kind, message });
}

const SAVE_AGAIN = "enregistrez-le de nouveau au format Classeur Excel (.xlsx), puis importez-le.";

export const REFUSALS = {
  empty: "Le fichier est vide : choisissez le bordereau rempli.",
  tooLarge: `Le fichier dépasse la taille maximale de ${megabytes(IMPORT_LIMITS.maxFileBytes)} : un bordereau rempli en fait bien moins.`,
  pdf: "Ce fichier est un PDF, pas un classeur Excel : importez le bordereau au format .xlsx.",
  encrypted:
    "Ce classeur est protégé par un mot de passe : ouvrez-le, enregistrez-le sans mot de passe, puis importez-le de nouveau.",
  xls: `Ce fichier est au format Excel 97-2003 (.xls) : ${SAVE_AGAIN}`,
  ods: `Ce fichier est au format OpenDocument (.ods) : ${SAVE_AGAIN}`,
  notXlsx:
    "Ce fichier n'est pas un classeur Excel (.xlsx) : importez le bordereau téléchargé depuis la page Modèles Excel, une fois rempli.",
  truncated: `Le fichier est incomplet ou endommagé (archive tronquée ou corrompue) : ${SAVE_AGAIN}`,
  zipBomb:
    `Le fichier est refusé : une fois décompressé, il dépasserait les limites admises ` +
    `(${megabytes(IMPORT_LIMITS.maxInflatedBytes)} au total, taux de compression de ${IMPORT_LIMITS.maxRatio} au plus).`,
  tooManyEntries: (count: number) =>
    `Le fichier est refusé : l'archive contient ${thousands(count)} éléments, ${IMPORT_LIMITS.maxEntries} au plus sont admis.`,
  xmlEntities:
    "Le fichier est refusé : il contient des déclarations XML (DOCTYPE ou ENTITY) qu'un classeur Excel ne contient jamais.",
  tooManyRows: (sheet: string, rows: number) =>
    `L'onglet « ${sheet} » va jusqu'à la ligne ${thousands(rows)} : ${thousands(IMPORT_LIMITS.maxRows)} lignes au plus sont acceptées.`,
  tooManyColumns: (sheet: string, columns: number) =>
    `L'onglet « ${sheet} » utilise ${thousands(columns)} colonnes : ${IMPORT_LIMITS.maxColumns} au plus sont acceptées.`,
  tooManyCells: (cells: number) =>
    `Le classeur compte ${thousands(cells)} cellules : ${thousands(IMPORT_LIMITS.maxCells)} au plus sont acceptées.`,
  unreadable: `Le fichier n'a pas pu être lu comme un classeur Excel : ${SAVE_AGAIN}`,
} as const;

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, prefix: ArrayLike<number>): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** An OLE compound file holding an encrypted OOXML package names its streams `EncryptionInfo` / `EncryptedPackage`. */
function isEncryptedPackage(bytes: Uint8Array): boolean {
  const haystack = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (
    haystack.indexOf(Buffer.from("EncryptedPackage", "utf16le")) >= 0 ||
    haystack.indexOf(Buffer.from("EncryptionInfo", "utf16le")) >= 0
  );
}

/** Step 1: what the bytes are, from their first bytes. Returns normally only for a ZIP archive. */
export function sniff(bytes: Uint8Array): void {
  if (bytes.length === 0) refuse("empty", REFUSALS.empty);
  if (bytes.length > IMPORT_LIMITS.maxFileBytes) refuse("too-large", REFUSALS.tooLarge);
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) refuse("pdf", REFUSALS.pdf); // %PDF-
  if (startsWith(bytes, OLE_SIGNATURE)) {
    if (isEncryptedPackage(bytes)) refuse("encrypted", REFUSALS.encrypted);
    refuse("xls", REFUSALS.xls);
  }
  // PK\3\4 (a local header) or PK\5\6 (an empty archive)
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && !startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    refuse("not-xlsx", REFUSALS.notXlsx);
  }
}

export interface CheckedSheet extends SheetStats {
  name: string;
  state: "visible" | "hidden" | "veryHidden";
  /** Where the rebuilt package holds its XML (`xl/worksheets/sheet1.xml`). */
  part: string;
}

export interface CheckedWorkbook {
  /** The rebuilt package (stored ZIP) exceljs loads. */
  package: Buffer;
  sheets: CheckedSheet[];
  /** Bytes inflated while checking (for the benchmark). */
  inflatedBytes: number;
}

const XML_PART = /\.(xml|rels|vml)$/i;
const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  "</styleSheet>";
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

/** Decodes an XML part as text, refusing UTF-16 (never written by spreadsheet programs) and entity declarations. */
function xmlText(bytes: Buffer): string {
  if (
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    bytes.subarray(0, 64).includes(0)
  ) {
    refuse("unreadable", REFUSALS.unreadable);
  }
  const text = bytes.toString("utf8");
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(text)) refuse("xml-entities", REFUSALS.xmlEntities);
  return text;
}

/** Steps 2 and 3: the archive's entries, checked, inflated, XML parts decoded. */
function inflateArchive(bytes: Uint8Array): { parts: Map<string, string>; other: Set<string>; inflatedBytes: number } {
  let directory: ReturnType<typeof readCentralDirectory>;
  try {
    directory = readCentralDirectory(bytes, { maxEntries: IMPORT_LIMITS.maxEntries + 1 });
  } catch (error) {
    if (error instanceof ZipError && error.kind === "unsupported") refuse("unreadable", REFUSALS.unreadable);
    refuse("truncated", REFUSALS.truncated);
  }
  if (directory.declaredCount > IMPORT_LIMITS.maxEntries) {
    refuse("too-many-entries", REFUSALS.tooManyEntries(directory.declaredCount));
  }
  const files = directory.entries.filter((e) => !e.name.endsWith("/"));
  const names = new Set<string>();
  let declaredTotal = 0;
  for (const entry of files) {
    const name = entry.name.replace(/^\/+/, "").replace(/\\/g, "/");
    if (names.has(name)) refuse("unreadable", REFUSALS.unreadable);
    names.add(name);
    declaredTotal += entry.size;
    const ratio = entry.size / Math.max(entry.compressedSize, 1);
    if (entry.size > IMPORT_LIMITS.ratioFromBytes && ratio > IMPORT_LIMITS.maxRatio)
      refuse("zip-bomb", REFUSALS.zipBomb);
  }
  if (declaredTotal > IMPORT_LIMITS.maxInflatedBytes) refuse("zip-bomb", REFUSALS.zipBomb);

  const parts = new Map<string, string>();
  const other = new Set<string>();
  let inflatedBytes = 0;
  for (const entry of files) {
    const name = entry.name.replace(/^\/+/, "").replace(/\\/g, "/");
    if (!XML_PART.test(name)) {
      // Pictures, printer settings, VBA…: never handed on, so never inflated; their declared
      // size already counts toward the total.
      other.add(name);
      continue;
    }
    let inflated: Buffer;
    try {
      inflated = inflateEntry(bytes, entry);
    } catch (error) {
      if (error instanceof ZipError) {
        if (error.kind === "size-mismatch") refuse("zip-bomb", REFUSALS.zipBomb);
        if (error.kind === "unsupported") {
          if (entry.flags & 1) refuse("encrypted", REFUSALS.encrypted);
          refuse("unreadable", REFUSALS.unreadable);
        }
        refuse("truncated", REFUSALS.truncated);
      }
      throw error;
    }
    inflatedBytes += inflated.length;
    parts.set(name, xmlText(inflated));
  }
  return { parts, other, inflatedBytes };
}

/**
 * The whole gate: sniffing, archive, XML, sizes; returns the package exceljs may load, or throws
 * `ImportRefused`.
 */
export function checkWorkbookFile(bytes: Uint8Array): CheckedWorkbook {
  sniff(bytes);
  const { parts, other, inflatedBytes } = inflateArchive(bytes);

  if (other.has("mimetype") || parts.has("content.xml")) {
    // OpenDocument: a `mimetype` entry first, content in content.xml.
    refuse("ods", REFUSALS.ods);
  }
  const rootRels = relationships(parts.get("_rels/.rels"), "");
  const workbookPart = rootRels.find((r) => typeIs(r, "officeDocument"))?.part ?? "xl/workbook.xml";
  const workbookXml = parts.get(workbookPart);
  if (!workbookXml || !/<(?:[A-Za-z_][\w.-]*:)?workbook(?=[\s>])/.test(workbookXml))
    refuse("not-xlsx", REFUSALS.notXlsx);
  const workbookRels = relationships(parts.get(relsPathOf(workbookPart)), dirOf(workbookPart));
  const relById = new Map(workbookRels.map((r) => [r.id, r]));

  const date1904 = tags(workbookXml, "workbookPr").some((tag) =>
    /^(1|true)$/i.test(attributes(tag).get("date1904") ?? ""),
  );
  const markerNames = [...workbookXml.matchAll(/<(?:[A-Za-z_][\w.-]*:)?definedName(?=[\s>])([^>]*)>([^<]*)<\//g)]
    .map((m) => ({
      name: attributes(m[1]).get("name") ?? "",
      localSheetId: attributes(m[1]).get("localSheetId"),
      ref: decodeXml(m[2]).trim(),
    }))
    .filter(
      (d) =>
        d.localSheetId === undefined &&
        /^[A-Za-z_][\w.]*$/.test(d.name) &&
        /^('[^']+'|[^'!:\s]+)!\$?[A-Z]{1,3}\$?\d+$/.test(d.ref),
    );

  const sheets: CheckedSheet[] = [];
  const entries: { name: string; data: string }[] = [];
  const sheetTags: string[] = [];
  const bookRels: string[] = [];
  let cells = 0;
  for (const tag of tags(workbookXml, "sheet")) {
    const a = attributes(tag);
    const rId = [...a.entries()].find(([key]) => key.endsWith(":id"))?.[1];
    const rel = rId ? relById.get(rId) : undefined;
    if (!rel || !rel.part || !typeIs(rel, "worksheet")) continue; // chart sheets and the like: not read
    const xml = parts.get(rel.part);
    if (xml === undefined) refuse("truncated", REFUSALS.truncated);
    const split = splitWorksheet(xml);
    if (!split) refuse("unreadable", REFUSALS.unreadable);
    const name = a.get("name") ?? `Feuille ${sheets.length + 1}`;
    const stats = scanSheetData(split.sheetData);
    if (stats.rows > IMPORT_LIMITS.maxRows || stats.rowElements > IMPORT_LIMITS.maxRows) {
      refuse("too-many-rows", REFUSALS.tooManyRows(name, Math.max(stats.rows, stats.rowElements)));
    }
    if (stats.columns > IMPORT_LIMITS.maxColumns)
      refuse("too-many-columns", REFUSALS.tooManyColumns(name, stats.columns));
    cells += stats.cells;
    if (cells > IMPORT_LIMITS.maxCells) refuse("too-many-cells", REFUSALS.tooManyCells(cells));
    const stateValue = a.get("state");
    const state = stateValue === "hidden" || stateValue === "veryHidden" ? stateValue : "visible";
    const index = sheets.length + 1;
    const part = `xl/worksheets/sheet${index}.xml`;
    sheets.push({ name, state, part, ...stats });

    const sheetRels = relationships(parts.get(relsPathOf(rel.part)), dirOf(rel.part)).filter((r) =>
      typeIs(r, "hyperlink"),
    );
    const kept = new Set(sheetRels.map((r) => r.id));
    const links = split.hyperlinks.filter((h) => h.ref && (h.rId === null || kept.has(h.rId)));
    const hyperlinks = links.length
      ? `<hyperlinks>${links
          .map(
            (h) =>
              `<hyperlink ref="${escapeXml(h.ref)}"${h.rId ? ` r:id="${escapeXml(h.rId)}"` : ""}` +
              `${h.location ? ` location="${escapeXml(h.location)}"` : ""}${h.tooltip ? ` tooltip="${escapeXml(h.tooltip)}"` : ""}` +
              `${h.display ? ` display="${escapeXml(h.display)}"` : ""}/>`,
          )
          .join("")}</hyperlinks>`
      : "";
    // The start tag may lack the relationships namespace that `r:id` needs.
    const head = /xmlns:r\s*=/.test(split.head)
      ? split.head
      : split.head.replace(/<((?:[A-Za-z_][\w.-]*:)?worksheet)(?=[\s>])/, `<$1 xmlns:r="${NS_REL}"`);
    entries.push({ name: part, data: `${head}${split.sheetData}${hyperlinks}</${split.rootName}>` });
    if (sheetRels.length) {
      entries.push({
        name: `xl/worksheets/_rels/sheet${index}.xml.rels`,
        data:
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${NS_PACKAGE_REL}">` +
          sheetRels
            .map(
              (r) =>
                `<Relationship Id="${escapeXml(r.id)}" Type="${escapeXml(r.type)}" Target="${escapeXml(r.target)}" TargetMode="External"/>`,
            )
            .join("") +
          "</Relationships>",
      });
    }
    sheetTags.push(`<sheet name="${escapeXml(name)}" sheetId="${index}" state="${state}" r:id="rId${index}"/>`);
    bookRels.push(`<Relationship Id="rId${index}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${index}.xml"/>`);
  }
  if (sheets.length === 0) refuse("not-xlsx", REFUSALS.notXlsx);

  const stylesPart = workbookRels.find((r) => typeIs(r, "styles"))?.part;
  const sharedStringsPart = workbookRels.find((r) => typeIs(r, "sharedStrings"))?.part;
  const sharedStrings = sharedStringsPart ? parts.get(sharedStringsPart) : undefined;
  const styles = (stylesPart && parts.get(stylesPart)) || MINIMAL_STYLES;
  const n = sheets.length;
  bookRels.push(`<Relationship Id="rId${n + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>`);
  if (sharedStrings !== undefined)
    bookRels.push(`<Relationship Id="rId${n + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>`);

  const workbook =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    (date1904 ? '<workbookPr date1904="1"/>' : "<workbookPr/>") +
    `<sheets>${sheetTags.join("")}</sheets>` +
    (markerNames.length
      ? `<definedNames>${markerNames.map((d) => `<definedName name="${escapeXml(d.name)}">${escapeXml(d.ref)}</definedName>`).join("")}</definedNames>`
      : "") +
    "</workbook>";

  const packaged = writeZip([
    {
      name: "_rels/.rels",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${NS_PACKAGE_REL}"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    { name: "xl/workbook.xml", data: workbook },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${NS_PACKAGE_REL}">${bookRels.join("")}</Relationships>`,
    },
    { name: "xl/styles.xml", data: styles },
    ...(sharedStrings !== undefined ? [{ name: "xl/sharedStrings.xml", data: sharedStrings }] : []),
    ...entries,
  ]);
  return { package: packaged, sheets, inflatedBytes };
}
