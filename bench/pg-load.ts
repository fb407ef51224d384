/**
 * `tsx bench/pg-load.ts --from bench/.data/federation.db --to postgres://…`
 *
 * The generated federation into PostgreSQL, for the benchmarks, fast (bench/pg-fast-load.ts:
 * db:copy's copy with the secondary indexes built after, then VACUUM ANALYZE).
 */
import { isPostgresUrl } from "../db/dialect";
import { fastLoadIntoPostgres } from "./pg-fast-load";

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? "") : "";
};
const from = option("--from");
const to = option("--to");
if (!from || !isPostgresUrl(to)) {
  console.error("Usage : tsx bench/pg-load.ts --from bench/.data/federation.db --to postgres://…");
  process.exit(1);
}

const started = performance.now();
const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
  const t = performance.now();
  const result = await work();
  console.log(`  ${label.padEnd(48)} ${((performance.now() - t) / 1000).toFixed(1).padStart(7)} s`);
  return result;
};

await fastLoadIntoPostgres(from, to, step);
console.log(`Chargement terminé en ${((performance.now() - started) / 1000).toFixed(1)} s`);
