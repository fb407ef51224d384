/**
 * `tsx bench/guard.ts --build DIR --db FILE --email E --password P [--url /sessions] [--count 400]`
 *
 * What the request guard (server/guard.js, plus the per-request context and headers of
 * server/app.js) costs per request, against what one page costs the app: both in this process,
 * without HTTP. The page: the built app's Remix handler, logged in, asked `--count` times. The
 * guard: its middleware run 20,000 times on the same request (a GET with the login cookie: cookie
 * parse, token HMAC, route match), then on a POST of a 1 KB form (body read, token check).
 */
import { createRequestHandler, installGlobals } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { createGuard } from "../server/guard.js";
import { securityHeaders } from "../server/headers.js";

function option(name: string, fallback?: string): string {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? process.argv[index + 1] : fallback;
  if (value === undefined) throw new Error(`--${name} manquant`);
  return value;
}

installGlobals();
const buildDir = option("build");
Object.assign(process.env, { DATABASE_URL: option("db"), APP_MODE: "test", DEMO: "off" });
const build = await import(`${process.cwd()}/${buildDir}/index.js`);
const handle = createRequestHandler(build, "production");
const origin = "http://127.0.0.1";
const url = option("url", "/sessions");
const count = Number(option("count", "400"));

const login = await handle(
  new Request(`${origin}/connexion`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: option("email"), password: option("password") }).toString(),
  }),
);
const cookie = (login.headers.get("Set-Cookie") ?? "").split(";")[0];
if (login.status !== 302) throw new Error(`connexion refusée (HTTP ${login.status})`);

function cpuMs(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

// The page.
for (let i = 0; i < 30; i++)
  await (await handle(new Request(`${origin}${url}`, { headers: { Cookie: cookie } }))).text();
let start = process.cpuUsage();
for (let i = 0; i < count; i++)
  await (await handle(new Request(`${origin}${url}`, { headers: { Cookie: cookie } }))).text();
const pageMs = cpuMs(start) / count;

// The guard, on fake express requests.
const config = build.entry.module.serverConfig;
const guard = createGuard(build, config);

function fakeRequest(method: string, body?: Buffer) {
  const req = Object.assign(new EventEmitter(), {
    method,
    url,
    originalUrl: url,
    headers: {
      host: "127.0.0.1",
      cookie,
      ...(body ? { "content-type": "application/x-www-form-urlencoded", "content-length": String(body.length) } : {}),
    } as Record<string, string>,
    complete: true,
    socket: { remoteAddress: "127.0.0.1" },
    resume() {},
    context: { requestId: "", nonce: "", csrfToken: "", userId: null, storageError: null },
  });
  return req;
}
const res = { append() {}, set() {}, status() {}, once() {}, setHeader(_name: string, _value: string) {} };

async function runGuard(method: string, body?: Buffer): Promise<void> {
  const req = fakeRequest(method, body);
  // The context and headers of server/app.js's first middleware.
  req.context.requestId = randomBytes(6).toString("hex");
  req.context.nonce = randomBytes(16).toString("base64");
  for (const [name, value] of securityHeaders(req.context, false)) res.setHeader(name, value);
  await new Promise<void>((resolve, reject) => {
    guard(req as never, res as never, (error?: unknown) => (error ? reject(error) : resolve()));
    if (body) {
      req.emit("data", body);
      req.emit("end");
    }
  });
}

const ROUNDS = 20_000;
for (let i = 0; i < 1000; i++) await runGuard("GET");
start = process.cpuUsage();
for (let i = 0; i < ROUNDS; i++) await runGuard("GET");
const getMs = cpuMs(start) / ROUNDS;

// A POST with the page's token (computed as the guard computes it) and a 1 KB form.
const token = (await (async () => {
  const req = fakeRequest("GET");
  await new Promise<void>((resolve) => guard(req as never, res as never, () => resolve()));
  return req.context.csrfToken;
})()) as string;
const form = Buffer.from(new URLSearchParams({ csrf: token, intent: "add", q: "x".repeat(1000) }).toString());
const postUrl = url;
void postUrl;
start = process.cpuUsage();
for (let i = 0; i < ROUNDS / 4; i++) await runGuard("POST", form).catch(() => undefined);
const postMs = cpuMs(start) / (ROUNDS / 4);

console.log(`page ${url}: ${pageMs.toFixed(2)} ms CPU`);
console.log(`guard, GET: ${(getMs * 1000).toFixed(1)} µs CPU (${((getMs / pageMs) * 100).toFixed(2)} % of the page)`);
console.log(
  `guard, POST of a 1 KB form: ${(postMs * 1000).toFixed(1)} µs CPU (${((postMs / pageMs) * 100).toFixed(2)} % of the page)`,
);
