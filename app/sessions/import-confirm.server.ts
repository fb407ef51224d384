/**
 * Importing a file that "Vérifier le fichier" found without error, without choosing it again
 * (without JavaScript the browser has forgotten it): the page carries what the file says in a
 * signed field, and "Lancer l'import" without a new file creates the session from it.
 *
 * The field holds the file's content as read (header, jury, candidates with equivalences and
 * marks, each person with its sheet and row), not its bytes: a few hundred bytes for a usual
 * bordereau, at most some 100 KB under the row limit, whatever pictures the file carried. It
 * is signed for the purpose `session-import`, expires after an hour and names the user and the
 * organiser it was checked for (see docs/decisions/009-excel-import.md).
 *
 * The signature proves only that this server read that content for that user and scope. What
 * the database decides is checked again when the session is created: the template and the exam
 * grid in force, the lists (brevets, equivalences, tests), each licence against the registry
 * with its nom and prénom, and the organiser's right to the brevet — with the same functions,
 * and the same messages, as a fresh upload.
 *
 * A field creates one session only: the import records its digest (`confirmationKey`) in the
 * transaction that creates the session (table `import_confirmations`, migration 006), and a
 * second post of the same field — a double click, Back then resubmit, a replay — is answered
 * with the session already created (`importedBy`).
 */
import { createHash, randomBytes } from "node:crypto";
import type { Source } from "./source";
import { ImportRefused, type Refusal } from "~/excel/archive-guard";
import { checkRegistry, importResolver, importSummary, type ImportAnalysis } from "./import-check.server";
import {
  sortProblems,
  type ImportedCandidate,
  type ImportedFile,
  type ImportedHeader,
  type ImportedJuryMember,
} from "~/excel/read";
import { seal, unseal } from "~/excel/signed-payload.server";
import type { ResolvedTemplate, TemplateMarker, TemplateSpec } from "~/excel/spec";
import { findTemplate, templateUrl } from "~/excel/templates";

/** How long a checked file waits for "Lancer l'import" (as the confirmation of an update). */
export const CONFIRM_TTL_SECONDS = 60 * 60;

/** The same words as the confirmation of an update (`/sessions/:id/mise-a-jour`). */
export const EXPIRED_MESSAGE = "La confirmation a expiré ou n'est pas valide : importez de nouveau le fichier.";
export const OTHER_SCOPE_MESSAGE =
  "Ce fichier a été vérifié pour un autre organisateur que celui de la portée choisie : rien n'a été enregistré. " +
  "Importez de nouveau le fichier pour cette portée.";
export const ALREADY_IMPORTED_MESSAGE = "Ce fichier a déjà été importé : voici la session créée.";
export const LISTS_CHANGED_MESSAGE =
  "Le bordereau ou ses listes (brevets, équivalences, épreuves) ont changé depuis la vérification : rien n'a été enregistré. " +
  "Importez de nouveau le fichier.";

/** What a checked file says, as the import needs it: the part of `ImportedFile` that does not come from the database. */
export interface CheckedContent {
  marker: TemplateMarker;
  header: ImportedHeader;
  jury: ImportedJuryMember[];
  candidates: ImportedCandidate[];
}

interface CheckedPayload {
  userId: number;
  organiserId: number;
  fileName: string;
  content: CheckedContent;
  /** Random: each check makes its own field (and key), even of the same file in the same second. */
  nonce: string;
}

export interface CheckedFor {
  userId: number;
  organiserId: number;
}

/** The signed field for a file that passed every check, for this user and organiser. */
export function sealCheckedImport(
  secret: string,
  who: CheckedFor,
  fileName: string,
  file: ImportedFile,
  now = Date.now(),
): string {
  const content: CheckedContent = {
    marker: file.marker,
    header: file.header,
    jury: file.jury,
    candidates: file.candidates,
  };
  return seal(
    secret,
    "session-import",
    {
      userId: who.userId,
      organiserId: who.organiserId,
      fileName,
      content,
      nonce: randomBytes(12).toString("base64url"),
    } satisfies CheckedPayload,
    CONFIRM_TTL_SECONDS,
    now,
  );
}

export type OpenedImport =
  | { ok: true; fileName: string; content: CheckedContent }
  | { ok: false; status: 400 | 409; message: string };

/**
 * The content of a signed field, if this server made it for this user, for this purpose, less
 * than an hour ago, and for the organiser the user acts for now.
 */
export function openCheckedImport(secret: string, token: unknown, who: CheckedFor, now = Date.now()): OpenedImport {
  const payload = unseal<CheckedPayload>(secret, "session-import", token, now);
  if (!payload || payload.userId !== who.userId) return { ok: false, status: 400, message: EXPIRED_MESSAGE };
  if (payload.organiserId !== who.organiserId) return { ok: false, status: 409, message: OTHER_SCOPE_MESSAGE };
  return { ok: true, fileName: payload.fileName, content: payload.content };
}

/** The key a signed field is remembered by once imported: its SHA-256 digest (hex). */
export function confirmationKey(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * What a field already imported is answered: the session it created, to open with
 * `ALREADY_IMPORTED_MESSAGE`; or, when that session was deleted since (or is no longer the
 * organiser's), the expired message — the field will not create it again.
 */
export type PriorImport = { sessionId: number; message: string } | { sessionId: null; status: 409; message: string };

/** What the field with this key already imported (`null`: nothing, it has not been imported). */
export async function importedBy(source: Source, key: string, organiserId: number): Promise<PriorImport | null> {
  const row = await source
    .selectFrom("import_confirmations as c")
    .leftJoin("exam_sessions as s", (join) =>
      join.onRef("s.id", "=", "c.session_id").on("s.organiser_id", "=", organiserId),
    )
    .select("s.id")
    .where("c.token_digest", "=", key)
    .executeTakeFirst();
  if (!row) return null;
  return row.id === null
    ? { sessionId: null, status: 409, message: EXPIRED_MESSAGE }
    : { sessionId: row.id, message: ALREADY_IMPORTED_MESSAGE };
}

function listsChanged(spec: TemplateSpec | undefined): Refusal {
  return spec
    ? {
        kind: "outdated-template",
        message: LISTS_CHANGED_MESSAGE,
        link: { href: templateUrl(spec), label: `Télécharger le modèle « ${spec.name} » à jour` },
      }
    : { kind: "outdated-template", message: LISTS_CHANGED_MESSAGE, link: { href: "/modeles", label: "Modèles Excel" } };
}

/** Every code the content uses is still offered by today's lists and grid. */
function listsStillHold(content: CheckedContent, resolved: ResolvedTemplate): boolean {
  const codes = (key: keyof ResolvedTemplate["lists"]) => new Set(resolved.lists[key].map((o) => o.code));
  const certifications = codes("certifications");
  const roles = codes("juryRoles");
  const equivalences = codes("equivalences");
  // The resolver has already refused another grid than the file's: its tests are the file's columns.
  const tests = new Set((resolved.grid?.tests ?? []).map((t) => t.code));
  const { certificationCode, startDate } = content.header;
  if (!certificationCode || !certifications.has(certificationCode) || !startDate) return false;
  if (!content.jury.every((j) => roles.has(j.role))) return false;
  return content.candidates.every(
    (c) =>
      (c.equivalence === null || equivalences.has(c.equivalence)) &&
      Object.keys(c.marks).every((code) => tests.has(code)),
  );
}

/**
 * The checks of a fresh upload that depend on the database, run again on checked content:
 * refused when the template, its grid or its lists changed since; every registry problem
 * (a licence gone, a nom or prénom changed, a brevet the organiser may no longer organise)
 * listed with its sheet and row; otherwise ready for `createImportedSession`.
 */
export async function recheckImport(
  source: Source,
  content: CheckedContent,
  organiserId: number,
): Promise<ImportAnalysis> {
  const spec = findTemplate(content.marker.template);
  let resolved: ResolvedTemplate;
  try {
    if (!spec || spec.version !== content.marker.version) throw new ImportRefused(listsChanged(spec));
    resolved = await importResolver(source, { kind: "new" })(spec, content.marker);
  } catch (error) {
    if (error instanceof ImportRefused) return { status: "refused", refusal: error.refusal };
    throw error;
  }
  if (!listsStillHold(content, resolved)) return { status: "refused", refusal: listsChanged(spec) };
  const file: ImportedFile = {
    spec,
    marker: content.marker,
    resolved,
    header: content.header,
    jury: content.jury,
    candidates: content.candidates,
    problems: [],
  };
  const registry = await checkRegistry(source, file, organiserId);
  if (registry.problems.length > 0) {
    return {
      status: "problems",
      problems: sortProblems(registry.problems, [resolved.jury.sheet, resolved.candidates.sheet]),
    };
  }
  return { status: "ready", file, licensees: registry.licensees, summary: importSummary(file) };
}
