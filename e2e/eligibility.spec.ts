import { expect, test, type Page } from "@playwright/test";
import { createDraftSession, e2eDb, loginAs, usesJs, visit } from "./helpers";
import { authorise, createLicensee, fillSession } from "./fixtures";

/** Licence numbers of one project's people, so that the js and no-js runs never share anybody. */
function numbering(project: string) {
  const base = project === "js" ? 800 : 900;
  return (n: number) => `A-75-${base}${String(n).padStart(3, "0")}`;
}

/** A licence 2026 still waiting for validation. */
function waitingLicence(licenseeId: number) {
  const db = e2eDb();
  try {
    db.prepare("insert into licences (licensee_id, season, status) values (?, 2026, 'en_attente')").run(licenseeId);
  } finally {
    db.close();
  }
}

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

async function search(page: Page, query: string) {
  await page.getByLabel("Rechercher un licencié").fill(query);
  await page.getByRole("button", { name: "Rechercher", exact: true }).click();
}

test.describe("at 375 × 667", () => {
  test.use({ viewport: { width: 375, height: 667 } });

  test("an ineligible candidate shows the close checks' messages and their facts on Participants, without « Vérifier »", async ({
    page,
  }, testInfo) => {
    const licence = numbering(testInfo.project.name);
    const child = createLicensee({
      licence: licence(1),
      lastName: "Enfant",
      firstName: "Théo",
      birthDate: "2015-06-01",
      seasons: [],
    });
    waitingLicence(child);
    const holder = createLicensee({
      licence: licence(2),
      lastName: "Déjà",
      firstName: "Nina",
      birthDate: "1990-01-01",
      brevets: [{ code: "N1", date: "2019-05-01" }],
    });
    const president = createLicensee({
      licence: licence(3),
      lastName: "Sansaccord",
      firstName: "Paul",
      birthDate: "1970-01-01",
      brevets: [{ code: "MF1", date: "2005-01-01" }],
    });
    const id = createDraftSession("0750001", `N1 éligibilité ${testInfo.project.name}`, "N1");
    fillSession(id, { candidates: [child, holder], jury: [{ licenseeId: president, role: "president" }] });

    await loginAs(page, testInfo, "club-a@test.fr");
    await visit(page, `/sessions/${id}/participants`, testInfo);
    const theo = page.getByRole("row", { name: /Enfant Théo/ });
    await expect(theo).toContainText("La licence du licencié n'est pas validée — licence 2026 en attente");
    await expect(theo).toContainText("le licencié doit avoir un age >= 14 ans — 11 ans au 13/06/2026");
    const nina = page.getByRole("row", { name: /Déjà Nina/ });
    await expect(nina).toContainText("Ce brevet est déjà attribué au licencié — détient déjà N1");
    // The name column stays on screen: the table scrolls sideways inside its box.
    const name = await page.getByRole("link", { name: "Enfant Théo" }).boundingBox();
    expect(name!.x).toBeGreaterThanOrEqual(0);
    expect(name!.x + name!.width).toBeLessThanOrEqual(375);
    await noSidewaysScroll(page);

    await visit(page, `/sessions/${id}/jury`, testInfo);
    const paul = page.getByRole("row", { name: /Sansaccord Paul/ });
    await expect(paul).toContainText(
      "Le moniteur n'a pas donné son autorisation à la structure — aucune autorisation donnée à cet organisateur",
    );
    await expect(paul).toContainText("enseignement : MF1");
    await noSidewaysScroll(page);

    // The report says the same, with the facts, and each block has its « Retirer ».
    await visit(page, `/sessions/${id}/verification`, testInfo);
    const report = page.getByTestId("rapport-cloture");
    await expect(report.getByRole("listitem", { name: "Enfant Théo" })).toContainText(
      "le licencié doit avoir un age >= 14 ans — 11 ans au 13/06/2026",
    );
    await page.getByRole("button", { name: "Retirer Déjà Nina" }).click();
    await expect(page.getByText("Nina Déjà a été retiré de la session.")).toBeVisible();
    if (!usesJs(testInfo)) await expect(page).toHaveURL(/\/verification#rapport-candidats$/);
    await expect(report.getByRole("listitem", { name: "Déjà Nina" })).toHaveCount(0);
    await expect(report.getByRole("listitem", { name: "Enfant Théo" })).toBeVisible();
    await noSidewaysScroll(page);
  });

  test("Participants and Jury with the search open: no sideways scroll, 24 px checkboxes, focus back on the search box", async ({
    page,
  }, testInfo) => {
    const licence = numbering(testInfo.project.name);
    createLicensee({ licence: licence(10), lastName: "Étroit", firstName: "Écran", birthDate: "1991-01-01" });
    const id = createDraftSession("0750001", `Téléphone ${testInfo.project.name}`, "N1");
    await loginAs(page, testInfo, "club-a@test.fr");
    for (const tab of ["participants", "jury"]) {
      await visit(page, `/sessions/${id}/${tab}?ajouter=1`, testInfo);
      await search(page, licence(10));
      const box = page.getByRole("checkbox", { name: new RegExp(`Étroit Écran \\(${licence(10)}\\)`) });
      const size = await box.boundingBox();
      expect(size?.width).toBeGreaterThanOrEqual(24);
      expect(size?.height).toBeGreaterThanOrEqual(24);
      await noSidewaysScroll(page);
    }
    await visit(page, `/sessions/${id}/participants?ajouter=1`, testInfo);
    await search(page, licence(10));
    await page.getByRole("checkbox", { name: /Étroit Écran/ }).check();
    await page.getByRole("button", { name: "Ajouter", exact: true }).click();
    const added = page.getByText("1 candidat ajouté : Écran Étroit.");
    await expect(added).toBeVisible();
    if (usesJs(testInfo)) {
      await expect(page.getByLabel("Rechercher un licencié")).toBeFocused();
      await expect(added).toBeInViewport();
    } else {
      await expect(page).toHaveURL(/#recherche$/);
    }
    await expect(page.getByRole("row", { name: /Étroit Écran/ }).getByText("Déjà candidat")).toBeVisible();
    await noSidewaysScroll(page);

    await page.getByRole("button", { name: "Retirer Étroit Écran" }).click();
    const removed = page.getByText("Écran Étroit a été retiré de la session.");
    await expect(removed).toBeVisible();
    if (usesJs(testInfo)) await expect(page.getByLabel("Rechercher un licencié")).toBeFocused();
    else await expect(page).toHaveURL(/#liste$/);
    await noSidewaysScroll(page);
  });
});

test("each search finds its person: any word order, commas, a licence without its letter; results tell what adding would give", async ({
  page,
}, testInfo) => {
  const suffix = testInfo.project.name === "js" ? "4" : "5";
  const licence = numbering(testInfo.project.name);
  createLicensee({ licence: licence(20), lastName: "Le Bihan", firstName: "Isabelle", birthDate: "1984-02-03" });
  createLicensee({
    licence: licence(21),
    lastName: "Dupont",
    firstName: "Charlotte",
    birthDate: "1990-05-06",
    structure: "0750002",
  });
  createLicensee({
    licence: `A-16-17924${suffix}`,
    lastName: "Sanslettre",
    firstName: "Remi",
    birthDate: "2000-01-01",
  });
  const instructor = createLicensee({
    licence: licence(22),
    lastName: "Formateur",
    firstName: "Olga",
    birthDate: "1975-01-01",
    brevets: [{ code: "MF1", date: "2005-01-01" }],
  });
  authorise(instructor, "0750001");
  const id = createDraftSession("0750001", `Recherche souple ${testInfo.project.name}`, "N1");
  await loginAs(page, testInfo, "club-a@test.fr");
  await visit(page, `/sessions/${id}/participants?ajouter=1`, testInfo);

  await search(page, "Isabelle Le Bihan");
  const isabelle = page.getByRole("row", { name: new RegExp(`Le Bihan Isabelle \\(${licence(20)}\\)`) });
  await expect(isabelle).toContainText("licence 2026 validée");
  await expect(isabelle).toContainText("42 ans au 13/06/2026");
  await expect(isabelle).toContainText("né(e) le 03/02/1984");

  await search(page, "Dupont, Charlotte");
  const charlotte = page.getByRole("row", { name: new RegExp(`Dupont Charlotte \\(${licence(21)}\\)`) });
  await expect(charlotte).toContainText("Plongée Bastille");
  // Charlotte belongs to another club: « Ma structure seulement » leaves her out.
  await page.getByLabel("Ma structure seulement").check();
  if (!usesJs(testInfo)) await page.getByRole("button", { name: "Rechercher", exact: true }).click();
  await expect(page).toHaveURL(/structure=1/);
  await expect(charlotte).toHaveCount(0);
  await page.getByLabel("Ma structure seulement").uncheck();
  if (!usesJs(testInfo)) await page.getByRole("button", { name: "Rechercher", exact: true }).click();
  await expect(page).not.toHaveURL(/structure=1/);

  await search(page, `1617924${suffix}`);
  await expect(page.getByRole("row", { name: /Sanslettre Remi/ })).toHaveCount(1);

  await visit(page, `/sessions/${id}/jury?ajouter=1`, testInfo);
  await search(page, "olga formateur");
  const olga = page.getByRole("row", { name: new RegExp(`Formateur Olga \\(${licence(22)}\\)`) });
  await expect(olga).toContainText("enseignement : MF1");
  await expect(olga).toContainText("a autorisé cet organisateur");
  await search(page, "Isabelle Le Bihan");
  await expect(page.getByRole("row", { name: new RegExp(`Le Bihan Isabelle \\(${licence(20)}\\)`) })).toContainText(
    "n'a pas autorisé cet organisateur",
  );
});

test("« Ajouter par numéros de licence » adds the valid ones and says why not the others", async ({
  page,
}, testInfo) => {
  const licence = numbering(testInfo.project.name);
  createLicensee({ licence: licence(30), lastName: "Collé", firstName: "Anne", birthDate: "1990-01-01" });
  createLicensee({ licence: licence(31), lastName: "Collé", firstName: "Bruno", birthDate: "1991-01-01" });
  const id = createDraftSession("0750001", `Coller des licences ${testInfo.project.name}`, "N1");
  await loginAs(page, testInfo, "club-a@test.fr");
  await visit(page, `/sessions/${id}/participants?ajouter=1`, testInfo);
  await page.getByText("Ajouter par numéros de licence").click();
  const digitsOnly = licence(31).replace(/^A-/, "").replace("-", "");
  await page.getByLabel(/Numéros de licence/).fill(`${licence(30)}\n${digitsOnly}, A-99-000001 ; n'importe`);
  await page.getByRole("button", { name: "Ajouter ces licences" }).click();
  await expect(page.getByText("2 candidats ajoutés : Anne Collé, Bruno Collé.")).toBeVisible();
  await expect(page.getByText("Numéro de licence inconnu : A-99-000001")).toBeVisible();
  await expect(page.getByText("« n'importe » n'est pas un numéro de licence.")).toBeVisible();
  if (usesJs(testInfo)) await expect(page.getByLabel(/Numéros de licence/)).toBeFocused();
  else await expect(page).toHaveURL(/#ajout-licences$/);
  const candidates = page.getByRole("table", { name: "Candidats de la session" });
  await expect(candidates.getByRole("row")).toHaveCount(3);

  // Again: both already there.
  await page.getByLabel(/Numéros de licence/).fill(licence(30));
  await page.getByRole("button", { name: "Ajouter ces licences" }).click();
  await expect(page.getByText("Anne Collé est déjà candidat dans cette session.")).toBeVisible();
});

test("a lecteur gets no search and cannot paste licences", async ({ page }, testInfo) => {
  const id = createDraftSession("0750001", `Lecteur ${testInfo.project.name}`, "N1");
  await loginAs(page, testInfo, "lecteur-a@test.fr");
  await visit(page, `/sessions/${id}/participants?ajouter=1&q=moreau`, testInfo);
  await expect(page.getByLabel("Rechercher un licencié")).toHaveCount(0);
  await expect(page.getByText("Ajouter par numéros de licence")).toHaveCount(0);
});
