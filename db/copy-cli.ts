/**
 * `npm run db:copy -- --from ./data/sessions.db --to postgres://user:password@host:5432/base [--replace]`
 * Copies a SQLite database into PostgreSQL (db/copy.ts), then prints each table's count in both.
 */
import { copyDatabase, CopyRefused, formatCounts } from "./copy";

const USAGE =
  "Usage : npm run db:copy -- --from ./data/sessions.db --to postgres://utilisateur:motdepasse@hôte:5432/base [--replace]";

function parseArgs(argv: string[]): { from: string; to: string; replace: boolean } | null {
  let from = "";
  let to = "";
  let replace = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i] ?? "";
    if (flag === "--from") from = value();
    else if (flag === "--to") to = value();
    else if (flag === "--replace") replace = true;
    else return null;
  }
  return from && to ? { from, to, replace } : null;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    console.error(USAGE);
    return 1;
  }
  const started = Date.now();
  try {
    const report = await copyDatabase(args.from, args.to, { replace: args.replace, log: (line) => console.log(line) });
    console.log(formatCounts(report.counts));
    console.log(
      `Copie terminée en ${((Date.now() - started) / 1000).toFixed(1)} s : mêmes nombres de lignes dans chaque table.`,
    );
    return 0;
  } catch (error) {
    console.error(
      error instanceof CopyRefused || !(error instanceof Error)
        ? String(error instanceof Error ? error.message : error)
        : error.message,
    );
    return 1;
  }
}

process.exitCode = await main();
