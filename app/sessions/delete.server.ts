import { lockSessionRow } from "../../db/dialect";
import { recordHistory } from "~/utils/audit.server";
import { inTransaction, type Source } from "./source";

/** Deletes a draft session (its people and marks go with it) and records it; returns its title. */
export async function deleteSession(source: Source, sessionId: number, userId: number): Promise<string> {
  return inTransaction(source, async (trx) => {
    await lockSessionRow(trx, sessionId);
    const session = await trx
      .selectFrom("exam_sessions")
      .select(["title", "certification_code", "start_date"])
      .where("id", "=", sessionId)
      .executeTakeFirstOrThrow();
    await trx.deleteFrom("exam_sessions").where("id", "=", sessionId).where("status", "=", "draft").execute();
    await recordHistory(trx, {
      userId,
      sessionId,
      action: "session_deleted",
      details: `${session.title} (${session.certification_code}, ${session.start_date})`,
    });
    return session.title;
  });
}
