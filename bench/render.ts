/**
 * `tsx bench/render.ts [--db FILE] [--who club|admin] [--url "?brevet=N2"] [--count 400] [--build bench/.build]`
 *
 * What one list page costs the application itself, without HTTP, gzip or a load generator:
 * the built app's Remix request handler (the one remix-serve calls) is imported in this process,
 * the bench user logs in through it, then the page is asked `--count` times one after the other
 * (after a warm-up) and its body read, in batches of 50. Prints the CPU time per page (the
 * median batch, and the quickest), steady enough from one run to the next to compare two
 * versions of the code quickly (bench/list.ts gives the figures under load).
 */
import { createRequestHandler, installGlobals } from "@remix-run/node";
import { BENCH_PASSWORD, BENCH_USERS, DEFAULT_DB } from "./accounts";

function parseArgs(argv: string[]) {
  const options = { db: DEFAULT_DB, who: "club" as "club" | "admin", url: "", count: 400, build: "bench/.build" };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i] ?? "";
    if (flag === "--db") options.db = value();
    else if (flag === "--who") options.who = value() === "admin" ? "admin" : "club";
    else if (flag === "--url") options.url = value();
    else if (flag === "--count") options.count = Number(value());
    else if (flag === "--build") options.build = value();
    else throw new Error(`option inconnue « ${argv[i]} »`);
  }
  return options;
}

installGlobals(); // as remix-serve does
const options = parseArgs(process.argv.slice(2));
Object.assign(process.env, {
  DATABASE_URL: options.db,
  APP_MODE: "production",
  NODE_ENV: "production",
  SESSION_SECRET: "bench-secret-bench-secret-bench-secret-0",
  DEMO: "off",
});
const build = await import(`${process.cwd()}/${options.build}/index.js`);
const handle = createRequestHandler(build, "production");
const origin = "http://127.0.0.1";

const loginResponse = await handle(
  new Request(`${origin}/connexion`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: BENCH_USERS[options.who], password: BENCH_PASSWORD }).toString(),
  }),
);
const cookie = (loginResponse.headers.get("Set-Cookie") ?? "").split(";")[0];
if (loginResponse.status !== 302 || !/^(__Host-)?sessions_id=/.test(cookie)) {
  throw new Error(`connexion refusée (HTTP ${loginResponse.status})`);
}

async function page(): Promise<number> {
  const response = await handle(new Request(`${origin}/sessions${options.url}`, { headers: { Cookie: cookie } }));
  const body = await response.text();
  if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
  return body.length;
}

for (let i = 0; i < Math.min(100, options.count); i++) await page();
// In batches of 50 pages: the machine's other work lands in some of them; the median and the
// quickest batch are steadier than the mean over all.
const batches: { cpu: number; wall: number }[] = [];
let bytes = 0;
for (let done = 0; done < options.count; ) {
  const size = Math.min(50, options.count - done);
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < size; i++) bytes = await page();
  const used = process.cpuUsage(cpu);
  batches.push({ cpu: (used.user + used.system) / 1000 / size, wall: (performance.now() - started) / size });
  done += size;
}
const cpus = batches.map((b) => b.cpu).sort((a, b) => a - b);
const walls = batches.map((b) => b.wall).sort((a, b) => a - b);
const median = (values: number[]) => values[Math.floor(values.length / 2)];
console.log(
  `${options.who} /sessions${options.url} : ${options.count} pages de ${(bytes / 1024).toFixed(1)} Kio — ` +
    `CPU ${median(cpus).toFixed(2)} ms par page (médiane des lots de 50 ; lot le plus rapide ${cpus[0].toFixed(2)}), ` +
    `temps ${median(walls).toFixed(2)} ms (${walls[0].toFixed(2)})`,
);
process.exit(0);
