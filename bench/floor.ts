/**
 * The floor: the list page's own queries, issued bare through better-sqlite3 (no Remix, no React,
 * no Kysely at run time).
 *
 * The SQL is not written twice: the real functions of `app/sessions/list.server.ts`
 * run once with `Database.prototype.prepare` watched, which records every statement Kysely
 * compiled and the parameters it bound. Those are then replayed with prepared statements.
 */
import Database from "better-sqlite3";
import { parseListParams, type ListFilters } from "../app/sessions/list-filters";

export interface Statement {
  sql: string;
  params: unknown[];
}

type AnyStatement = { all: (...params: unknown[]) => unknown[] };
type Prepare = (this: Database.Database, source: string) => AnyStatement;

let recording: Statement[] | null = null;
let installed = false;

/** Watches every statement prepared and read in this process (installed once). */
function install() {
  if (installed) return;
  installed = true;
  const proto = Database.prototype as unknown as { prepare: Prepare };
  const prepare = proto.prepare;
  proto.prepare = function (source: string) {
    const statement = prepare.call(this, source);
    const all = statement.all.bind(statement);
    statement.all = (...params: unknown[]) => {
      recording?.push({
        sql: source,
        params: params.length === 1 && Array.isArray(params[0]) ? [...params[0]] : params,
      });
      return all(...params);
    };
    return statement;
  };
}

/** Runs `work`, returning its result and the statements it read with. */
export async function capture<T>(work: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
  install();
  recording = [];
  try {
    const result = await work();
    return { result, statements: recording };
  } finally {
    recording = null;
  }
}

export interface ListData {
  /** With `more`: the count stopped there (the page shows "Plus de 10 000 sessions"). */
  total: number;
  more: boolean;
  page: number;
  ids: number[];
}

/** The list's data functions: the app's (app/sessions/list.server.ts, bound to its database), or the reference's (bench/reference.ts). */
export interface ListApi {
  PAGE_SIZE: number;
  countSessions(organiserId: number | null, filters: ListFilters): Promise<number>;
  listSessions(organiserId: number | null, filters: ListFilters, page: number): Promise<{ id: number }[]>;
  findOrganiser(code: string): Promise<unknown>;
  hasAnySession(organiserId: number | null): Promise<boolean>;
  organisable(organiserId: number): Promise<unknown>;
  /** The app's whole page (count, capped or not, then rows): what its loader calls. */
  readListPage?(
    organiserId: number | null,
    filters: ListFilters,
  ): Promise<{ total: number; more: boolean; page: number; rows: { id: number }[] }>;
}

/** The app's own functions. Imported lazily: they open (and migrate) the database named by DATABASE_URL. */
export async function appApi(): Promise<ListApi> {
  const server = await import("../app/sessions/list.server");
  const { db } = await import("../app/utils/db.server");
  const { loadCatalogue, organisableCertifications } = await import("../app/utils/catalogue.server");
  await loadCatalogue(); // read once per server process: out of every page's queries
  return {
    PAGE_SIZE: server.PAGE_SIZE,
    countSessions: (organiserId, filters) => server.countSessions(db, organiserId, filters),
    listSessions: (organiserId, filters, page) => server.listSessions(db, organiserId, filters, page),
    findOrganiser: (code) => server.findOrganiser(db, code),
    hasAnySession: (organiserId) => server.hasAnySession(db, organiserId),
    readListPage: (organiserId, filters) => server.readListPage(db, organiserId, filters),
    organisable: organisableCertifications,
  };
}

/**
 * What the loader of `/sessions` asks the database for one URL (app/routes/sessions._index/route.tsx,
 * less the login checks): the organiser named by the filter, the brevets of the scope, the count,
 * the page and, when nothing matches, whether the scope has any session.
 */
export async function listPage(api: ListApi, organiserId: number | null, search: string): Promise<ListData> {
  const { filters } = parseListParams(new URLSearchParams(search));
  const isAdminView = organiserId === null;
  if (!isAdminView) filters.organisateur = null;
  if (filters.organisateur && !(await api.findOrganiser(filters.organisateur))) filters.organisateur = null;
  if (!isAdminView) await api.organisable(organiserId);
  if (api.readListPage) {
    const page = await api.readListPage(organiserId, filters);
    return { total: page.total, more: page.more, page: page.page, ids: page.rows.map((r) => r.id) };
  }
  const total = await api.countSessions(organiserId, filters);
  const pageCount = Math.max(1, Math.ceil(total / api.PAGE_SIZE));
  if (filters.page > pageCount) filters.page = pageCount;
  const rows = total > 0 ? await api.listSessions(organiserId, filters, filters.page) : [];
  if (total === 0) await api.hasAnySession(organiserId);
  return { total, more: false, page: filters.page, ids: rows.map((r) => r.id) };
}

export interface FloorResult {
  iterations: number;
  /** CPU time per page (user + system): what the page costs, whatever else runs on the machine. */
  cpuMs: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  /** Pages per second, one after the other on one core. */
  perSecond: number;
}

/** Replays the statements of one page, again and again for about `budgetMs`, on a connection of its own. */
export function replay(
  db: Database.Database,
  statements: Statement[],
  budgetMs = 1000,
  maxIterations = 2000,
): FloorResult {
  const prepared = statements.map((s) => ({
    statement: db.prepare(s.sql) as unknown as AnyStatement,
    params: s.params,
  }));
  const run = () => {
    for (const p of prepared) p.statement.all(...p.params);
  };
  run(); // warm the page cache and the statements
  const times: number[] = [];
  const started = performance.now();
  const cpu = process.cpuUsage();
  while (times.length < maxIterations && (times.length < 3 || performance.now() - started < budgetMs)) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000 / times.length;
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return {
    iterations: times.length,
    cpuMs,
    meanMs: mean,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    perSecond: 1000 / mean,
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}
