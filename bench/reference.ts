/**
 * The list's queries as first written (app/routes/sessions._index/sessions.server.ts at commit
 * 74b46b1): plain filters, ORDER BY, LIMIT/OFFSET, no index-driven rewrite. The reference that
 * `bench/check.ts` compares the optimised queries with, on a connection of its own, and the
 * floor of the "before" run of `bench/list.ts --reference` (with the loader's other queries,
 * unchanged since, so that the app's modules, which migrate the database, are not loaded).
 */
import { sql, type Kysely } from "kysely";
import { normalizeSearch } from "../db/normalize";
import type { Database } from "../db/schema";
import type { ListFilters } from "../app/sessions/list-filters";

export const PAGE_SIZE = 50;

export function referenceQueries(db: Kysely<Database>) {
  const fromSessions = () => db.selectFrom("exam_sessions as s");
  type SessionsQuery = ReturnType<typeof fromSessions>;

  function containsPattern(text: string): string {
    return `%${normalizeSearch(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }

  function filtered(organiserId: number | null, filters: ListFilters): SessionsQuery {
    let query = fromSessions();
    if (organiserId !== null) query = query.where("s.organiser_id", "=", organiserId);
    else if (filters.organisateur) {
      query = query.where("s.organiser_id", "=", (eb) =>
        eb.selectFrom("organisers").select("id").where("code", "=", filters.organisateur!),
      );
    }
    if (filters.intitule) {
      query = query.where(sql<boolean>`s.title_search like ${containsPattern(filters.intitule)} escape '\\'`);
    }
    if (filters.lieu) {
      query = query.where(sql<boolean>`s.place_search like ${containsPattern(filters.lieu)} escape '\\'`);
    }
    if (filters.du) query = query.where((eb) => eb(eb.fn.coalesce("s.end_date", "s.start_date"), ">=", filters.du!));
    if (filters.au) query = query.where("s.start_date", "<=", filters.au);
    if (filters.brevet) query = query.where("s.certification_code", "=", filters.brevet);
    if (filters.statut) query = query.where("s.status", "=", filters.statut === "cloturee" ? "closed" : "draft");
    return query;
  }

  function sorted(query: SessionsQuery, tri: ListFilters["tri"]): SessionsQuery {
    switch (tri) {
      case "date_asc":
        return query.orderBy("s.start_date", "asc").orderBy("s.id", "asc");
      case "intitule_asc":
        return query.orderBy("s.title_search", "asc").orderBy("s.id", "asc");
      case "intitule_desc":
        return query.orderBy("s.title_search", "desc").orderBy("s.id", "desc");
      case "brevet_asc":
        return query.orderBy("s.certification_code", "asc").orderBy("s.start_date", "desc").orderBy("s.id", "desc");
      case "brevet_desc":
        return query.orderBy("s.certification_code", "desc").orderBy("s.start_date", "desc").orderBy("s.id", "desc");
      default:
        return query.orderBy("s.start_date", "desc").orderBy("s.id", "desc");
    }
  }

  function withColumns(query: SessionsQuery) {
    return query
      .innerJoin("certifications as c", "c.code", "s.certification_code")
      .innerJoin("organisers as o", "o.id", "s.organiser_id")
      .select([
        "s.id",
        "s.title",
        "s.certification_code",
        "c.name as certification_name",
        "o.name as organiser_name",
        "s.place",
        "s.start_date",
        "s.end_date",
        "s.candidate_count",
        "s.status",
        "s.updated_at",
      ]);
  }

  return {
    PAGE_SIZE,
    async findOrganiser(code: string) {
      return db.selectFrom("organisers").select(["id", "name"]).where("code", "=", code).executeTakeFirst();
    },
    async hasAnySession(organiserId: number | null): Promise<boolean> {
      let query = db.selectFrom("exam_sessions").select("id");
      if (organiserId !== null) query = query.where("organiser_id", "=", organiserId);
      return (await query.limit(1).executeTakeFirst()) !== undefined;
    },
    /** The query of app/sessions/reference.server.ts `readOrganiserFacts` (the catalogue itself is cached). */
    async organisable(organiserId: number) {
      return db
        .selectFrom("organisers as o")
        .innerJoin("structures as s", "s.code", "o.structure_code")
        .select(["s.type", "o.commission_code"])
        .where("o.id", "=", organiserId)
        .executeTakeFirstOrThrow();
    },
    async countSessions(organiserId: number | null, filters: ListFilters): Promise<number> {
      const row = await filtered(organiserId, filters)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async listSessions(organiserId: number | null, filters: ListFilters, page: number) {
      return withColumns(sorted(filtered(organiserId, filters), filters.tri))
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
        .execute();
    },
    async *allSessions(organiserId: number | null, filters: ListFilters, batch = 1000) {
      for (let offset = 0; ; offset += batch) {
        const rows = await withColumns(sorted(filtered(organiserId, filters), filters.tri))
          .limit(batch)
          .offset(offset)
          .execute();
        yield* rows;
        if (rows.length < batch) return;
      }
    },
  };
}
