/**
 * Reading a multipart form that carries one bordereau, without ever holding more than the size
 * limit in memory, and without leaving the browser with a broken connection.
 *
 * Remix's memory upload handler stops at `maxPartSize` by throwing, but leaves the request body
 * locked and half read: answering then makes the browser report "Failed to fetch" (remix#8213).
 * So the body is read through a stream this module controls: when a part or the whole body
 * exceeds the limit, the rest is read and thrown away (up to `DRAIN_LIMIT`), then the route
 * answers with a form error.
 */
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { timingSafeEqual } from "node:crypto";
import { CROSS_SITE_MESSAGE, currentRequest } from "~/utils/request-context.server";
import { REFUSALS } from "./archive-guard";
import { IMPORT_LIMITS } from "./import-limits";

/** Room for the other fields and the multipart framing around the file. */
const FORM_OVERHEAD = 256 * 1024;
export const MAX_BODY_BYTES = IMPORT_LIMITS.maxFileBytes + FORM_OVERHEAD;
/** Beyond this, an oversized body is not read to its end: the connection is simply answered. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

export type UploadForm = { ok: true; form: FormData } | { ok: false; status: 400 | 413; message: string };

class BodyTooLarge extends Error {}

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, alreadyRead: number): Promise<void> {
  let read = alreadyRead;
  try {
    while (read < DRAIN_LIMIT) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The client went away: nothing left to drain.
  }
}

/** Reads and throws away a request body not worth parsing (a refused post), so that the browser gets the answer. */
export async function discardBody(request: Request): Promise<void> {
  if (!request.body || request.bodyUsed || request.body.locked) return;
  await drain(request.body.getReader(), 0);
}

export function isMultipart(request: Request): boolean {
  return /^multipart\/form-data\s*;/i.test(request.headers.get("Content-Type") ?? "");
}

/** The fields of a multipart form, the file part kept in memory (at most `IMPORT_LIMITS.maxFileBytes`). */
export async function readUploadForm(request: Request): Promise<UploadForm> {
  const tooLarge = { ok: false, status: 413, message: REFUSALS.tooLarge } as const;
  if (!isMultipart(request) || !request.body) {
    return {
      ok: false,
      status: 400,
      message: "Le formulaire doit être envoyé avec son fichier : choisissez le fichier puis validez.",
    };
  }
  const reader = request.body.getReader();
  const declared = Number(request.headers.get("Content-Length") ?? "");
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    await drain(reader, 0);
    return tooLarge;
  }
  let read = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      read += value.byteLength;
      if (read > MAX_BODY_BYTES) return controller.error(new BodyTooLarge());
      controller.enqueue(value);
    },
  });
  // `unstable_parseMultipartFormData` reads only the Content-Type header and the body.
  const proxy = { headers: request.headers, body } as unknown as Request;
  try {
    const form = await unstable_parseMultipartFormData(
      proxy,
      unstable_createMemoryUploadHandler({ maxPartSize: IMPORT_LIMITS.maxFileBytes }),
    );
    requireToken(form);
    return { ok: true, form };
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof MaxPartSizeExceededError || error instanceof BodyTooLarge) {
      await drain(reader, read);
      return tooLarge;
    }
    // Anything else the multipart parser meets (not multipart, no boundary, a body cut off
    // before its closing boundary) is a form that did not arrive whole.
    await drain(reader, read);
    return { ok: false, status: 400, message: INCOMPLETE_FORM };
  }
}

/**
 * The form's CSRF token, checked here for uploads (server/guard.js checks every other form before
 * the route runs, but does not read a bordereau). Outside the server (unit tests) there is none.
 */
function requireToken(form: FormData): void {
  const expected = currentRequest()?.csrfToken;
  if (expected === undefined) return;
  const posted = form.get("csrf");
  const same =
    typeof posted === "string" &&
    posted.length === expected.length &&
    timingSafeEqual(Buffer.from(posted), Buffer.from(expected));
  if (!same) throw json({ message: CROSS_SITE_MESSAGE }, { status: 403 });
}

export const INCOMPLETE_FORM = "Le formulaire reçu est incomplet : choisissez de nouveau le fichier puis validez.";

/** The uploaded file of a form field: null when the field is absent or no file was chosen. */
export function uploadedFile(form: FormData, name: string): File | null {
  const value = form.get(name);
  if (!value || typeof value === "string") return null;
  const file = value as File;
  return file.name ? file : null;
}

/** A file name as shown and recorded: the base name, without control characters, 120 characters at most. */
export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return (cleaned || "fichier.xlsx").slice(0, 120);
}
