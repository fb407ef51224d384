/**
 * The URLs of `/sessions` the benchmark drives: no filter, each filter alone, all together, deep
 * pages, every sort, for the largest club (its gestionnaire) and for the administrator (all
 * sessions, and the "Organisateur" filter).
 */
import type Database from "better-sqlite3";
import { BENCH_USERS } from "./accounts";

export type Who = "club" | "admin";

export interface Scenario {
  name: string;
  who: Who;
  /** `?intitule=…`, or "" for no filter. */
  search: string;
}

export interface BenchWorld {
  /** Every session of the database: the administrator's list. */
  sessions: number;
  club: { organiserId: number; code: string; name: string; sessions: number };
  commission: { code: string; sessions: number };
  /** The town of the largest club's most used place: what its gestionnaire types in "Lieu". */
  clubTown: string;
}

/** The scopes of the bench users in a generated database (`bench/scale.ts`). */
export function readBenchWorld(db: Database.Database): BenchWorld {
  const scopeOf = (email: string) =>
    db
      .prepare(
        `select o.id as organiserId, o.code, o.name,
                (select count(*) from exam_sessions s where s.organiser_id = o.id) as sessions
           from users u join user_scopes us on us.user_id = u.id join organisers o on o.id = us.organiser_id
          where u.email = ?`,
      )
      .get(email) as BenchWorld["club"] | undefined;
  const club = scopeOf(BENCH_USERS.club);
  const commission = scopeOf(BENCH_USERS.commission);
  if (!club || !commission)
    throw new Error("cette base n'a pas les utilisateurs du banc : générez-la avec npm run db:scale");
  const { place } = db
    .prepare(
      `select place from exam_sessions where organiser_id = ?
        group by place order by count(*) desc, place limit 1`,
    )
    .get(club.organiserId) as { place: string };
  // "Piscine Jean-Bouin, Loudun" → "Loudun"; "Centre aquatique de Loudun" → "Loudun".
  const words = place.split(/[\s,–]+/).filter((w) => w.length > 2);
  const { sessions } = db.prepare("select count(*) as sessions from exam_sessions").get() as { sessions: number };
  return { sessions, club, commission, clubTown: words[words.length - 1] };
}

/** `page=N` of the last page, for a total. */
const lastPage = (total: number) => Math.max(1, Math.ceil(total / 50));

export function scenarios(world: BenchWorld): Scenario[] {
  const q = (params: Record<string, string | number>) =>
    `?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()}`;
  const year = { du: "2024-01-01", au: "2024-12-31" };
  const list: Scenario[] = [];
  const add = (who: Who, name: string, search: string) => list.push({ who, name, search });

  add("club", "aucun filtre", "");
  add("club", "intitulé", q({ intitule: "nitrox" }));
  add("club", "intitulé accentué", q({ intitule: "Été" }));
  add("club", "lieu", q({ lieu: world.clubTown }));
  add("club", "du / au", q(year));
  add("club", "brevet", q({ brevet: "N2" }));
  add("club", "statut", q({ statut: "en_creation" }));
  add(
    "club",
    "tous les filtres",
    q({
      intitule: "niveau",
      lieu: world.clubTown,
      du: "2018-01-01",
      au: "2025-12-31",
      brevet: "N2",
      statut: "cloturee",
    }),
  );
  add("club", "page 200", q({ page: 200 }));
  add("club", "dernière page", q({ page: lastPage(world.club.sessions) }));
  add("club", "tri intitulé", q({ tri: "intitule_asc" }));
  add("club", "tri brevet ↓, page 100", q({ tri: "brevet_desc", page: 100 }));
  add("club", "tri date ↑, page 50", q({ tri: "date_asc", page: 50 }));

  add("admin", "aucun filtre", "");
  add("admin", "intitulé", q({ intitule: "nitrox" }));
  add("admin", "lieu", q({ lieu: "piscine" }));
  add("admin", "du / au", q(year));
  add("admin", "brevet", q({ brevet: "N2" }));
  add("admin", "statut", q({ statut: "en_creation" }));
  add(
    "admin",
    "tous les filtres",
    q({ intitule: "niveau", lieu: "piscine", du: "2018-01-01", au: "2025-12-31", brevet: "N2", statut: "cloturee" }),
  );
  add("admin", "page 200", q({ page: 200 }));
  add("admin", "page 10 000", q({ page: 10_000 }));
  add("admin", "dernière page", q({ page: lastPage(world.sessions) }));
  add("admin", "tri intitulé", q({ tri: "intitule_asc" }));
  add("admin", "tri brevet ↓, page 100", q({ tri: "brevet_desc", page: 100 }));
  add("admin", "organisateur (club)", q({ organisateur: world.club.code }));
  add("admin", "organisateur + intitulé", q({ organisateur: world.club.code, intitule: "nitrox" }));
  add("admin", "organisateur (commission), page 20", q({ organisateur: world.commission.code, page: 20 }));
  add("admin", "organisateur + du / au + statut", q({ organisateur: world.club.code, ...year, statut: "cloturee" }));
  return list;
}
