import { lockSessionRow } from "../../db/dialect";
import { checkSessionDates } from "~/domain/session-dates";
import { recordHistory } from "~/utils/audit.server";
import { nowIso } from "~/utils/db.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { normalizeSearch } from "../../db/normalize";
import { getSessionDetail } from "./detail.server";
import { inTransaction, type Source } from "./source";

export interface InformationInput {
  title: string;
  place: string;
  startDate: string;
  endDate: string | null;
  version: number;
}

export type SaveResult = { ok: true } | { ok: false; field?: "endDate"; message: string };

/** A draft's header fields, as stored. */
export interface HeaderFields {
  title?: string;
  certification_code?: string;
  place: string;
  start_date: string;
  end_date: string | null;
}

/**
 * Writes a draft's header (with the searchable copies of its title and place) and moves its
 * version on, only if it is still at `version`; false when somebody saved it since.
 */
export async function updateHeader(
  source: Source,
  sessionId: number,
  userId: number,
  version: number,
  fields: HeaderFields,
): Promise<boolean> {
  const updated = await source
    .updateTable("exam_sessions")
    .set({
      ...fields,
      ...(fields.title === undefined ? {} : { title_search: normalizeSearch(fields.title) }),
      place_search: normalizeSearch(fields.place),
      version: version + 1,
      updated_by: userId,
      updated_at: nowIso(),
    })
    .where("id", "=", sessionId)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

const LABELS = { title: "Intitulé", place: "Lieu", start_date: "Date de début", end_date: "Date de fin" } as const;

/**
 * Saves a draft's information in one transaction. Refused, changing nothing, when somebody saved
 * the session since `version` was read (the message names who and when).
 */
export async function saveInformation(
  source: Source,
  sessionId: number,
  userId: number,
  input: InformationInput,
): Promise<SaveResult> {
  return inTransaction(source, async (trx) => {
    await lockSessionRow(trx, sessionId);
    const current = await getSessionDetail(trx, sessionId);
    if (current.version !== input.version) {
      const time = formatDateTime(current.updated_at).split(" à ")[1] ?? "";
      return {
        ok: false,
        message: `Cette session a été modifiée entre-temps par ${current.updated_by_name ?? "un autre utilisateur"} à ${time} ; rechargez la page.`,
      };
    }
    const datesProblem = checkSessionDates(current.certification_code, input.startDate, input.endDate);
    if (datesProblem) return { ok: false, field: "endDate", message: datesProblem };

    const next = { title: input.title, place: input.place, start_date: input.startDate, end_date: input.endDate };
    const changes = (Object.keys(next) as (keyof typeof next)[]).filter((key) => (current[key] ?? null) !== next[key]);
    if (changes.length === 0) return { ok: true };

    const updated = await updateHeader(trx, sessionId, userId, input.version, next);
    if (!updated) {
      return { ok: false, message: "Cette session a été modifiée entre-temps ; rechargez la page." };
    }
    const show = (key: keyof typeof next, value: string | null) =>
      key === "start_date" || key === "end_date" ? (value ? formatDate(value) : "—") : value || "—";
    await recordHistory(trx, {
      userId,
      sessionId,
      action: "session_updated",
      details: changes
        .map((key) => `${LABELS[key]} : « ${show(key, current[key])} » → « ${show(key, next[key])} »`)
        .join(" ; "),
    });
    return { ok: true };
  });
}
