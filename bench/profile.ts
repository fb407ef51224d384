/**
 * `tsx bench/profile.ts [--db FILE] [--port 3240] [--duration 10] [--connections 4] [--who club|admin] [--url "?brevet=N2"] [--path /sessions]`
 *
 * Where a request of the list spends its CPU time outside the database: starts the built server
 * (bench/.build, run bench/list.ts once before) under `node --cpu-prof`, drives one URL with
 * autocannon, stops the server and sums the profile's self time per part of the stack (the
 * app's own code per function, React, Remix, Kysely, better-sqlite3, zlib, garbage collector…),
 * per response. Start-up (module loading, migrations) is left out: only samples taken while
 * autocannon ran are counted.
 */
import autocannon from "autocannon";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { BENCH_PASSWORD, BENCH_USERS, DEFAULT_DB } from "./accounts";
import { login, startServer } from "./server";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

function parseArgs(argv: string[]) {
  const options = {
    db: DEFAULT_DB,
    port: 3240,
    duration: 10,
    connections: 4,
    who: "club" as "club" | "admin",
    url: "",
    path: "/sessions",
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i] ?? "";
    if (flag === "--db") options.db = value();
    else if (flag === "--port") options.port = Number(value());
    else if (flag === "--duration") options.duration = Number(value());
    else if (flag === "--connections") options.connections = Number(value());
    else if (flag === "--who") options.who = value() === "admin" ? "admin" : "club";
    else if (flag === "--url") options.url = value();
    else if (flag === "--path") options.path = value();
    else throw new Error(`option inconnue « ${argv[i]} »`);
  }
  if (options.port < 3200 || options.port > 3299) throw new Error("--port : entre 3200 et 3299");
  return options;
}

/** The part of the stack a frame belongs to. */
function partOf(frame: ProfileNode["callFrame"]): string {
  const url = frame.url;
  const name = frame.functionName || "(anonyme)";
  if (!url) return name.startsWith("(") ? name : `natif : ${name}`;
  if (url.includes("/bench/.build/")) return `application : ${name}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith("node:"))
    return url
      .replace(/^node:(internal\/)?/, "node:")
      .split("/")
      .slice(0, 2)
      .join("/");
  return url;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const dir = "bench/.data/profile";
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const server = await startServer(options.db, options.port, { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
  let responses = 0;
  let window: [number, number] = [0, 0];
  try {
    const email = options.who === "admin" ? BENCH_USERS.admin : BENCH_USERS.club;
    const cookie = await login(server.origin, email, BENCH_PASSWORD);
    const url = `${server.origin}${options.path}${options.url}`;
    // Warm up (JIT, page cache), then the measured run.
    await new Promise((resolve, reject) =>
      autocannon(
        { url, connections: options.connections, duration: 3, headers: { cookie, "accept-encoding": "gzip" } },
        (e, r) => (e ? reject(e) : resolve(r)),
      ),
    );
    const from = Number(process.hrtime.bigint() / 1000n);
    await new Promise<void>((resolve, reject) => {
      const instance = autocannon(
        {
          url,
          connections: options.connections,
          duration: options.duration,
          headers: { cookie, "accept-encoding": "gzip" },
        },
        (error) => (error ? reject(error) : resolve()),
      );
      instance.on("response", () => responses++);
    });
    window = [from, Number(process.hrtime.bigint() / 1000n)];
    console.log(
      `${options.who} ${options.path}${options.url} : ${responses} réponses en ${options.duration} s (${options.connections} connexions)`,
    );
  } finally {
    await server.stop("SIGINT");
  }

  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error(`aucun profil écrit dans ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parts = new Map<string, number>();
  // Sample times are microseconds of the monotonic clock, the one process.hrtime reads (Linux).
  let t = profile.startTime;
  let active = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (t < window[0] || t > window[1]) continue;
    const node = byId.get(profile.samples[i])!;
    const part = partOf(node.callFrame);
    const next = profile.timeDeltas[i + 1] ?? 0;
    parts.set(part, (parts.get(part) ?? 0) + next);
    if (part !== "(idle)") active += next;
  }
  const perResponse = (us: number) => (us / 1000 / Math.max(1, responses)).toFixed(2);
  console.log(`temps actif par réponse : ${perResponse(active)} ms (profileur compris)`);
  console.log("| partie | ms par réponse | part |");
  console.log("|---|---:|---:|");
  for (const [part, us] of [...parts]
    .filter(([p]) => p !== "(idle)")
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)) {
    console.log(`| ${part} | ${perResponse(us)} | ${((100 * us) / active).toFixed(1)} % |`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
