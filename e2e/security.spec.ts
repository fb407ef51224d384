import { expect, test, type Page } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { licenseeIdOf } from "./fixtures";
import {
  alone,
  createDraftSession,
  cspViolations,
  csrfToken,
  e2eDb,
  loginAs,
  sessionTitle,
  usesJs,
  visit,
} from "./helpers";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const CROSS_SITE = "Cette demande vient d'un autre site : elle a été refusée. Rechargez la page et recommencez.";
const EVIL = { Origin: "http://evil.example" };

function infoForm(title: string) {
  return { title, place: "Ailleurs", startDate: "2026-06-13", endDate: "", version: "1" };
}

function count(query: string, ...params: unknown[]): number {
  const db = e2eDb();
  try {
    return (db.prepare(query).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}

const candidates = (sessionId: number) =>
  count("select count(*) as n from session_candidates where session_id = ?", sessionId);
const loginsOf = (email: string) =>
  count("select count(*) as n from login_sessions s join users u on u.id = s.user_id where u.email = ?", email);

/** The process serving the end-to-end port (scripts/start.js with one process per core: the one that answers is one of them). */
function serverRss(): number {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!cmdline.includes("scripts/start.js")) continue;
      const environ = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
      if (!environ.includes(`PORT=${PORT}`) || !environ.some((v) => v === `E2E_DATA_DIR=e2e/.data/${PORT}`)) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      // A process that ended meanwhile.
    }
  }
  return total;
}

/** Logs in without a browser (as a script would): the login page's cookie and token, then the form. */
async function apiLogin(email: string): Promise<string> {
  const page = await fetch(`${ORIGIN}/connexion`);
  const anon = page.headers.getSetCookie().map((c) => c.split(";")[0]);
  const token = /name="csrf" value="([^"]+)"/.exec(await page.text())![1];
  const response = await fetch(`${ORIGIN}/connexion`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: anon.join("; "), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrf: token, email, password: "motdepasse-test", redirectTo: "" }),
  });
  expect(response.status).toBe(302);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** An upload that starts and then waits (its body is never finished): it holds its place until `end()`. */
function slowUpload(
  cookie: string,
): Promise<{ status: number | null; retryAfter?: string; body?: Promise<string>; end(): void }> {
  return new Promise((resolve) => {
    const request = http.request(`${ORIGIN}/sessions/importer`, {
      method: "POST",
      headers: {
        Cookie: cookie,
        Origin: ORIGIN,
        "Content-Type": "multipart/form-data; boundary=xyz",
        "Content-Length": "1000000",
      },
    });
    const end = () => request.destroy();
    request.on("response", (response) => {
      const body = new Promise<string>((done) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => done(text));
      });
      resolve({ status: response.statusCode ?? null, retryAfter: response.headers["retry-after"], body, end });
    });
    request.on("error", () => undefined);
    request.write('--xyz\r\nContent-Disposition: form-data; name="title"\r\n\r\nLent\r\n');
    // No answer within a second: the server is reading it.
    setTimeout(() => resolve({ status: null, end }), 1000);
  });
}

async function firstAsset(page: Page): Promise<string> {
  const href = await page.locator('link[rel="stylesheet"]').first().getAttribute("href");
  expect(href).toMatch(/^\/build\//);
  return href!;
}

test("cross-site posts are refused with 403 and change nothing, the token notwithstanding", async ({
  page,
}, testInfo) => {
  const id = createDraftSession("0750001", `Garde ${testInfo.project.name}`);
  await loginAs(page, testInfo, "club-a@test.fr");
  const token = await csrfToken(page);
  const licensee = String(licenseeIdOf("A-75-100001"));
  const clubBLogins = loginsOf("club-b@test.fr");
  const refused = async (url: string, form: Record<string, string>, headers: Record<string, string> = EVIL) => {
    const response = await page.request.post(url, { headers, form: { ...form, csrf: token }, maxRedirects: 0 });
    expect(response.status(), url).toBe(403);
    expect(await response.text(), url).toContain(CROSS_SITE);
  };

  // A page's form, and the same through `?_data` (as JavaScript posts it).
  await refused(`/sessions/${id}?index`, infoForm("Piraté"));
  await refused(`/sessions/${id}?index&_data=routes%2Fsessions.%24id._index`, infoForm("Piraté"));
  await refused(`/sessions/${id}/participants?_data=routes%2Fsessions.%24id.participants`, { intent: "add", licensee });
  // Another port of the same host is another site; a browser that names no origin but says cross-site too.
  await refused(
    `/sessions/${id}/participants`,
    { intent: "add", licensee },
    { Origin: `http://127.0.0.1:${PORT + 1}` },
  );
  await refused(`/sessions/${id}/participants`, { intent: "add", licensee }, { "Sec-Fetch-Site": "cross-site" });
  await refused("/portee", { organiser: "", redirectTo: "/sessions" });
  await refused("/deconnexion", {});
  await refused("/connexion?_data=routes%2Fconnexion", {
    email: "club-b@test.fr",
    password: "motdepasse-test",
    redirectTo: "",
  });
  // A resource route (it would answer a workbook).
  await refused("/sessions/importer/rapport.xlsx", { rapport: "x" });

  expect(sessionTitle(id)).toBe(`Garde ${testInfo.project.name}`);
  expect(candidates(id)).toBe(0);
  expect(loginsOf("club-b@test.fr")).toBe(clubBLogins);
  // Still logged in, in the same scope.
  const list = await page.request.get("/sessions", { maxRedirects: 0 });
  expect(list.status()).toBe(200);
  expect(await list.text()).toContain("Les Tritons de Paris");

  // The same post from the page's own origin goes through.
  const own = await page.request.post(`/sessions/${id}/participants`, {
    headers: { Origin: ORIGIN },
    form: { intent: "add", licensee, csrf: token },
    maxRedirects: 0,
  });
  expect(own.status()).toBe(302);
  expect(candidates(id)).toBe(1);
});

test("a form without its token, or with another login's, is refused with 403", async ({ page, browser }, testInfo) => {
  const title = `Jeton ${testInfo.project.name}`;
  const id = createDraftSession("0750001", title);
  await loginAs(page, testInfo, "club-a@test.fr");
  const without = await page.request.post(`/sessions/${id}?index`, {
    headers: { Origin: ORIGIN },
    form: infoForm("Sans jeton"),
  });
  expect(without.status()).toBe(403);
  expect(await without.text()).toContain(CROSS_SITE);
  const wrong = await page.request.post(`/sessions/${id}?index`, {
    form: { ...infoForm("Faux jeton"), csrf: "x".repeat(43) },
  });
  expect(wrong.status()).toBe(403);
  // The token of another login of the same person.
  const elsewhere = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const other = await elsewhere.newPage();
  await loginAs(other, testInfo, "club-a@test.fr");
  const stale = await page.request.post(`/sessions/${id}?index`, {
    form: { ...infoForm("Autre connexion"), csrf: await csrfToken(other) },
  });
  expect(stale.status()).toBe(403);
  await elsewhere.close();
  // Logging in needs the login page's token too.
  const login = await page.request.post("/connexion", {
    form: { email: "club-b@test.fr", password: "motdepasse-test" },
  });
  expect(login.status()).toBe(403);
  expect(sessionTitle(id)).toBe(title);
});

test("only the methods a route serves: others answer 405 with Allow and change nothing", async ({ page }, testInfo) => {
  const title = `Méthodes ${testInfo.project.name}`;
  const id = createDraftSession("0750001", title);
  await loginAs(page, testInfo, "club-a@test.fr");
  const token = await csrfToken(page);
  const actionRoutes = [
    "/connexion",
    "/deconnexion",
    "/portee",
    "/sessions/nouvelle",
    "/sessions/importer",
    "/sessions/importer/rapport.xlsx",
    `/sessions/${id}`,
    `/sessions/${id}?index`,
    `/sessions/${id}/participants`,
    `/sessions/${id}/jury`,
    `/sessions/${id}/notes`,
    `/sessions/${id}/cloture`,
    `/sessions/${id}/supprimer`,
    `/sessions/${id}/mise-a-jour`,
    "/mon-espace",
    "/mon-espace/autorisations/1/retirer",
  ];
  for (const url of actionRoutes) {
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      const response = await page.request.fetch(url, {
        method,
        form: { ...infoForm("Piraté"), csrf: token },
        maxRedirects: 0,
      });
      expect(response.status(), `${method} ${url}`).toBe(405);
      expect(response.headers().allow, `${method} ${url}`).toBe("GET, HEAD, POST");
    }
  }
  for (const url of ["/sessions", `/sessions/${id}/excel.xlsx`, "/sessions/export.xlsx", "/healthcheck"]) {
    const response = await page.request.post(url, { form: { csrf: token }, maxRedirects: 0 });
    expect(response.status(), url).toBe(405);
    expect(response.headers().allow, url).toBe("GET, HEAD");
  }
  const trace = await new Promise<number | undefined>((resolve) => {
    http
      .request(`${ORIGIN}/connexion`, { method: "TRACE" }, (response) => {
        response.resume();
        resolve(response.statusCode);
      })
      .end();
  });
  expect(trace).toBe(405);
  expect(sessionTitle(id)).toBe(title);
});

test("a 10 MB form is refused with 413 at once, without the server holding it", async () => {
  const before = serverRss();
  expect(before).toBeGreaterThan(0);
  const started = Date.now();
  // The answer comes as soon as the request's headers are read: timed to the answer, not to the end of the upload.
  const { status, body, elapsed } = await new Promise<{ status: number; body: string; elapsed: number }>(
    (resolve, reject) => {
      const request = http.request(`${ORIGIN}/connexion`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(10 * 1024 * 1024) },
      });
      request.on("response", (response) => {
        const elapsed = Date.now() - started;
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body, elapsed }));
      });
      request.on("error", (error) =>
        error.message.includes("EPIPE") || error.message.includes("ECONNRESET") ? undefined : reject(error),
      );
      request.end(Buffer.alloc(10 * 1024 * 1024, "a"));
    },
  );
  expect(status).toBe(413);
  expect(body).toContain("Le formulaire envoyé est trop volumineux.");
  expect(elapsed).toBeLessThan(1000);
  expect(serverRss() - before).toBeLessThan(20 * 1024 * 1024);

  // Without a declared length (chunked), counted while it arrives.
  const chunked = await fetch(`${ORIGIN}/connexion`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new Blob([Buffer.alloc(200 * 1024, "a")]).stream(),
    duplex: "half",
  } as RequestInit);
  expect(chunked.status).toBe(413);
});

/** A post answered on a connection of its own (so that each may reach another server process). */
function quickUpload(cookie: string): Promise<{ status: number; retryAfter: string | undefined; body: string }> {
  return new Promise((resolve) => {
    const request = http.request(`${ORIGIN}/sessions/importer`, {
      method: "POST",
      agent: false,
      headers: { Cookie: cookie, Origin: ORIGIN, "Content-Type": "multipart/form-data; boundary=xyz" },
    });
    request.on("response", (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, retryAfter: response.headers["retry-after"], body }),
      );
    });
    request.end("--xyz--\r\n");
  });
}

test("uploads beyond the number allowed at once are refused with 429 or 503 and Retry-After", async () => {
  test.setTimeout(60_000);
  await alone("uploads", uploadsBeyondTheLimit);
});

async function uploadsBeyondTheLimit() {
  // Each server process takes UPLOAD_CONCURRENCY (2) uploads at once, one per person; the
  // end-to-end server runs one process per core. Six people's uploads held open fill them all.
  const emails = [
    "club-a@test.fr",
    "club-b@test.fr",
    "club-c@test.fr",
    "club-d@test.fr",
    "club-e@test.fr",
    "multi@test.fr",
  ];
  const cookies = await Promise.all(emails.map(apiLogin));
  const held = [];
  for (const cookie of cookies) held.push(await slowUpload(cookie));
  try {
    const refused = held.filter((upload) => upload.status === 503);
    expect(held.filter((upload) => upload.status === null).length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0].retryAfter).toBe("10");
    expect(await refused[0].body).toContain(
      "Le serveur traite déjà plusieurs fichiers en ce moment : réessayez dans quelques secondes.",
    );
    // The same person again while one of his uploads runs: 429 where it runs (another process may be full: 503).
    const holder = cookies[held.findIndex((upload) => upload.status === null)];
    const again = await Promise.all([1, 2, 3, 4].map(() => quickUpload(holder)));
    expect(again.every((answer) => answer.status === 429 || answer.status === 503)).toBe(true);
    const personal = again.find((answer) => answer.status === 429);
    expect(personal?.retryAfter).toBe("5");
    expect(personal?.body).toContain(
      "Un autre envoi de fichier de votre part est en cours : attendez qu'il se termine, puis réessayez.",
    );
  } finally {
    for (const upload of held) upload.end();
  }
}

test("every kind of answer carries the security headers", async ({ page }, testInfo) => {
  const id = createDraftSession("0750001", `En-têtes ${testInfo.project.name}`);
  await loginAs(page, testInfo, "club-a@test.fr");
  const asset = await firstAsset(page);
  const answers = {
    page: await page.request.get("/sessions"),
    data: await page.request.get("/sessions?_data=routes%2Fsessions._index"),
    workbook: await page.request.get(`/sessions/${id}/excel.xlsx`),
    text: await page.request.get("/healthcheck"),
    notFound: await page.request.get("/sessions/999999"),
    refusal: await page.request.post(`/sessions/${id}?index`, { form: infoForm("x") }),
    method: await page.request.fetch("/sessions", { method: "DELETE" }),
    asset: await page.request.get(asset),
    publicFile: await page.request.get("/favicon.svg"),
  };
  for (const [kind, response] of Object.entries(answers)) {
    const headers = response.headers();
    expect(headers["content-security-policy"], kind).toMatch(
      /^default-src 'self'; script-src 'self' 'nonce-[A-Za-z0-9+/=]+'; style-src 'self'; img-src 'self' data:;.*frame-ancestors 'none'; form-action 'self'; object-src 'none'; base-uri 'none'$/,
    );
    expect(headers["x-content-type-options"], kind).toBe("nosniff");
    expect(headers["referrer-policy"], kind).toBe("same-origin");
    expect(headers["x-frame-options"], kind).toBe("DENY");
    expect(headers["permissions-policy"], kind).toContain("camera=()");
    expect(headers["x-request-id"], kind).toMatch(/^[0-9a-f]{12}$/);
    if (kind === "asset") expect(headers["cache-control"]).toContain("immutable");
    else if (kind !== "publicFile") expect(headers["cache-control"], kind).toBe("private, no-store");
  }
  expect(answers.data.headers()["content-type"]).toContain("application/json");
  expect(answers.workbook.headers()["content-type"]).toContain("spreadsheetml");
});

test("no page breaks the Content Security Policy, and a breach would be seen", async ({ page }, testInfo) => {
  const id = createDraftSession("0750001", `CSP ${testInfo.project.name}`);
  await loginAs(page, testInfo, "club-a@test.fr");
  for (const url of [
    "/sessions",
    `/sessions/${id}`,
    `/sessions/${id}/participants?q=lef`,
    `/sessions/${id}/jury?ajouter`,
    `/sessions/${id}/notes`,
    `/sessions/${id}/pv`,
    "/sessions/importer",
    "/sessions/nouvelle",
    "/modeles",
  ]) {
    await visit(page, url, testInfo);
  }
  // Every inline script of the page carries the nonce of the answer's policy.
  const response = await page.request.get("/sessions");
  const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"])![1];
  const html = await response.text();
  const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attributes] of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
  if (usesJs(testInfo)) {
    // A script the page did not send is refused, and the listener sees it.
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.injected = true;";
      document.body.append(script);
    });
    await expect.poll(() => cspViolations(page).length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  }
});

test("an error page names its reference, the request id of the log", async ({ page }, testInfo) => {
  await loginAs(page, testInfo, "club-a@test.fr");
  const response = await visit(page, "/sessions/999999", testInfo);
  expect(response?.status()).toBe(404);
  await expect(page.getByText(`Référence : ${response!.headers()["x-request-id"]}`)).toBeVisible();
  const refused = await page.request.post("/portee", { form: { organiser: "" } });
  expect(await refused.text()).toContain(`Référence : ${refused.headers()["x-request-id"]}`);
});

test("a lecteur gets no licensee search on a session's participants or jury", async ({ page }, testInfo) => {
  const id = createDraftSession("0750001", `Lecteur ${testInfo.project.name}`);
  await loginAs(page, testInfo, "lecteur-a@test.fr");
  for (const tab of ["participants", "jury"]) {
    await visit(page, `/sessions/${id}/${tab}?q=A-7`, testInfo);
    await expect(page.getByRole("heading", { name: `Lecteur ${testInfo.project.name}` })).toBeVisible();
    await expect(page.getByLabel("Rechercher un licencié")).toHaveCount(0);
    await expect(page.getByText(/licenciés? trouvés?/)).toHaveCount(0);
    const data = await page.request.get(`/sessions/${id}/${tab}?q=A-7&_data=routes%2Fsessions.%24id.${tab}`);
    const body = await data.json();
    expect(body.search).toBeNull();
    expect(JSON.stringify(body)).not.toContain("A-75-100004");
  }
});
