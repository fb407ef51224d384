import { db } from "~/utils/db.server";

export async function getSessionDetail(id: number) {
  return db
    .selectFrom("exam_sessions as s")
    .innerJoin("certifications as c", "c.code", "s.certification_code")
    .innerJoin("organisers as o", "o.id", "s.organiser_id")
    .leftJoin("users as cu", "cu.id", "s.created_by")
    .leftJoin("users as uu", "uu.id", "s.updated_by")
    .leftJoin("users as xu", "xu.id", "s.closed_by")
    .select([
      "s.id",
      "s.title",
      "s.place",
      "s.start_date",
      "s.end_date",
      "s.status",
      "s.version",
      "s.candidate_count",
      "s.certification_code",
      "c.name as certification_name",
      "c.grid_code",
      "s.grid_id",
      "o.name as organiser_name",
      "s.created_at",
      "cu.name as created_by_name",
      "s.updated_at",
      "uu.name as updated_by_name",
      "s.closed_at",
      "xu.name as closed_by_name",
    ])
    .where("s.id", "=", id)
    .executeTakeFirstOrThrow();
}

export type SessionDetail = Awaited<ReturnType<typeof getSessionDetail>>;
