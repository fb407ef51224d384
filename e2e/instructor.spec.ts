import { expect, test, type Page } from "@playwright/test";
import { searchLicence, searchText } from "../test/support/search-text";
import { anotherBrowser, createDraftSession, e2eDb, loginAs, loginToPersonalSpace, visit, withToken } from "./helpers";

const NOT_AUTHORISED = "Le moniteur n'a pas donné son autorisation à la structure";

/** Today in Paris, as the page writes it (`27/11/2026`). */
const todayFr = () =>
  new Intl.DateTimeFormat("fr-FR", {
    timeZone: "Europe/Paris",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).format(new Date());

async function searchOrganiser(page: Page, query: string) {
  await page.getByLabel("Rechercher une structure").fill(query);
  await page.getByRole("button", { name: "Rechercher", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(query).replace(/%20/g, "(\\+|%20)")}`));
}

function run<T>(work: (db: ReturnType<typeof e2eDb>) => T): T {
  const db = e2eDb();
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/**
 * An MF1 of Plongée Bastille with an account and no scope, one per project: the js and no-js
 * runs share the database and run side by side, and Marc Petit (moniteur@test.fr) must keep not
 * authorising Les Tritons de Paris for the close checks' own tests. Created once.
 */
function instructorFor(project: string) {
  const person =
    project === "js"
      ? { licence: "A-13-400001", lastName: "Vidal", firstName: "Inès" }
      : { licence: "A-13-500001", lastName: "Carré", firstName: "Noémie" };
  const email = `moniteur-${project}@test.fr`;
  const licenseeId = run((db) =>
    db
      .transaction(() => {
        const existing = db.prepare("select id from licensees where licence = ?").get(person.licence) as
          | { id: number }
          | undefined;
        if (existing) return existing.id;
        const now = new Date().toISOString();
        const { id } = db
          .prepare(
            `insert into licensees (licence, licence_compact, last_name, first_name, last_name_search, first_name_search,
               birth_date, structure_code, created_at, updated_at) values (?, ?, ?, ?, ?, ?, '1978-05-05', '0750002', ?, ?)
             returning id`,
          )
          .get(
            person.licence,
            searchLicence(person.licence),
            person.lastName,
            person.firstName,
            searchText(person.lastName),
            searchText(person.firstName),
            now,
            now,
          ) as { id: number };
        db.prepare("insert into licences (licensee_id, season, status) values (?, 2026, 'validee')").run(id);
        for (const [code, date] of [
          ["N1", "1998-06-01"],
          ["N2", "1999-06-01"],
          ["RIFAP", "2000-06-01"],
          ["N3", "2001-06-01"],
          ["GP-N4", "2004-06-01"],
          ["MF1", "2008-06-01"],
        ]) {
          db.prepare(
            "insert into certifications_held (licensee_id, certification_code, obtained_on, created_at) values (?, ?, ?, ?)",
          ).run(id, code, date, now);
        }
        db.prepare(
          "insert into authorisations (licensee_id, organiser_id, given_at) select ?, id, null from organisers where code = '0750002'",
        ).run(id);
        // Same password as every test account.
        db.prepare(
          `insert into users (email, password_hash, name, is_admin, licensee_id, created_at)
           select ?, password_hash, ?, 0, ?, ? from users where email = 'moniteur@test.fr'`,
        ).run(email, `${person.firstName} ${person.lastName}`, id, now);
        return id;
      })
      .immediate(),
  );
  return { ...person, email, licenseeId, listName: `${person.lastName} ${person.firstName}` };
}

function authorisations(licenseeId: number) {
  return run(
    (db) =>
      db
        .prepare(
          `select o.code, a.given_at from authorisations a join organisers o on o.id = a.organiser_id
         where a.licensee_id = ? order by o.code`,
        )
        .all(licenseeId) as { code: string; given_at: string | null }[],
  );
}

function history(licenseeId: number) {
  return run(
    (db) =>
      db
        .prepare(
          "select action, details from audit_log where licensee_id = ? and action like 'authorisation_%' order by id",
        )
        .all(licenseeId) as { action: string; details: string }[],
  );
}

const idOf = (table: "licensees" | "organisers", column: string, value: string) =>
  run((db) => (db.prepare(`select id from ${table} where ${column} = ?`).get(value) as { id: number }).id);

test("an instructor sees their licences, brevets and authorisations, and finds a club by name or code", async ({
  page,
}, testInfo) => {
  await loginToPersonalSpace(page, testInfo, "moniteur@test.fr");
  await expect(page.getByRole("heading", { name: "Mon espace" })).toBeVisible();
  // No scope: the personal space is all the navigation offers.
  await expect(page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link")).toHaveText([
    "Mon espace",
  ]);
  const licences = page.getByRole("region", { name: "Mes licences" });
  await expect(licences.getByRole("row", { name: /2026/ })).toContainText("du 15/09/2025 au 31/12/2026");
  await expect(licences.getByRole("row", { name: /2026/ })).toContainText("Validée");
  await expect(page.getByRole("region", { name: "Mes brevets" })).toContainText(
    "Moniteur fédéral 1er degré (E3) (MF1)",
  );
  const mine = page.getByRole("table", { name: "Structures autorisées" });
  await expect(mine.getByRole("row", { name: /Plongée Bastille/ })).toContainText("20/09/2025");

  await searchOrganiser(page, "TRITONS");
  await expect(page.getByText("1 structure trouvée")).toBeVisible();
  const found = page.getByRole("table", { name: "Structures trouvées" });
  await expect(found.getByRole("button", { name: "Autoriser Les Tritons de Paris (0750001)" })).toBeVisible();
  // Accents and case ignored; the club already authorised says so.
  await searchOrganiser(page, "plongee bastille");
  await expect(found.getByRole("row", { name: /Plongée Bastille/ })).toContainText("Déjà autorisée");
  await expect(found.getByRole("button")).toHaveCount(0);
  // By code, and a committee's commission.
  await searchOrganiser(page, "0750001");
  await expect(found.getByRole("row")).toHaveCount(2);
  await expect(found).toContainText("Les Tritons de Paris");
  await searchOrganiser(page, "technique departemental");
  await expect(found.getByRole("row", { name: /Commission Technique – Comité départemental de Paris/ })).toContainText(
    "Commission départementale",
  );
  await searchOrganiser(page, "zzzz");
  await expect(page.getByText("Aucune structure ne correspond à « zzzz ».")).toBeVisible();
  // The URL keeps the search.
  await visit(page, "/mon-espace?q=tritons", testInfo);
  await expect(page.getByLabel("Rechercher une structure")).toHaveValue("tritons");
  await expect(found).toContainText("Les Tritons de Paris");
});

test("an instructor authorises a club, which then passes Vérifier; withdrawn after a confirmation, it fails again", async ({
  page,
  browser,
}, testInfo) => {
  const me = instructorFor(testInfo.project.name);
  const tritons = idOf("organisers", "code", "0750001");
  run((db) =>
    db.prepare("delete from authorisations where licensee_id = ? and organiser_id = ?").run(me.licenseeId, tritons),
  );
  const id = createDraftSession("0750001", `Autorisation du moniteur ${testInfo.project.name}`);
  run((db) =>
    db
      .prepare("insert into session_jury (session_id, licensee_id, role) values (?, ?, 'president')")
      .run(id, me.licenseeId),
  );

  // The club's gestionnaire, in another browser.
  const clubContext = await anotherBrowser(browser, testInfo);
  const club = await clubContext.newPage();
  await loginAs(club, testInfo, "club-a@test.fr");
  const verdict = async () => {
    await visit(club, `/sessions/${id}/verification`, testInfo);
    return club.getByTestId("rapport-cloture").getByRole("listitem", { name: me.listName });
  };
  await expect(await verdict()).toContainText(NOT_AUTHORISED);

  await loginToPersonalSpace(page, testInfo, me.email);
  await searchOrganiser(page, "tritons");
  const found = page.getByRole("table", { name: "Structures trouvées" });
  await found
    .getByRole("row", { name: /Les Tritons de Paris/ })
    .getByRole("button", { name: /^Autoriser/ })
    .click();
  await expect(page.getByText("Autorisation donnée à « Les Tritons de Paris » (0750001).")).toBeVisible();
  const mine = page.getByRole("table", { name: "Structures autorisées" });
  await expect(mine.getByRole("row", { name: /Les Tritons de Paris/ })).toContainText(todayFr());
  // The search is still there, and the club is now marked.
  await expect(page).toHaveURL(/[?&]q=tritons/);
  await expect(found.getByRole("row", { name: /Les Tritons de Paris/ })).toContainText("Déjà autorisée");
  const given = authorisations(me.licenseeId).find((a) => a.code === "0750001");
  expect(given?.given_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  expect(Date.now() - Date.parse(given!.given_at!)).toBeLessThan(60_000);
  expect(history(me.licenseeId)).toEqual([
    { action: "authorisation_given", details: "Autorisation donnée à « Les Tritons de Paris » (0750001)" },
  ]);

  const passing = await verdict();
  await expect(passing).toContainText("Conforme.");
  await expect(passing).not.toContainText(NOT_AUTHORISED);

  await mine.getByRole("link", { name: "Retirer l'autorisation donnée à Les Tritons de Paris (0750001)" }).click();
  await expect(page).toHaveURL(/\/mon-espace\/autorisations\/\d+\/retirer$/);
  await expect(page.getByRole("heading", { name: "Retirer l'autorisation" })).toBeVisible();
  await expect(
    page.getByText(`Retirer l'autorisation donnée à « Les Tritons de Paris » (0750001) le ${todayFr()} ?`),
  ).toBeVisible();
  // Nothing happens before the confirmation.
  expect(authorisations(me.licenseeId).map((a) => a.code)).toEqual(["0750001", "0750002"]);
  await page.getByRole("button", { name: "Retirer l'autorisation" }).click();
  await expect(page).toHaveURL(/\/mon-espace$/);
  await expect(page.getByText("Autorisation retirée à « Les Tritons de Paris » (0750001).")).toBeVisible();
  await expect(mine.getByRole("row", { name: /Les Tritons de Paris/ })).toHaveCount(0);
  await expect(mine.getByRole("row", { name: /Plongée Bastille/ })).toHaveCount(1);
  const log = page.getByRole("region", { name: "Historique de mes autorisations" });
  await expect(log.getByRole("listitem")).toHaveCount(2);
  await expect(log.getByRole("listitem").first()).toContainText(
    "Autorisation retirée : « Les Tritons de Paris » (0750001)",
  );
  expect(authorisations(me.licenseeId).map((a) => a.code)).toEqual(["0750002"]);
  expect(history(me.licenseeId).map((h) => h.action)).toEqual(["authorisation_given", "authorisation_withdrawn"]);

  await expect(await verdict()).toContainText(NOT_AUTHORISED);
  await clubContext.close();
});

test("forged or stale requests get a French message and change nothing", async ({ page }, testInfo) => {
  const marc = idOf("licensees", "licence", "A-75-100005");
  const claire = idOf("licensees", "licence", "A-75-100003");
  const before = [authorisations(marc), authorisations(claire)];
  const clairesTritons = run(
    (db) =>
      db
        .prepare(
          "select a.id from authorisations a join organisers o on o.id = a.organiser_id where a.licensee_id = ? and o.code = '0750001'",
        )
        .get(claire) as { id: number },
  ).id;
  await loginToPersonalSpace(page, testInfo, "moniteur@test.fr");

  const refusals: [string, Record<string, string>, string][] = [
    [
      "/mon-espace",
      { intent: "authorise", organiser: "abc" },
      "Structure invalide : choisissez-la dans les résultats de la recherche.",
    ],
    [
      "/mon-espace",
      { intent: "authorise", organiser: "999999" },
      "Cette structure n'existe pas : choisissez-la dans les résultats de la recherche.",
    ],
    [
      "/mon-espace",
      { intent: "authorise", organiser: String(idOf("organisers", "code", "0750002")) },
      "Vous avez déjà autorisé « Plongée Bastille ».",
    ],
    ["/mon-espace/autorisations/abc/retirer", {}, "Autorisation invalide."],
    ["/mon-espace/autorisations/999999/retirer", {}, "Cette autorisation n'existe pas ou a déjà été retirée."],
    // Somebody else's authorisation.
    [
      `/mon-espace/autorisations/${clairesTritons}/retirer`,
      {},
      "Cette autorisation n'existe pas ou a déjà été retirée.",
    ],
  ];
  for (const [path, form, message] of refusals) {
    const response = await page.request.post(path, { form: await withToken(page, form), maxRedirects: 0 });
    expect(response.status(), path).toBe(302);
    expect(response.headers().location, path).toBe("/mon-espace");
    await visit(page, "/mon-espace", testInfo);
    await expect(page.getByRole("alert")).toHaveText(message);
  }
  const unknown = await page.request.post("/mon-espace", { form: await withToken(page, { intent: "autre" }) });
  expect(unknown.status()).toBe(400);

  for (const path of ["/mon-espace/autorisations/abc/retirer", `/mon-espace/autorisations/${clairesTritons}/retirer`]) {
    const response = await visit(page, path, testInfo);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByText("Cette autorisation n'existe pas ou a déjà été retirée.")).toBeVisible();
  }
  // "Annuler" on the confirmation page changes nothing either.
  await visit(page, "/mon-espace", testInfo);
  await page.getByRole("link", { name: "Retirer l'autorisation donnée à Plongée Bastille (0750002)" }).click();
  await page.getByRole("link", { name: "Annuler" }).click();
  await expect(page).toHaveURL(/\/mon-espace$/);
  await expect(page.getByRole("table", { name: "Structures autorisées" })).toContainText("Plongée Bastille");

  expect([authorisations(marc), authorisations(claire)]).toEqual(before);
  expect(history(marc)).toEqual([]);
  expect(history(claire)).toEqual([]);
});

test("a licensee-only account has only its personal space: 404 on sessions and on other people's records", async ({
  page,
}, testInfo) => {
  await loginToPersonalSpace(page, testInfo, "plongeur@test.fr");
  await expect(page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link")).toHaveText([
    "Mon espace",
  ]);
  await expect(page.getByText("Vous n'avez autorisé aucune structure.")).toBeVisible();
  await visit(page, "/", testInfo);
  await expect(page).toHaveURL(/\/mon-espace$/);
  // The sessions list leads to the personal space, where their juries are.
  await visit(page, "/sessions", testInfo);
  await expect(page).toHaveURL(/\/mon-espace$/);
  for (const path of ["/sessions/nouvelle", "/sessions/importer", "/modeles", "/licencies/A-75-100001"]) {
    const response = await visit(page, path, testInfo);
    expect(response?.status(), path).toBe(404);
  }
  await expect(page.getByText("Lefèvre")).toHaveCount(0);
  // Their own record is theirs to see.
  const own = await visit(page, "/licencies/A-75-100004", testInfo);
  expect(own?.status()).toBe(200);
});

test("an account without a licensee has no personal space; one with scopes and a licensee has both", async ({
  page,
}, testInfo) => {
  await loginAs(page, testInfo, "club-a@test.fr");
  const nav = page.getByRole("navigation", { name: "Navigation principale" });
  await expect(nav.getByRole("link", { name: "Sessions" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Mon espace" })).toHaveCount(0);
  const response = await visit(page, "/mon-espace", testInfo);
  expect(response?.status()).toBe(404);

  // Claire Moreau, MF1 of Les Tritons de Paris, also manages the club's sessions.
  run((db) =>
    db
      .transaction(() => {
        if (db.prepare("select 1 from users where email = 'gestion-moniteur@test.fr'").get()) return;
        const now = new Date().toISOString();
        const user = db
          .prepare(
            `insert into users (email, password_hash, name, is_admin, licensee_id, created_at)
             select 'gestion-moniteur@test.fr', password_hash, 'Claire Moreau', 0,
                    (select id from licensees where licence = 'A-75-100003'), ? from users where email = 'club-a@test.fr'
             returning id`,
          )
          .get(now) as { id: number };
        db.prepare(
          "insert into user_scopes (user_id, organiser_id, role) select ?, id, 'gestionnaire' from organisers where code = '0750001'",
        ).run(user.id);
      })
      .immediate(),
  );
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  // Logged out before going on (with JavaScript the logout is a fetch that a new page would cancel).
  await expect(page).toHaveURL(/\/connexion$/);
  await loginAs(page, testInfo, "gestion-moniteur@test.fr");
  await expect(nav.getByRole("link", { name: "Sessions" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Modèles" })).toBeVisible();
  await nav.getByRole("link", { name: "Mon espace" }).click();
  await expect(page).toHaveURL(/\/mon-espace$/);
  await expect(page.getByRole("table", { name: "Structures autorisées" })).toContainText("Les Tritons de Paris");
});
