import { db } from "~/utils/db.server";
import type { Viewer } from "~/utils/scope.server";
import { listHeldCertifications, listLicences } from "~/licensees/record.server";

/** The structure and every committee above it: a club, its CODEP, its region, the federation. */
async function structureLine(code: string): Promise<string[]> {
  const line: string[] = [];
  let current: string | null = code;
  while (current && !line.includes(current) && line.length < 10) {
    line.push(current);
    const row: { parent_code: string | null } | undefined = await db
      .selectFrom("structures")
      .select("parent_code")
      .where("code", "=", current)
      .executeTakeFirst();
    current = row?.parent_code ?? null;
  }
  return line;
}

/**
 * domain.md §1: a licensee's record is shown to users whose scope is the licensee's structure or
 * a committee above it, or whose sessions include that person; the administrator sees all, and a
 * person sees their own.
 */
export async function mayViewLicensee(
  viewer: Viewer,
  licensee: { id: number; structure_code: string },
): Promise<boolean> {
  if (viewer.user.isAdmin || viewer.user.licenseeId === licensee.id) return true;
  if (viewer.scopes.length === 0) return false;
  const organiserIds = viewer.scopes.map((s) => s.organiserId);
  const line = await structureLine(licensee.structure_code);
  const byStructure = await db
    .selectFrom("organisers")
    .select("id")
    .where("id", "in", organiserIds)
    .where((eb) =>
      eb.or([
        eb.and([eb("structure_code", "=", licensee.structure_code), eb("commission_code", "is", null)]),
        eb.and([
          eb("structure_code", "in", line.slice(1).length ? line.slice(1) : ["-"]),
          eb("commission_code", "is not", null),
        ]),
      ]),
    )
    .executeTakeFirst();
  if (byStructure) return true;
  const bySession = await db
    .selectFrom("exam_sessions as s")
    .select("s.id")
    .where("s.organiser_id", "in", organiserIds)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom("session_candidates as c")
            .select("c.id")
            .whereRef("c.session_id", "=", "s.id")
            .where("c.licensee_id", "=", licensee.id),
        ),
        eb.exists(
          eb
            .selectFrom("session_jury as j")
            .select("j.id")
            .whereRef("j.session_id", "=", "s.id")
            .where("j.licensee_id", "=", licensee.id),
        ),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return bySession !== undefined;
}

export async function licenseeRecord(licenseeId: number) {
  const [licences, certifications, authorisations, candidacies, juries] = await Promise.all([
    listLicences(db, licenseeId),
    listHeldCertifications(db, licenseeId),
    db
      .selectFrom("authorisations as a")
      .innerJoin("organisers as o", "o.id", "a.organiser_id")
      .select(["a.id", "o.code", "o.name", "a.given_at"])
      .where("a.licensee_id", "=", licenseeId)
      .orderBy("o.name")
      .execute(),
    db
      .selectFrom("session_candidates as sc")
      .innerJoin("exam_sessions as s", "s.id", "sc.session_id")
      .select([
        "s.id",
        "s.title",
        "s.certification_code",
        "s.start_date",
        "s.status",
        "s.organiser_id",
        "sc.result",
        "sc.result_reasons",
      ])
      .where("sc.licensee_id", "=", licenseeId)
      .orderBy("s.start_date", "desc")
      .execute(),
    db
      .selectFrom("session_jury as sj")
      .innerJoin("exam_sessions as s", "s.id", "sj.session_id")
      .select(["s.id", "s.title", "s.certification_code", "s.start_date", "s.status", "s.organiser_id", "sj.role"])
      .where("sj.licensee_id", "=", licenseeId)
      .orderBy("s.start_date", "desc")
      .execute(),
  ]);
  return { licences, certifications, authorisations, candidacies, juries };
}
