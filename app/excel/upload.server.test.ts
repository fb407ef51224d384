import { describe, expect, it } from "vitest";
import { REFUSALS } from "./archive-guard";
import { INCOMPLETE_FORM, cleanFileName, readUploadForm, uploadedFile } from "./upload.server";

const BOUNDARY = "----limite";

/** A multipart request, its body streamed in 64 KB chunks; `consumed` says when the last chunk was read. */
function multipart(parts: { name: string; filename?: string; data: Buffer | string }[], { declareLength = true } = {}) {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ""}`;
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n`));
    if (part.filename !== undefined) chunks.push(Buffer.from("Content-Type: application/octet-stream\r\n"));
    chunks.push(Buffer.from("\r\n"), Buffer.from(part.data), Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  const body = Buffer.concat(chunks);
  const state = { consumed: false };
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= body.length) {
        state.consumed = true;
        return controller.close();
      }
      controller.enqueue(new Uint8Array(body.subarray(offset, offset + 65536)));
      offset += 65536;
    },
  });
  const headers: Record<string, string> = { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` };
  if (declareLength) headers["Content-Length"] = String(body.length);
  const request = new Request("http://localhost/sessions/importer", {
    method: "POST",
    headers,
    body: stream,
    duplex: "half",
  } as RequestInit);
  return { request, state };
}

describe("reading the upload form", () => {
  it("keeps the fields and the file", async () => {
    const { request } = multipart([
      { name: "title", data: "Session été" },
      { name: "file", filename: "bordereau.xlsx", data: Buffer.from("PK\u0003\u0004...") },
    ]);
    const result = await readUploadForm(request);
    if (!result.ok) throw new Error(result.message);
    expect(result.form.get("title")).toBe("Session été");
    const file = uploadedFile(result.form, "file")!;
    expect(file.name).toBe("bordereau.xlsx");
    expect(Buffer.from(await file.arrayBuffer()).toString()).toBe("PK\u0003\u0004...");
  });

  it("no file chosen is no file", async () => {
    const { request } = multipart([{ name: "file", filename: "", data: "" }]);
    const result = await readUploadForm(request);
    expect(result.ok && uploadedFile(result.form, "file")).toBeNull();
  });

  it.each([
    ["declared by Content-Length", true],
    ["found while reading (no Content-Length)", false],
  ])(
    "a file over 5 MB (%s) is refused, and the rest of the body is read so that the browser gets the answer",
    async (_, declareLength) => {
      const { request, state } = multipart(
        [
          { name: "title", data: "x" },
          { name: "file", filename: "gros.xlsx", data: Buffer.alloc(6 * 1024 * 1024, 1) },
        ],
        {
          declareLength,
        },
      );
      expect(await readUploadForm(request)).toEqual({ ok: false, status: 413, message: REFUSALS.tooLarge });
      expect(state.consumed).toBe(true);
    },
  );

  it("a post that is not multipart is refused with a form error", async () => {
    const request = new Request("http://localhost/", {
      method: "POST",
      body: "title=x",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(await readUploadForm(request)).toMatchObject({ ok: false, status: 400 });
  });

  it("a body cut off before its closing boundary is refused with a form error", async () => {
    const body = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nPK`;
    const request = new Request("http://localhost/", {
      method: "POST",
      body,
      headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
    });
    expect(await readUploadForm(request)).toEqual({ ok: false, status: 400, message: INCOMPLETE_FORM });
  });

  it("file names are kept readable and short", () => {
    expect(cleanFileName("C:\\Users\\moi\\bordereau\u0007.xlsx")).toBe("bordereau.xlsx");
    expect(cleanFileName("")).toBe("fichier.xlsx");
    expect(cleanFileName(`${"a".repeat(200)}.xlsx`)).toHaveLength(120);
  });
});
