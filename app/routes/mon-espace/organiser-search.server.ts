/**
 * "Rechercher une structure": organisers (clubs/SCAs, committees' commissions) whose name or
 * code contains every word typed, case- and accent-insensitive, through `organisers.name_search`
 * (normalizeSearch(name + " " + code), written by the world loader).
 */
import { sql } from "kysely";
import { likeContaining } from "../../../db/dialect";
import { normalizeSearch } from "../../../db/normalize";
import type { StructureType } from "../../../db/schema";
import type { Source } from "~/sessions/source";

export const ORGANISER_PAGE_SIZE = 20;
/** At most this many matches are offered: past it, the person is asked to narrow the search. */
export const ORGANISER_RESULT_CAP = 200;
const MAX_QUERY = 80;

export interface OrganiserHit {
  id: number;
  code: string;
  name: string;
  kind: string;
  /** The licensee already authorises it. */
  authorised: boolean;
}

export interface OrganiserSearch {
  query: string;
  /** Matches counted, up to ORGANISER_RESULT_CAP + 1. */
  total: number;
  capped: boolean;
  /** How many of them the pages offer (at most ORGANISER_RESULT_CAP). */
  offered: number;
  page: number;
  pageCount: number;
  hits: OrganiserHit[];
  /** Why the query was not run, in French. */
  problem: string | null;
}

const KIND_LABELS: Record<StructureType, { club: string; commission: string }> = {
  CLUB: { club: "Club", commission: "Commission" },
  SCA: { club: "SCA", commission: "Commission" },
  CODEP: { club: "Comité départemental", commission: "Commission départementale" },
  REGION: { club: "Comité régional", commission: "Commission régionale" },
  NATIONAL: { club: "Fédération", commission: "Commission nationale" },
};

/**
 * Organisers matching `rawQuery`, a page at a time, ordered by name; `licenseeId` marks those
 * already authorised.
 */
export async function searchOrganisers(
  source: Source,
  rawQuery: string,
  rawPage: number,
  licenseeId: number | null = null,
): Promise<OrganiserSearch> {
  const query = rawQuery.trim().slice(0, MAX_QUERY);
  const empty = { query, total: 0, capped: false, offered: 0, page: 1, pageCount: 1, hits: [] };
  if (!query) return { ...empty, problem: null };
  const tokens = normalizeSearch(query).split(" ").filter(Boolean);
  if (tokens.join("").length < 2) {
    return { ...empty, problem: "Saisissez au moins deux caractères du nom ou du code de la structure." };
  }

  const base = source
    .selectFrom("organisers as o")
    .where((eb) => eb.and(tokens.map((token) => likeContaining("o.name_search", token))));
  const counted = await source
    .selectFrom(
      base
        .select("o.id")
        .limit(ORGANISER_RESULT_CAP + 1)
        .as("m"),
    )
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const total = Number(counted.n);
  if (total === 0) return { ...empty, problem: null };
  const capped = total > ORGANISER_RESULT_CAP;
  const offered = Math.min(total, ORGANISER_RESULT_CAP);
  const pageCount = Math.max(1, Math.ceil(offered / ORGANISER_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(rawPage) || 1), pageCount);

  const rows = await base
    .innerJoin("structures as s", "s.code", "o.structure_code")
    .select(["o.id", "o.code", "o.name", "o.commission_code", "s.type"])
    .select((eb) =>
      (licenseeId === null
        ? sql<number>`0`
        : eb
            .selectFrom("authorisations as a")
            .select(sql<number>`1`.as("one"))
            .whereRef("a.organiser_id", "=", "o.id")
            .where("a.licensee_id", "=", licenseeId)
            .limit(1)
      ).as("authorised"),
    )
    .orderBy("o.name_search")
    .orderBy("o.code")
    .limit(ORGANISER_PAGE_SIZE)
    .offset((page - 1) * ORGANISER_PAGE_SIZE)
    .execute();

  return {
    query,
    total,
    capped,
    offered,
    page,
    pageCount,
    problem: null,
    hits: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      kind: KIND_LABELS[r.type][r.commission_code === null ? "club" : "commission"],
      authorised: Number(r.authorised ?? 0) === 1,
    })),
  };
}
