/**
 * The production server for the benchmarks: built into `bench/.build`, started as operators do
 * (`node scripts/start.js`), on a database of `bench/.data/`.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";

export const BUILD_DIR = "bench/.build";

/** `BUILD_DIR=bench/.build remix build` (never the default build/ directory). */
export function build(): void {
  const result = spawnSync("node_modules/.bin/remix", ["build"], {
    env: { ...process.env, BUILD_DIR, NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (result.status !== 0) throw new Error("la compilation (remix build) a échoué");
}

export interface Server {
  origin: string;
  process: ChildProcess;
  /** SIGINT lets node write a `--cpu-prof` profile on the way out. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** The last lines the server wrote on stderr. */
  errors(): string;
}

/**
 * `buildDir`: another build (the "before" one of bench/build-before.sh);
 * `nodeArgs`: options for node itself, e.g. `--cpu-prof` (bench/profile.ts);
 * `workers`: WEB_CONCURRENCY, the number of server processes (one by default, so that a script
 * reading the server's CPU or memory from /proc reads all of it; bench/list.ts runs as many as
 * `npm start` does); `cwd`: another checkout of the app to start (bench/mix.ts's "before").
 */
export async function startServer(
  database: string,
  port: number,
  {
    buildDir = BUILD_DIR,
    nodeArgs = [],
    workers = 1,
    cwd = process.cwd(),
  }: { buildDir?: string; nodeArgs?: string[]; workers?: number; cwd?: string } = {},
): Promise<Server> {
  const child = spawn(process.execPath, [...nodeArgs, "scripts/start.js"], {
    cwd,
    env: {
      ...process.env,
      DATABASE_URL: database,
      PORT: String(port),
      HOST: "127.0.0.1",
      BUILD_DIR: buildDir,
      APP_MODE: "production",
      SESSION_SECRET: "bench-secret-bench-secret-bench-secret-0",
      DEMO: "off",
      WEB_CONCURRENCY: String(workers),
    },
    // remix-serve logs one line per request on stdout: dropped, as a log collector would take it.
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const origin = `http://127.0.0.1:${port}`;
  const server: Server = {
    origin,
    process: child,
    errors: () => stderr,
    stop: (signal: NodeJS.Signals = "SIGTERM") =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
        setTimeout(() => child.exitCode === null && child.kill("SIGKILL"), 15_000).unref();
      }),
  };
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`le serveur s'est arrêté (code ${child.exitCode}) :\n${stderr}`);
    try {
      const response = await fetch(`${origin}/healthcheck`);
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`le serveur ne répond pas sur ${origin} :\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Logs in through the login form, as a browser does: the login page first (its cookie and the
 * form's CSRF token), then the form; returns the login cookie (`sessions_id=…`, or
 * `__Host-sessions_id=…` in production) to send back.
 */
export async function login(origin: string, email: string, password: string): Promise<string> {
  const page = await fetch(`${origin}/connexion`);
  const visit = page.headers.getSetCookie().map((c) => c.split(";")[0]);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  const response = await fetch(`${origin}/connexion`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: visit.join("; ") },
    body: new URLSearchParams({ csrf, email, password }).toString(),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => /^(__Host-)?sessions_id=/.test(c));
  if (response.status !== 302 || !cookie) throw new Error(`connexion de ${email} refusée (HTTP ${response.status})`);
  return cookie;
}

/** The CSRF token the forms of a logged-in user's pages carry (every page has one, in its header). */
export async function csrfToken(origin: string, cookie: string): Promise<string> {
  const html = await (await fetch(`${origin}/sessions`, { headers: { Cookie: cookie } })).text();
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error("jeton CSRF introuvable sur /sessions");
  return token;
}
