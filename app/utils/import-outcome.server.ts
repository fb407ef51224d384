import type { Refusal } from "~/excel/archive-guard";
import type { ImportProblem } from "~/excel/read";
import { seal, unseal } from "~/excel/signed-payload.server";
import { env } from "~/utils/db.server";

/** What the import screens show after reading a file that cannot be used (serialisable). */
export type UploadOutcome =
  | { kind: "error"; message: string }
  | { kind: "refused"; fileName: string; message: string; link: { href: string; label: string } | null }
  | { kind: "problems"; fileName: string; total: number; problems: ImportProblem[]; reported: number; report: string };

/** The page lists this many problems; the report holds up to `REPORT_LIMIT`. */
export const DISPLAY_LIMIT = 1000;
export const REPORT_LIMIT = 20_000;
/** How long the report button keeps working. */
const REPORT_TTL_SECONDS = 24 * 60 * 60;

interface ReportPayload {
  userId: number;
  fileName: string;
  problems: ImportProblem[];
}

export function refusedOutcome(fileName: string, refusal: Refusal): UploadOutcome {
  return { kind: "refused", fileName, message: refusal.message, link: refusal.link ?? null };
}

/**
 * Every problem of a file, and the error report to download: the problems are carried by the
 * page itself in a signed field (no server state), posted back to `/sessions/importer/rapport.xlsx`.
 */
export function problemsOutcome(userId: number, fileName: string, problems: ImportProblem[]): UploadOutcome {
  const report = seal(
    env.sessionSecret,
    "import-report",
    { userId, fileName, problems: problems.slice(0, REPORT_LIMIT) } satisfies ReportPayload,
    REPORT_TTL_SECONDS,
  );
  return {
    kind: "problems",
    fileName,
    total: problems.length,
    problems: problems.slice(0, DISPLAY_LIMIT),
    reported: Math.min(problems.length, REPORT_LIMIT),
    report,
  };
}

/** The report a signed field describes, if it was made for this user and has not expired. */
export function openReport(userId: number, token: unknown): ReportPayload | null {
  const payload = unseal<ReportPayload>(env.sessionSecret, "import-report", token);
  return payload && payload.userId === userId ? payload : null;
}
