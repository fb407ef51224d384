import { expect, type Browser, type BrowserContext, type Page, type TestInfo } from "@playwright/test";
import { closeSync, openSync, rmSync } from "node:fs";
import { openSyncDatabase } from "./sync-db";

export const PASSWORD = "motdepasse-test";

/**
 * The end-to-end database, opened from the test process to look up ids or age a login session:
 * the run's SQLite file, or the PostgreSQL database E2E_DATABASE_URL names (e2e/sync-db.ts).
 */
export function e2eDb() {
  return openSyncDatabase(process.env.E2E_DATABASE_URL || `e2e/.data/${process.env.E2E_PORT ?? 3100}/e2e.db`);
}

/** The newest session of that title (a failed first try of a test may have left one). */
export function sessionIdByTitle(title: string): number {
  const db = e2eDb();
  try {
    const row = db.prepare("select id from exam_sessions where title = ? order by id desc").get(title) as
      | { id: number }
      | undefined;
    if (!row) throw new Error(`No session titled ${title}`);
    return row.id;
  } finally {
    db.close();
  }
}

export function usesJs(testInfo: TestInfo): boolean {
  return testInfo.project.name === "js";
}

const violations = new WeakMap<Page, string[]>();

/**
 * The Content Security Policy violations the browser reported on this page so far (JavaScript on:
 * a refused inline script is reported on the console). Listening starts at the page's first visit.
 */
export function cspViolations(page: Page): string[] {
  let list = violations.get(page);
  if (!list) {
    const found: string[] = [];
    list = found;
    violations.set(page, found);
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) found.push(message.text());
    });
  }
  return list;
}

/** Goes to a page and, with JavaScript, waits until React has hydrated it; no CSP violation allowed. */
export async function visit(page: Page, url: string, testInfo: TestInfo) {
  const seen = usesJs(testInfo) ? cspViolations(page) : [];
  const response = await page.goto(url);
  if (usesJs(testInfo) && response && response.ok()) {
    await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  }
  expect(seen, "Content Security Policy violations").toEqual([]);
  return response;
}

/**
 * The CSRF token the forms of the page's browser context carry, read from a page the server
 * renders now with that context's cookies. Not read from the page on screen: with JavaScript,
 * the address changes before the new page is drawn, so right after a login the screen may still
 * show the login form and its token of before.
 */
export async function csrfToken(page: Page): Promise<string> {
  const html = await (await page.request.get("/")).text();
  const found = /name="csrf" value="([^"]+)"/.exec(html);
  if (!found) throw new Error("No CSRF token on the site's home page");
  return found[1];
}

/** The fields of a request made as the page's own forms would post them: with the page's token. */
export async function withToken<T extends Record<string, unknown>>(
  page: Page,
  fields: T,
): Promise<T & { csrf: string }> {
  return { ...fields, csrf: await csrfToken(page) };
}

/** Logs in through the form, as a person would. */
export async function login(page: Page, testInfo: TestInfo, email: string, password = PASSWORD) {
  await visit(page, "/connexion", testInfo);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

/** Logs in through the form and waits for the sessions list. */
/** Another browser: a new context with the project's settings (JavaScript on or off, French, Paris time). */
export function anotherBrowser(browser: Browser, testInfo: TestInfo): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    javaScriptEnabled: usesJs(testInfo),
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
  });
}

/**
 * A link opened in another browser (a new context, JavaScript as in the project) by someone not
 * logged in there: the login page, then, once `email` has logged in, the link. Close the context.
 */
export async function openLinkElsewhere(
  browser: Browser,
  testInfo: TestInfo,
  url: string,
  email: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await anotherBrowser(browser, testInfo);
  const page = await context.newPage();
  await page.goto(url);
  await expect(page).toHaveURL(/\/connexion\?redirectTo=/);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  return { context, page };
}

export async function loginAs(page: Page, testInfo: TestInfo, email: string) {
  await login(page, testInfo, email);
  await expect(page).toHaveURL(/\/sessions$/);
  if (usesJs(testInfo)) await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
}

/** The login session id inside the signed cookie (`base64(JSON).signature`). */
export function loginSessionId(cookieValue: string): string {
  const signed = decodeURIComponent(cookieValue);
  const encoded = signed.slice(0, signed.lastIndexOf("."));
  return JSON.parse(Buffer.from(encoded, "base64").toString("utf8")) as string;
}

/** A fresh draft session for one test, written straight into the database. */
export function createDraftSession(organiserCode: string, title: string, certification = "N2"): number {
  const db = e2eDb();
  try {
    const organiser = db.prepare("select id from organisers where code = ?").get(organiserCode) as { id: number };
    const now = new Date().toISOString();
    const created = db
      .prepare(
        `insert into exam_sessions (title, title_search, organiser_id, certification_code, grid_id, place, place_search,
           start_date, status, version, created_at, updated_at)
         values (?, lower(?), ?, ?,
           (select g.id from certifications c join exam_grids g on g.code = c.grid_code
             where c.code = ? order by g.version desc limit 1),
           'Fosse de test', 'fosse de test', '2026-06-13', 'draft', 1, ?, ?)
         returning id`,
      )
      .get(title, title, organiser.id, certification, certification, now, now) as { id: number };
    return created.id;
  } finally {
    db.close();
  }
}

export function sessionTitle(id: number): string {
  const db = e2eDb();
  try {
    return (db.prepare("select title from exam_sessions where id = ?").get(id) as { title: string }).title;
  } finally {
    db.close();
  }
}

// Used by the seeding helpers below (kept with them: this file grows by appending).
import { searchText } from "../test/support/search-text";

export interface SeededSession {
  title: string;
  certification: string;
  place: string;
  start: string;
  end?: string | null;
  status?: "draft" | "closed";
  /** The list's denormalised count (no candidate rows are written). */
  candidates?: number;
  updatedAt?: string;
}

/**
 * Writes an organiser's sessions straight into the database, once: the "js" and "no-js" runs
 * share one database, so whichever comes second finds them there and writes nothing. Search
 * columns are normalised as the application does (`École` → `ecole`).
 */
export function seedSessionsOnce(organiserCode: string, sessions: SeededSession[]): void {
  const db = e2eDb();
  try {
    const organiser = db.prepare("select id from organisers where code = ?").get(organiserCode) as { id: number };
    const insert = db.prepare(
      `insert into exam_sessions (title, title_search, organiser_id, certification_code, place, place_search,
         start_date, end_date, status, version, candidate_count, created_at, updated_at, closed_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
    );
    db.transaction(() => {
      if (db.prepare("select 1 from exam_sessions where organiser_id = ? limit 1").get(organiser.id)) return;
      for (const s of sessions) {
        const at = s.updatedAt ?? `${s.start}T08:00:00.000Z`;
        const status = s.status ?? "draft";
        insert.run(
          s.title,
          searchText(s.title),
          organiser.id,
          s.certification,
          s.place,
          searchText(s.place),
          s.start,
          s.end ?? null,
          status,
          s.candidates ?? 0,
          at,
          at,
          status === "closed" ? at : null,
        );
      }
    }).immediate();
  } finally {
    db.close();
  }
}

/** The titles of the sessions list's rows, in order. */
export function listedTitles(page: Page) {
  return page.getByRole("table").locator("tbody tr td:first-child");
}

/** The list's query string as an object (`?lieu=x&du=` → `{ lieu: "x", du: "" }`). */
export function listQuery(page: Page): Record<string, string> {
  return Object.fromEntries(new URL(page.url()).searchParams);
}

/**
 * Logs in an account that has a personal space, by asking for /mon-espace first: the login page
 * brings the person back there.
 */
export async function loginToPersonalSpace(page: Page, testInfo: TestInfo, email: string) {
  await visit(page, "/mon-espace", testInfo);
  await expect(page).toHaveURL(/\/connexion\?redirectTo=%2Fmon-espace$/);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/\/mon-espace$/);
  if (usesJs(testInfo)) await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
}

/** Runs `body` while no other test of this server holds the lock (the js and no-js runs share one server and its database). */
export async function alone<T>(name: string, body: () => Promise<T>): Promise<T> {
  const path = `e2e/.data/${process.env.E2E_PORT ?? 3100}/${name}.lock`;
  for (;;) {
    try {
      closeSync(openSync(path, "wx"));
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await body();
  } finally {
    rmSync(path, { force: true });
  }
}
