import { expect, type Page, type TestInfo } from "@playwright/test";
import Database from "better-sqlite3";

export const PASSWORD = "motdepasse-test";

/** The end-to-end database, opened from the test process to look up ids or age a login session. */
export function e2eDb() {
  return new Database(`e2e/.data/${process.env.E2E_PORT ?? 3100}/e2e.db`);
}

export function sessionIdByTitle(title: string): number {
  const db = e2eDb();
  try {
    const row = db.prepare("select id from exam_sessions where title = ?").get(title) as { id: number } | undefined;
    if (!row) throw new Error(`No session titled ${title}`);
    return row.id;
  } finally {
    db.close();
  }
}

export function usesJs(testInfo: TestInfo): boolean {
  return testInfo.project.name === "js";
}

/** Goes to a page and, with JavaScript, waits until React has hydrated it. */
export async function visit(page: Page, url: string, testInfo: TestInfo) {
  const response = await page.goto(url);
  if (usesJs(testInfo) && response && response.ok()) {
    await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  }
  return response;
}

/** Logs in through the form, as a person would. */
export async function login(page: Page, testInfo: TestInfo, email: string, password = PASSWORD) {
  await visit(page, "/connexion", testInfo);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

/** Logs in through the form and waits for the sessions list. */
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
    const result = db
      .prepare(
        `insert into exam_sessions (title, title_search, organiser_id, certification_code, place, place_search,
           start_date, status, version, created_at, updated_at)
         values (?, lower(?), ?, ?, 'Fosse de test', 'fosse de test', '2026-06-13', 'draft', 1, ?, ?)`,
      )
      .run(title, title, organiser.id, certification, now, now);
    return Number(result.lastInsertRowid);
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
