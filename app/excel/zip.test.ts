import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ZipError, inflateEntry, readCentralDirectory, writeZip } from "./zip";

const kindOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof ZipError) return error.kind;
    throw error;
  }
  return null;
};

describe("the ZIP reader", () => {
  it("reads back what the writer wrote, stored and deflated, names in UTF-8", () => {
    const archive = writeZip([
      { name: "a.xml", data: "<a/>" },
      { name: "dossier/é.xml", data: "x".repeat(10_000), deflate: true },
    ]);
    const { entries, declaredCount } = readCentralDirectory(archive);
    expect(declaredCount).toBe(2);
    expect(entries.map((e) => [e.name, e.method, e.size])).toEqual([
      ["a.xml", 0, 4],
      ["dossier/é.xml", 8, 10_000],
    ]);
    expect(entries[1].compressedSize).toBeLessThan(200);
    expect(inflateEntry(archive, entries[0]).toString()).toBe("<a/>");
    expect(inflateEntry(archive, entries[1]).toString()).toBe("x".repeat(10_000));
  });

  it("finds the end record behind an archive comment", () => {
    const archive = writeZip([{ name: "a.xml", data: "<a/>" }]);
    const withComment = Buffer.concat([archive, Buffer.from("commentaire")]);
    withComment.writeUInt16LE(11, archive.length - 2);
    expect(readCentralDirectory(withComment).entries[0].name).toBe("a.xml");
  });

  it("stops walking the directory at maxEntries but reports the declared count", () => {
    const archive = writeZip(Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.xml`, data: "<a/>" })));
    const { entries, declaredCount } = readCentralDirectory(archive, { maxEntries: 5 });
    expect(entries).toHaveLength(5);
    expect(declaredCount).toBe(30);
  });

  it("never inflates past the declared size: an entry that lies is a size mismatch", () => {
    const archive = writeZip([{ name: "bombe.xml", data: " ".repeat(1_000_000), deflate: true, declaredSize: 100 }]);
    const [entry] = readCentralDirectory(archive).entries;
    expect(entry.size).toBe(100);
    expect(kindOf(() => inflateEntry(archive, entry))).toBe("size-mismatch");
  });

  it("refuses what it cannot trust: not a zip, cut short, corrupt data, a wrong CRC, encryption", () => {
    expect(kindOf(() => readCentralDirectory(Buffer.from("bonjour tout le monde, ceci n'est pas un zip")))).toBe(
      "not-zip",
    );
    const archive = writeZip([{ name: "a.xml", data: "<a>".repeat(1000), deflate: true }]);
    expect(kindOf(() => readCentralDirectory(archive.subarray(0, archive.length - 30)))).toBe("not-zip");

    const [entry] = readCentralDirectory(archive).entries;
    expect(kindOf(() => inflateEntry(archive.subarray(0, 40), entry))).toBe("truncated");
    const corrupt = Buffer.from(archive);
    corrupt.fill(0xff, 40, 60);
    expect(kindOf(() => inflateEntry(corrupt, entry))).toMatch(/corrupt|size-mismatch/);
    expect(kindOf(() => inflateEntry(archive, { ...entry, crc32: entry.crc32 ^ 1 }))).toBe("corrupt");
    expect(kindOf(() => inflateEntry(archive, { ...entry, flags: 1 }))).toBe("unsupported");
    expect(kindOf(() => inflateEntry(archive, { ...entry, method: 12 }))).toBe("unsupported");
  });

  it("reads ZIP64 sizes from the extra field", () => {
    const data = Buffer.from("<zip64/>");
    const compressed = deflateRawSync(data);
    const archive = writeZip([{ name: "z.xml", data, deflate: true }]);
    // Rewrite the central entry as ZIP64: sizes 0xFFFFFFFF, the real ones in a 0x0001 extra field.
    const { entries } = readCentralDirectory(archive);
    const centralAt = archive.length - 22 - (46 + 5);
    const extra = Buffer.alloc(20);
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(16, 2);
    extra.writeBigUInt64LE(BigInt(data.length), 4);
    extra.writeBigUInt64LE(BigInt(compressed.length), 12);
    const central = Buffer.concat([archive.subarray(centralAt, centralAt + 46 + 5), extra]);
    central.writeUInt32LE(0xffffffff, 20);
    central.writeUInt32LE(0xffffffff, 24);
    central.writeUInt16LE(20, 30);
    const end = Buffer.from(archive.subarray(archive.length - 22));
    end.writeUInt32LE(central.length, 12);
    const zip64 = Buffer.concat([archive.subarray(0, centralAt), central, end]);
    const [entry] = readCentralDirectory(zip64).entries;
    expect({ size: entry.size, compressed: entry.compressedSize }).toEqual({
      size: data.length,
      compressed: entries[0].compressedSize,
    });
    expect(inflateEntry(zip64, entry).toString()).toBe("<zip64/>");
  });
});
