/**
 * Just enough of the ZIP format to inspect an uploaded .xlsx before any library sees it, and to
 * hand exceljs a package rebuilt from checked parts: the central directory read by hand, each
 * entry inflated by Node's zlib with a ceiling on its output, and a writer of small archives
 * (stored or deflated) for the rebuilt package and the test fixtures.
 *
 * Nothing here trusts the archive: offsets, counts and sizes are checked against the buffer,
 * an inflated entry may never exceed the size its central directory declares, and its CRC-32
 * must match. Every failure is a `ZipError` whose `kind` the caller turns into a message.
 */
import { crc32 as zlibCrc32, deflateRawSync, inflateRawSync } from "node:zlib";

export type ZipErrorKind =
  /** Not a ZIP archive at all (no end-of-central-directory record). */
  | "not-zip"
  /** Offsets or lengths point outside the file: cut short or damaged. */
  | "truncated"
  /** An entry is encrypted, split across disks, or compressed by a method other than stored/deflate. */
  | "unsupported"
  /** An entry inflates to more bytes than declared. */
  | "size-mismatch"
  /** Inflated bytes whose CRC-32 differs from the declared one, or a corrupt deflate stream. */
  | "corrupt";

export class ZipError extends Error {
  constructor(
    readonly kind: ZipErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "ZipError";
  }
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  /** As declared by the central directory (never trusted: inflating stops there). */
  size: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The end-of-central-directory record, searched from the end (it may be followed by a comment). */
function findEndOfCentralDirectory(bytes: Uint8Array, data: DataView): number {
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = bytes.length - EOCD_SIZE; at >= lowest; at--) {
    if (data.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  return -1;
}

/** A 64-bit little-endian integer that must fit a JavaScript number (anything larger is absurd here). */
function uint64(data: DataView, at: number): number {
  const value = data.getBigUint64(at, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError("truncated", "ZIP64 value out of range");
  return Number(value);
}

/**
 * The entries named by the central directory, with the sizes it declares. `maxEntries` stops
 * the walk early (the caller refuses an archive with more).
 */
export function readCentralDirectory(
  bytes: Uint8Array,
  { maxEntries = Infinity }: { maxEntries?: number } = {},
): {
  entries: ZipEntry[];
  /** The count the directory declares (may exceed `entries.length` when `maxEntries` stopped the walk). */
  declaredCount: number;
} {
  if (bytes.length < EOCD_SIZE) throw new ZipError("not-zip", "too short for a ZIP archive");
  const data = view(bytes);
  const eocd = findEndOfCentralDirectory(bytes, data);
  if (eocd < 0) throw new ZipError("not-zip", "no end of central directory");
  if (data.getUint16(eocd + 4, true) !== 0 || data.getUint16(eocd + 6, true) !== 0) {
    throw new ZipError("unsupported", "multi-disk archive");
  }
  let count = data.getUint16(eocd + 10, true);
  let size = data.getUint32(eocd + 12, true);
  let offset = data.getUint32(eocd + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || data.getUint32(locator, true) !== ZIP64_LOCATOR_SIGNATURE) {
      throw new ZipError("truncated", "ZIP64 locator missing");
    }
    const record = uint64(data, locator + 8);
    if (record + 56 > bytes.length || data.getUint32(record, true) !== ZIP64_EOCD_SIGNATURE) {
      throw new ZipError("truncated", "ZIP64 end of central directory missing");
    }
    count = uint64(data, record + 32);
    size = uint64(data, record + 40);
    offset = uint64(data, record + 48);
  }
  if (offset + size > bytes.length) throw new ZipError("truncated", "central directory beyond the end of the file");

  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder("utf-8");
  let at = offset;
  for (let i = 0; i < count && entries.length < maxEntries; i++) {
    if (at + 46 > bytes.length || data.getUint32(at, true) !== CENTRAL_SIGNATURE) {
      throw new ZipError("truncated", `central directory entry ${i} unreadable`);
    }
    const flags = data.getUint16(at + 8, true);
    const method = data.getUint16(at + 10, true);
    const crc = data.getUint32(at + 16, true);
    let compressedSize = data.getUint32(at + 20, true);
    let uncompressedSize = data.getUint32(at + 24, true);
    const nameLength = data.getUint16(at + 28, true);
    const extraLength = data.getUint16(at + 30, true);
    const commentLength = data.getUint16(at + 32, true);
    const disk = data.getUint16(at + 34, true);
    let localHeaderOffset = data.getUint32(at + 42, true);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > bytes.length) throw new ZipError("truncated", `central directory entry ${i} cut short`);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      // ZIP64 extended information: the 64-bit values, in this order, for the fields set to 0xFFFFFFFF.
      let extra = at + 46 + nameLength;
      const extraEnd = extra + extraLength;
      while (extra + 4 <= extraEnd) {
        const id = data.getUint16(extra, true);
        const length = data.getUint16(extra + 2, true);
        if (id === 0x0001) {
          let field = extra + 4;
          if (uncompressedSize === 0xffffffff) {
            uncompressedSize = uint64(data, field);
            field += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = uint64(data, field);
            field += 8;
          }
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = uint64(data, field);
          break;
        }
        extra += 4 + length;
      }
    }
    if (disk !== 0 && disk !== 0xffff) throw new ZipError("unsupported", "multi-disk archive");
    entries.push({ name, method, flags, crc32: crc, compressedSize, size: uncompressedSize, localHeaderOffset });
    at = end;
  }
  return { entries, declaredCount: count };
}

/** Where an entry's compressed bytes sit (after its local header, whose lengths may differ from the central ones). */
function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const data = view(bytes);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || data.getUint32(at, true) !== LOCAL_SIGNATURE) {
    throw new ZipError("truncated", `local header of ${entry.name} unreadable`);
  }
  const start = at + 30 + data.getUint16(at + 26, true) + data.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipError("truncated", `data of ${entry.name} cut short`);
  return bytes.subarray(start, end);
}

/**
 * The bytes of one entry. Inflating stops at the declared size: an entry that would produce
 * more is a `size-mismatch` (a zip bomb lying about its size), never a large allocation.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry): Buffer {
  if (entry.flags & 0x0001) throw new ZipError("unsupported", `${entry.name} is encrypted`);
  if (entry.method !== 0 && entry.method !== 8)
    throw new ZipError("unsupported", `${entry.name}: compression method ${entry.method}`);
  const compressed = entryData(bytes, entry);
  let inflated: Buffer;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw new ZipError("size-mismatch", `${entry.name}: stored sizes differ`);
    inflated = Buffer.from(compressed.buffer, compressed.byteOffset, compressed.byteLength);
  } else if (entry.size === 0) {
    inflated = Buffer.alloc(0);
    if (compressed.length > 2) {
      // An empty entry deflates to 2 bytes; more means hidden content.
      try {
        if (inflateRawSync(compressed, { maxOutputLength: 1 }).length > 0)
          throw new ZipError("size-mismatch", `${entry.name}: larger than declared`);
      } catch (error) {
        if (error instanceof ZipError) throw error;
        throw new ZipError("size-mismatch", `${entry.name}: larger than declared`);
      }
    }
  } else {
    try {
      inflated = inflateRawSync(compressed, { maxOutputLength: entry.size });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ERR_BUFFER_TOO_LARGE") throw new ZipError("size-mismatch", `${entry.name}: larger than declared`);
      throw new ZipError("corrupt", `${entry.name}: ${(error as Error).message}`);
    }
  }
  if (inflated.length !== entry.size)
    throw new ZipError("size-mismatch", `${entry.name}: ${inflated.length} bytes instead of ${entry.size}`);
  if (typeof zlibCrc32 === "function" && zlibCrc32(inflated) !== entry.crc32) {
    throw new ZipError("corrupt", `${entry.name}: CRC-32 mismatch`);
  }
  return inflated;
}

export interface NewZipEntry {
  name: string;
  data: Uint8Array | string;
  /** Deflate this entry (default: stored, which is what the rebuilt package uses: no work to undo). */
  deflate?: boolean;
  /** Write these sizes in the headers instead of the true ones (test fixtures of lying archives). */
  declaredSize?: number;
}

const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1; // 2026-01-01
const DOS_TIME = 0;

/** A ZIP archive of the given entries (no ZIP64: every size and offset must fit 32 bits). */
export function writeZip(entries: NewZipEntry[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const raw = typeof entry.data === "string" ? Buffer.from(entry.data, "utf8") : Buffer.from(entry.data);
    const body = entry.deflate ? deflateRawSync(raw) : raw;
    const method = entry.deflate ? 8 : 0;
    const crc = zlibCrc32(raw);
    const size = entry.declaredSize ?? raw.length;
    // The fields both headers share, from "version needed" to the name's length, in the same order.
    const shared = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at); // version needed to extract
      header.writeUInt16LE(0x0800, at + 2); // UTF-8 names
      header.writeUInt16LE(method, at + 4);
      header.writeUInt16LE(DOS_TIME, at + 6);
      header.writeUInt16LE(DOS_DATE, at + 8);
      header.writeUInt32LE(crc, at + 10);
      header.writeUInt32LE(body.length, at + 14);
      header.writeUInt32LE(size, at + 18);
      header.writeUInt16LE(name.length, at + 22);
      return header;
    };
    const local = Buffer.alloc(30); // extra field's length (28): 0
    local.writeUInt32LE(LOCAL_SIGNATURE, 0);
    chunks.push(shared(local, 4), name, body);

    const header = Buffer.alloc(46); // extra, comment, disk, attributes: 0
    header.writeUInt32LE(CENTRAL_SIGNATURE, 0);
    header.writeUInt16LE(20, 4); // version made by
    shared(header, 6);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(EOCD_SIZE);
  end.writeUInt32LE(EOCD_SIGNATURE, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}
