import { expect, test, type Page, type TestInfo } from "@playwright/test";
import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import { hashPassword } from "../db/password";
import { createLicensee, query } from "./fixtures";
import { e2eDb, loginAs, PASSWORD, sessionIdByTitle, visit } from "./helpers";

// Logins hash with scrypt N = 2^17: slow on a shared machine.
test.setTimeout(180_000);

const HEADERS = ["Date", "Événement", "E-mail", "Utilisateur", "Adresse IP", "Navigateur", "Détails"];

/** A mark for this test's rows and accounts, unique per run and per project (both share one database). */
const tagFor = (testInfo: TestInfo) => `j${testInfo.project.name.replace("-", "")}${Date.now()}`;

/** Journal rows written straight into the database, as the application writes them. */
function seedJournal(rows: { kind: string; email: string; at: string; details?: string }[]) {
  const db = e2eDb();
  try {
    const insert = db.prepare(
      "insert into security_journal (at, kind, user_id, email, ip, user_agent, details) values (?, ?, null, ?, '198.51.100.7', 'Navigateur de test', ?)",
    );
    db.transaction(() => {
      for (const r of rows) insert.run(r.at, r.kind, r.email, r.details ?? null);
    })();
  } finally {
    db.close();
  }
}

/** An active account made for one test, straight into the database. */
async function createUser(email: string, scopes: { organiser: string; role: string }[]) {
  const hash = await hashPassword(PASSWORD);
  const db = e2eDb();
  try {
    const { id } = db
      .prepare(
        "insert into users (email, password_hash, name, is_admin, created_at, state) values (?, ?, ?, 0, ?, 'active') returning id",
      )
      .get(email, hash, "Compte du journal", new Date().toISOString()) as { id: number };
    for (const s of scopes) {
      db.prepare(
        "insert into user_scopes (user_id, organiser_id, role) values (?, (select id from organisers where code = ?), ?)",
      ).run(id, s.organiser, s.role);
    }
    return id;
  } finally {
    db.close();
  }
}

const journalOf = (email: string) =>
  query<{ kind: string; details: string | null; ip: string | null; user_agent: string | null }>(
    "select kind, details, ip, user_agent from security_journal where email = ? order by id",
    email,
  );

const tableRows = (page: Page) => page.getByRole("table").locator("tbody tr");

async function filter(page: Page, fields: { evenement?: string; email?: string; du?: string; au?: string }) {
  if (fields.evenement !== undefined) await page.getByLabel("Événement").selectOption({ label: fields.evenement });
  if (fields.email !== undefined) await page.getByLabel("E-mail").fill(fields.email);
  if (fields.du !== undefined) await page.getByLabel("Du").fill(fields.du);
  if (fields.au !== undefined) await page.getByLabel("Au").fill(fields.au);
  await page.getByRole("button", { name: "Filtrer" }).click();
}

async function readExport(page: Page) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Exporter" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^journal-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(await download.path())) as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet("Journal");
  if (!sheet) throw new Error("No worksheet named Journal");
  expect(HEADERS.map((_, i) => sheet.getRow(1).getCell(i + 1).value)).toEqual(HEADERS);
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    rows.push(Object.fromEntries(HEADERS.map((h, i) => [h, sheet.getRow(r).getCell(i + 1).value])));
  }
  return rows;
}

test("the administrator reads the journal: each filter narrows it, it pages by 50, and the export holds the filtered rows", async ({
  page,
}, testInfo) => {
  const tag = tagFor(testInfo);
  const a = `${tag}-a@test.fr`;
  const b = `${tag}-b@test.fr`;
  seedJournal([
    // 52 failed logins on 1 March, a minute apart.
    ...Array.from({ length: 52 }, (_, i) => ({
      kind: "login_failed",
      email: a,
      at: new Date(Date.UTC(2026, 2, 1, 10, i)).toISOString(),
    })),
    ...[0, 1, 2].map((i) => ({ kind: "logout", email: b, at: `2026-04-10T10:0${i}:00.000Z`, details: `fin ${i}` })),
    // 11 April at 23:30 in Paris (21:30 UTC): a Paris day, not a UTC one.
    { kind: "login_succeeded", email: b, at: "2026-04-11T21:30:00.000Z" },
  ]);

  await loginAs(page, testInfo, "admin@test.fr");
  await expect(
    page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Journal" }),
  ).toBeVisible();
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Journal" }).click();
  await expect(page.getByRole("heading", { name: "Journal de sécurité" })).toBeVisible();
  // The administrator's own login just now is there.
  await filter(page, { evenement: "Connexion réussie", email: "admin@test.fr" });
  await expect(page).toHaveURL(/evenement=login_succeeded/);
  await expect(tableRows(page).first().getByRole("cell").nth(1)).toHaveText("Connexion réussie");
  await expect(tableRows(page).first().getByRole("cell").nth(2)).toHaveText("admin@test.fr");
  await expect(tableRows(page).first().getByRole("cell").nth(3)).toHaveText("Ada Administratrice");

  // The e-mail alone: this test's 56 rows, newest first, 50 on the first page.
  await page.goto("/administration/journal");
  await filter(page, { email: tag });
  await expect(page.getByTestId("journal-total")).toHaveText("56 événements");
  await expect(tableRows(page)).toHaveCount(50);
  await expect(tableRows(page).first().getByRole("cell")).toHaveText([
    "11/04/2026 à 23:30",
    "Connexion réussie",
    b,
    "",
    "198.51.100.7",
    "Navigateur de test",
    "",
  ]);
  await expect(page.getByText("Page 1 sur 2")).toBeVisible();
  await page.getByRole("link", { name: "Page suivante" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(tableRows(page)).toHaveCount(6);
  await expect(tableRows(page).last().getByRole("cell").first()).toHaveText("01/03/2026 à 11:00");

  // The kind narrows further (and goes back to page 1).
  await filter(page, { evenement: "Déconnexion" });
  await expect(page).not.toHaveURL(/page=/);
  await expect(page.getByTestId("journal-total")).toHaveText("3 événements");
  await expect(tableRows(page).getByRole("cell", { name: /^fin \d$/ })).toHaveText(["fin 2", "fin 1", "fin 0"]);

  // Dates are Paris days, both included.
  await filter(page, { evenement: "Tous", du: "2026-04-10", au: "2026-04-11" });
  await expect(page.getByTestId("journal-total")).toHaveText("4 événements");
  await filter(page, { du: "2026-04-11", au: "" });
  await expect(page.getByTestId("journal-total")).toHaveText("1 événement");
  await filter(page, { du: "", au: "2026-04-10" });
  await expect(page.getByTestId("journal-total")).toHaveText("55 événements");

  // Nothing matches: the empty state, no export.
  await filter(page, { email: `${tag}-personne` });
  await expect(page.getByText("Aucun événement ne correspond à ces filtres.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Exporter" })).toHaveCount(0);

  // Bad parameters in a hand-written URL: French notices, never an error page.
  const response = await visit(
    page,
    `/administration/journal?email=${tag}&evenement=nimporte&du=2026-02-30&page=999`,
    testInfo,
  );
  expect(response?.status()).toBe(200);
  await expect(
    page.getByText("Le filtre « Événement » (« nimporte ») n'est pas un événement connu : il a été ignoré."),
  ).toBeVisible();
  await expect(
    page.getByText("Le filtre « Du » (« 2026-02-30 ») n'est pas une date valide (AAAA-MM-JJ) : il a été ignoré."),
  ).toBeVisible();
  await expect(page.getByText("La page 999 n'existe pas : voici la dernière.")).toBeVisible();
  await expect(tableRows(page)).toHaveCount(6);
  expect((await page.request.get(`/administration/journal?page=abc&au=hier`)).status()).toBe(200);

  // The export: the filtered rows only, and the export itself is journaled.
  await visit(page, `/administration/journal?email=${encodeURIComponent(b)}&evenement=logout`, testInfo);
  const exported = await readExport(page);
  expect(exported).toEqual(
    [2, 1, 0].map((i) => ({
      Date: `10/04/2026 à 12:0${i}`,
      Événement: "Déconnexion",
      "E-mail": b,
      Utilisateur: null,
      "Adresse IP": "198.51.100.7",
      Navigateur: "Navigateur de test",
      Détails: `fin ${i}`,
    })),
  );
  const exports = query<{ details: string }>(
    "select details from security_journal where kind = 'personal_data_exported' and email = 'admin@test.fr' and details like ?",
    `%${b}%`,
  );
  expect(exports).toEqual([{ details: `journal de sécurité (événement logout, e-mail commençant par « ${b} »)` }]);
});

test("nobody but the administrator reaches the journal or its export", async ({ page, browser }, testInfo) => {
  // Not logged in: the login page, which comes back to the journal.
  await page.goto("/administration/journal?evenement=logout");
  await expect(page).toHaveURL(/\/connexion\?redirectTo=%2Fadministration%2Fjournal/);
  const anonymousExport = await page.request.get("/administration/journal/export.xlsx", { maxRedirects: 0 });
  expect(anonymousExport.status()).toBe(302);

  // Accounts of this run alone (the js and no-js runs share the database), and the world's instructor.
  const tag = tagFor(testInfo);
  await createUser(`${tag}-g@test.fr`, [{ organiser: "0750001", role: "gestionnaire" }]);
  await createUser(`${tag}-l@test.fr`, [{ organiser: "0750001", role: "lecteur" }]);
  for (const email of [`${tag}-g@test.fr`, `${tag}-l@test.fr`, "moniteur@test.fr"]) {
    const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, javaScriptEnabled: false });
    const other = await context.newPage();
    await other.goto("/connexion");
    await other.getByLabel("Adresse e-mail").fill(email);
    await other.getByLabel("Mot de passe").fill(PASSWORD);
    await other.getByRole("button", { name: "Se connecter" }).click();
    await expect(other).not.toHaveURL(/\/connexion/);
    await expect(other.getByRole("link", { name: "Journal" })).toHaveCount(0);
    const refused = await other.goto("/administration/journal");
    expect(refused?.status(), email).toBe(403);
    await expect(other.getByText("Le journal de sécurité est réservé à l'administrateur.")).toBeVisible();
    expect((await other.request.get("/administration/journal/export.xlsx")).status(), email).toBe(403);
    // Both refusals are journaled (the instructor's rows are counted only for this run's accounts).
    if (email.startsWith(tag)) {
      expect(
        journalOf(email)
          .filter((r) => r.kind === "access_refused")
          .map((r) => r.details),
      ).toEqual([
        "GET /administration/journal : journal de sécurité",
        "GET /administration/journal/export.xlsx : journal de sécurité",
      ]);
    }
    await context.close();
  }
});

test("an access to another scope's session and each export of personal data write a journal row", async ({
  page,
}, testInfo) => {
  const email = `${tagFor(testInfo)}-l@test.fr`;
  // A lecteur of the Tritons (a read-only role exports too); Plongée Bastille's session and licensee are another scope's.
  await createUser(email, [{ organiser: "0750001", role: "lecteur" }]);
  const own = sessionIdByTitle("Tritons N1 hiver");
  const foreign = sessionIdByTitle("Bastille N1 été");
  const licence = `A-75-${String(Date.now() % 100_000_000).padStart(8, "0")}${testInfo.project.name === "js" ? 1 : 2}`;
  createLicensee({ licence, lastName: "Autreclub", firstName: "Inès", birthDate: "1991-02-03", structure: "0750002" });

  await loginAs(page, testInfo, email);
  expect(journalOf(email).map((r) => r.kind)).toEqual(["login_succeeded"]);

  // Another club's session does not exist for this user (404), and the attempt is journaled.
  const refused = await page.goto(`/sessions/${foreign}`);
  expect(refused?.status()).toBe(404);
  expect((await page.request.get(`/sessions/${foreign}/excel.xlsx`)).status()).toBe(404);
  expect((await page.request.get(`/licencies/${licence}`)).status()).toBe(404);
  // A session that does not exist at all is not a refusal.
  expect((await page.request.get("/sessions/999999999")).status()).toBe(404);

  // The list export, the session's workbook and its PV.
  await visit(page, "/sessions", testInfo);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Exporter" }).click(),
  ]);
  await download.path();
  expect((await page.request.get(`/sessions/${own}/excel.xlsx`)).status()).toBe(200);
  expect((await page.request.get(`/sessions/${own}/pv`)).status()).toBe(200);

  const rows = journalOf(email);
  expect(rows.map((r) => [r.kind, r.details])).toEqual([
    ["login_succeeded", null],
    ["access_refused", `GET /sessions/${foreign} : session ${foreign} d'une autre portée`],
    ["access_refused", `GET /sessions/${foreign}/excel.xlsx : session ${foreign} d'une autre portée`],
    ["access_refused", `GET /licencies/${licence} : licencié ${licence} d'une autre portée`],
    ["personal_data_exported", "liste des sessions (/sessions/export.xlsx)"],
    ["personal_data_exported", `session ${own} (bordereau Excel)`],
    ["personal_data_exported", `session ${own} (procès-verbal)`],
  ]);
  expect(rows[1].ip).toBe("127.0.0.1");
  expect(rows[1].user_agent).toMatch(/Chrome/);

  // The administrator finds them in the journal.
  const admin = await page.context().browser()!.newContext({ baseURL: testInfo.project.use.baseURL });
  const adminPage = await admin.newPage();
  await adminPage.goto("/connexion");
  await adminPage.getByLabel("Adresse e-mail").fill("admin@test.fr");
  await adminPage.getByLabel("Mot de passe").fill(PASSWORD);
  await adminPage.getByRole("button", { name: "Se connecter" }).click();
  await expect(adminPage).toHaveURL(/\/sessions/);
  await adminPage.goto(`/administration/journal?evenement=access_refused&email=${encodeURIComponent(email)}`);
  await expect(tableRows(adminPage)).toHaveCount(3);
  await expect(tableRows(adminPage).first().getByRole("cell").nth(1)).toHaveText("Accès refusé");
  await admin.close();
});
