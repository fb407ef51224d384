/**
 * The XML parts of an .xlsx package read as text, never handed to an XML parser (the archive guard,
 * `archive-guard.ts`, decides what is kept from them): entities, start tags and their attributes,
 * relationships between parts, a worksheet split around its cell data, and the cells counted.
 */

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, entity: string) => {
    if (entity[0] !== "#") return ENTITIES[entity];
    const code = entity[1] === "x" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** The attributes of one start tag, by qualified name (`r:id`) and by local name (`id`), decoded. */
export function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tag.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const value = decodeXml(match[2] ?? match[3] ?? "");
    found.set(match[1], value);
    const local = match[1].includes(":") ? match[1].slice(match[1].indexOf(":") + 1) : null;
    if (local && !found.has(local)) found.set(local, value);
  }
  return found;
}

/** Every start (or empty) tag `<name …>` with that local name, whatever its namespace prefix. */
export function tags(xml: string, localName: string): string[] {
  const pattern = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${localName}(?=[\\s/>])[^>]*>`, "g");
  return xml.match(pattern) ?? [];
}

export interface Relationship {
  id: string;
  type: string;
  /** The part it points to, resolved to an archive path (`xl/worksheets/sheet1.xml`); null for external targets. */
  part: string | null;
  target: string;
  external: boolean;
}

/** `xl/` + `worksheets/sheet1.xml` → `xl/worksheets/sheet1.xml`; `/xl/x.xml` → `xl/x.xml`; `..` resolved. */
export function resolvePart(baseDir: string, target: string): string {
  const path = target.startsWith("/") ? target.slice(1) : `${baseDir}${target}`;
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") out.pop();
    else out.push(segment);
  }
  return out.join("/");
}

export function relationships(xml: string | undefined, baseDir: string): Relationship[] {
  if (!xml) return [];
  return tags(xml, "Relationship").map((tag) => {
    const a = attributes(tag);
    const external = (a.get("TargetMode") ?? "").toLowerCase() === "external";
    const target = a.get("Target") ?? "";
    return {
      id: a.get("Id") ?? "",
      type: a.get("Type") ?? "",
      target,
      external,
      part: external ? null : resolvePart(baseDir, target),
    };
  });
}

/** The `_rels/x.xml.rels` of part `dir/x.xml`. */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

export function dirOf(part: string): string {
  return part.slice(0, part.lastIndexOf("/") + 1);
}

export const typeIs = (rel: Relationship, suffix: string) => rel.type.endsWith(`/${suffix}`);

/** Column letters → number (`A` → 1, `AA` → 27). */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

export interface SheetStats {
  /** Last row holding a cell. */
  rows: number;
  /** Last column holding a cell. */
  columns: number;
  cells: number;
  /** `<row>` elements, empty ones included. */
  rowElements: number;
}

/** Step 4: rows, columns and cells of a worksheet's `<sheetData>`, counted on the text. */
export function scanSheetData(sheetData: string): SheetStats {
  const stats: SheetStats = { rows: 0, columns: 0, cells: 0, rowElements: 0 };
  const token = /<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>/g;
  let row = 0;
  let column = 0;
  for (let match = token.exec(sheetData); match; match = token.exec(sheetData)) {
    if (match[1] === "row") {
      const r = /\br\s*=\s*["'](\d+)["']/.exec(match[2]);
      row = r ? Number(r[1]) : row + 1;
      column = 0;
      stats.rowElements++;
    } else {
      const ref = /\br\s*=\s*["']\$?([A-Za-z]{1,3})\$?(\d+)["']/.exec(match[2]);
      column = ref ? columnNumber(ref[1].toUpperCase()) : column + 1;
      const cellRow = ref ? Number(ref[2]) : row;
      stats.cells++;
      if (cellRow > stats.rows) stats.rows = cellRow;
      if (column > stats.columns) stats.columns = column;
    }
  }
  return stats;
}

export interface WorksheetParts {
  head: string;
  sheetData: string;
  hyperlinks: {
    ref: string;
    rId: string | null;
    location: string | null;
    tooltip: string | null;
    display: string | null;
  }[];
  rootName: string;
}

/** A worksheet split into what is kept: the start (up to `<sheetData>`), the cell data, the hyperlinks. */
export function splitWorksheet(xml: string): WorksheetParts | null {
  const root = /<((?:[A-Za-z_][\w.-]*:)?worksheet)(?=[\s>])/.exec(xml);
  if (!root) return null;
  const open = /<(?:[A-Za-z_][\w.-]*:)?sheetData(?=[\s/>])[^>]*?(\/?)>/.exec(xml);
  if (!open) return null;
  let sheetData: string;
  let tail: string;
  if (open[1] === "/") {
    sheetData = open[0];
    tail = xml.slice(open.index + open[0].length);
  } else {
    const close = /<\/(?:[A-Za-z_][\w.-]*:)?sheetData\s*>/g;
    close.lastIndex = open.index;
    const end = close.exec(xml);
    if (!end) return null;
    sheetData = xml.slice(open.index, end.index + end[0].length);
    tail = xml.slice(end.index + end[0].length);
  }
  const hyperlinks = tags(tail, "hyperlink").map((tag) => {
    const a = attributes(tag);
    return {
      ref: a.get("ref") ?? "",
      rId: [...a.entries()].find(([key]) => key.endsWith(":id"))?.[1] ?? null,
      location: a.get("location") ?? null,
      tooltip: a.get("tooltip") ?? null,
      display: a.get("display") ?? null,
    };
  });
  return { head: xml.slice(0, open.index), sheetData, hyperlinks, rootName: root[1] };
}
