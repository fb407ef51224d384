/** The accounts and default path of the generated databases (`bench/scale.ts`), shared by the benchmarks. */

export const DEFAULT_DB = "bench/.data/federation.db";

/** Every bench account has this password. */
export const BENCH_PASSWORD = "bench-plongee-2026";

export const BENCH_USERS = {
  /** Administrator: every organiser's sessions. */
  admin: "admin@bench.fr",
  /** Gestionnaire of the club with the most sessions. */
  club: "club@bench.fr",
  /** Gestionnaire of the committee commission with the most sessions. */
  commission: "commission@bench.fr",
};
