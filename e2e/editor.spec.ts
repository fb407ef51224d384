import { expect, test, type Page } from "@playwright/test";
import { createDraftSession, e2eDb, loginAs, usesJs, visit, withToken } from "./helpers";

async function search(page: Page, query: string) {
  const box = page.getByLabel("Rechercher un licencié");
  await box.fill(query);
  await page.getByRole("button", { name: "Rechercher", exact: true }).click();
}

async function tick(page: Page, name: RegExp) {
  await page.getByRole("checkbox", { name }).check();
}

test("a gestionnaire creates a session, adds candidates and a président, and sees them after a reload", async ({
  page,
}, testInfo) => {
  const title = `N2 printemps – en l'honneur de Jacques Mayol (${testInfo.project.name})`;
  await loginAs(page, testInfo, "club-a@test.fr");
  await page.getByRole("link", { name: "Créer une session" }).click();
  await expect(page.getByRole("heading", { name: "Créer une nouvelle session" })).toBeVisible();
  await page.getByLabel("Intitulé").fill(title);
  await page.getByLabel("Brevet").selectOption({ label: "Plongeur Niveau 2" });
  await page.getByLabel("Lieu").fill("Fosse de Villeneuve-la-Garenne");
  await page.getByLabel("Date de début").fill("2026-06-13");
  await page.getByRole("button", { name: "Sauvegarder" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByText("En création", { exact: true })).toBeVisible();

  await page.getByRole("link", { name: "Participants" }).click();
  await page.getByRole("link", { name: "Ajouter des candidats" }).click();
  // An accented name typed without accents.
  await search(page, "lefevre");
  await expect(page.getByText("1 licencié trouvé")).toBeVisible();
  await tick(page, /Lefèvre Hélène/);
  await page.getByRole("button", { name: "Ajouter", exact: true }).click();
  await expect(page.getByText("1 candidat ajouté : Hélène Lefèvre.")).toBeVisible();
  // A licence number without dashes, then one with dashes.
  await search(page, "A75100002");
  await tick(page, /Dupré Jean-François/);
  await page.getByRole("button", { name: "Ajouter", exact: true }).click();
  await expect(page.getByText("1 candidat ajouté : Jean-François Dupré.")).toBeVisible();
  await search(page, "A-75-100004");
  await tick(page, /Bernard Zoé/);
  await page.getByRole("button", { name: "Ajouter", exact: true }).click();
  await expect(page.getByText("1 candidat ajouté : Zoé Bernard.")).toBeVisible();
  // Nobody twice.
  await search(page, "bernard");
  await tick(page, /Bernard Zoé/);
  await page.getByRole("button", { name: "Ajouter", exact: true }).click();
  await expect(page.getByText("Zoé Bernard est déjà candidat dans cette session.")).toBeVisible();

  await page.getByRole("link", { name: "Jury" }).click();
  await page.getByRole("link", { name: "Ajouter des membres du jury" }).click();
  await search(page, "moreau claire");
  await tick(page, /Moreau Claire/);
  await page.getByLabel("Rôle").selectOption({ label: "Président de jury" });
  await page.getByRole("button", { name: "Ajouter au jury" }).click();
  await expect(page.getByText("1 membre du jury ajouté : Claire Moreau.")).toBeVisible();
  // Not candidate and jury at once.
  await search(page, "helene lefevre");
  await tick(page, /Lefèvre Hélène/);
  await page.getByRole("button", { name: "Ajouter au jury" }).click();
  await expect(
    page.getByText("Hélène Lefèvre est candidat : une même personne ne peut pas être candidat et membre du jury."),
  ).toBeVisible();

  await page.reload();
  const juryTable = page.getByRole("table", { name: "Jury de la session" });
  await expect(juryTable.getByRole("row")).toHaveCount(2);
  await expect(juryTable).toContainText("Président de jury");
  await expect(juryTable).toContainText("Moreau Claire");

  await page.getByRole("link", { name: "Participants" }).click();
  const candidates = page.getByRole("table", { name: "Candidats de la session" });
  await expect(candidates.getByRole("row")).toHaveCount(4);
  await page.getByRole("button", { name: "Retirer Dupré Jean-François" }).click();
  await expect(page.getByText("Jean-François Dupré a été retiré de la session.")).toBeVisible();
  await expect(candidates.getByRole("row")).toHaveCount(3);
  await page.getByLabel("Équivalence de Bernard Zoé").selectOption("CMAS-1");
  if (!usesJs(testInfo)) {
    await page
      .getByRole("row", { name: /Bernard Zoé/ })
      .getByRole("button", { name: "Enregistrer" })
      .click();
  }
  await expect(page.getByText("Équivalence de Zoé Bernard enregistrée.")).toBeVisible();

  await page.getByRole("link", { name: "Informations" }).click();
  const history = page.getByRole("region", { name: "Historique" });
  await expect(history).toContainText("Création");
  await expect(history).toContainText("Candidat ajouté");
  await expect(history).toContainText("Candidat retiré");
  await expect(history).toContainText("Membre du jury ajouté");
  await expect(history).toContainText("Équivalence modifiée");
  await expect(history).not.toContainText("equivalence_changed");
});

test("the search pages through many matches and says how many", async ({ page }, testInfo) => {
  const id = createDraftSession("0750001", `Recherche ${testInfo.project.name}`);
  await loginAs(page, testInfo, "club-a@test.fr");
  await visit(page, `/sessions/${id}/participants?ajouter=1`, testInfo);
  await search(page, "e");
  await expect(page.getByText("Saisissez au moins deux lettres du nom, ou un numéro de licence.")).toBeVisible();
  await search(page, "A-75-1000");
  await expect(page.getByText("5 licenciés trouvés")).toBeVisible();
  await search(page, "zzzz");
  await expect(page.getByText("Aucun licencié ne correspond à « zzzz ».")).toBeVisible();
});

test("a date typed by hand as JJ/MM/AAAA is understood", async ({ page }, testInfo) => {
  await loginAs(page, testInfo, "club-a@test.fr");
  const title = `Saisie manuelle ${testInfo.project.name}`;
  const response = await page.request.post("/sessions/nouvelle", {
    form: await withToken(page, {
      title,
      certification: "N1",
      place: "",
      startDate: "13/06/2026",
      endDate: "14/06/2026",
    }),
  });
  expect(response.ok()).toBe(true);
  await expect(page.request.get("/sessions").then((r) => r.text())).resolves.toContain(title);
  const db = e2eDb();
  try {
    const row = db.prepare("select start_date, end_date from exam_sessions where title = ?").get(title);
    expect(row).toEqual({ start_date: "2026-06-13", end_date: "2026-06-14" });
  } finally {
    db.close();
  }
});

test("the creation form says what is wrong", async ({ page }, testInfo) => {
  await loginAs(page, testInfo, "multi@test.fr");
  await visit(page, "/sessions/nouvelle", testInfo);
  await page.getByLabel("Intitulé").fill("ANTEOR régional");
  await page
    .getByLabel("Brevet")
    .selectOption({ label: "Animer l'apprentissage des techniques d'oxygénothérapie – ranimation" });
  await page.getByLabel("Date de début").fill("2026-06-13");
  await page.getByRole("button", { name: "Sauvegarder" }).click();
  await expect(page.getByText("Les sessions ANTEOR doivent être importées depuis le bordereau Excel.")).toBeVisible();

  await page.getByLabel("Brevet").selectOption({ label: "Guide de palanquée (Niveau 4)" });
  await page.getByLabel("Date de début").fill("2026-06-13");
  await page.getByLabel("Date de fin").fill("2026-06-17");
  await page.getByRole("button", { name: "Sauvegarder" }).click();
  await expect(page.getByText("Une session GP-N4 dure au plus 4 jours d'examen")).toBeVisible();
  await expect(page).toHaveURL(/\/sessions\/nouvelle$/);
});

test("a save that started from an older version is refused and overwrites nothing", async ({ page }, testInfo) => {
  const id = createDraftSession("0750001", `Conflit ${testInfo.project.name}`);
  await loginAs(page, testInfo, "club-a@test.fr");
  await visit(page, `/sessions/${id}`, testInfo);
  // Somebody else saves first.
  const other = await page.request.post(`/sessions/${id}?index`, {
    form: await withToken(page, {
      title: `Conflit ${testInfo.project.name} (autre)`,
      place: "Ailleurs",
      startDate: "2026-06-13",
      endDate: "",
      version: "1",
    }),
  });
  expect(other.ok()).toBe(true);
  await page.getByLabel("Lieu").fill("Ici");
  await page.getByRole("button", { name: "Sauvegarder" }).click();
  await expect(page.getByRole("alert")).toContainText(
    /Cette session a été modifiée entre-temps par Alice Gestionnaire à \d{2}:\d{2} ; rechargez la page\./,
  );
  await visit(page, `/sessions/${id}`, testInfo);
  await expect(page.getByLabel("Lieu")).toHaveValue("Ailleurs");
});

test("a draft is deleted after a confirmation", async ({ page }, testInfo) => {
  const title = `À supprimer ${testInfo.project.name}`;
  const id = createDraftSession("0750001", title);
  await loginAs(page, testInfo, "club-a@test.fr");
  await visit(page, `/sessions/${id}`, testInfo);
  await page.getByRole("link", { name: "Supprimer" }).click();
  await expect(page.getByText(`Supprimer la session « ${title} »`)).toBeVisible();
  await page.getByRole("button", { name: "Supprimer définitivement" }).click();
  await expect(page).toHaveURL(/\/sessions$/);
  await expect(page.getByText(`La session « ${title} » a été supprimée.`)).toBeVisible();
  const response = await visit(page, `/sessions/${id}`, testInfo);
  expect(response?.status()).toBe(404);
});

test("a licensee's record shows licences, brevets and sessions; another club's member is hidden", async ({
  page,
}, testInfo) => {
  await loginAs(page, testInfo, "club-a@test.fr");
  await visit(page, "/licencies/A-75-100003", testInfo);
  await expect(page.getByRole("heading", { name: "Moreau Claire" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Brevets" })).toContainText("Moniteur fédéral 1er degré (E3) (MF1)");
  await expect(page.getByRole("region", { name: "Autorisations données" })).toContainText("Les Tritons de Paris");
  await expect(page.getByRole("region", { name: "Sessions" })).toContainText("Tritons N2 printemps");
  // Marc Petit belongs to another club and sits in none of club A's sessions.
  const response = await visit(page, "/licencies/A-75-100005", testInfo);
  expect(response?.status()).toBe(404);
});

test("a closed session shows no edit control, and its tabs refuse forged posts", async ({ page }, testInfo) => {
  const db = e2eDb();
  const { id } = db.prepare("select id from exam_sessions where title = 'Tritons N1 hiver'").get() as { id: number };
  const candidate = db.prepare("select id from session_candidates where session_id = ?").get(id) as { id: number };
  db.close();
  await loginAs(page, testInfo, "club-a@test.fr");
  for (const tab of ["participants", "jury"]) {
    await visit(page, `/sessions/${id}/${tab}`, testInfo);
    await expect(page.getByRole("button")).toHaveText(["Se déconnecter"]);
    await expect(page.getByRole("link", { name: /Ajouter/ })).toHaveCount(0);
  }
  const remove = await page.request.post(`/sessions/${id}/participants`, {
    form: await withToken(page, { intent: "remove", candidate: String(candidate.id) }),
  });
  expect(remove.status()).toBe(409);
  expect(await remove.text()).toContain("Cette session est clôturée : elle ne peut plus être modifiée.");
  const remove2 = await page.request.post(`/sessions/${id}/supprimer`, { form: await withToken(page, {}) });
  expect(remove2.status()).toBe(409);
});

test("forged additions say what is wrong and add nobody", async ({ page }, testInfo) => {
  const id = createDraftSession("0750001", `Ajouts forgés ${testInfo.project.name}`);
  await loginAs(page, testInfo, "club-a@test.fr");
  const db = e2eDb();
  const { id: claire } = db.prepare("select id from licensees where licence = 'A-75-100003'").get() as { id: number };
  db.close();
  // A role that is not one of the three (an object's own property name, for instance).
  for (const role of ["toString", "__proto__", "arbitre"]) {
    const response = await page.request.post(`/sessions/${id}/jury`, {
      form: await withToken(page, { intent: "add", role, licensee: String(claire) }),
    });
    expect(response.ok()).toBe(true);
    expect(await response.text()).toContain("Choisissez le rôle : Président de jury, Délégué ou Membre du jury.");
  }
  // A licensee who is not in the registry (removed since the search, or a forged id).
  const unknown = await page.request.post(`/sessions/${id}/participants`, {
    form: await withToken(page, { intent: "add", licensee: "999999" }),
  });
  expect(unknown.ok()).toBe(true);
  expect(await unknown.text()).toContain("Un des licenciés cochés est introuvable : relancez la recherche.");
  const jury = await page.request.post(`/sessions/${id}/jury`, {
    form: await withToken(page, { intent: "add", role: "delegue", licensee: "999998" }),
  });
  expect(await jury.text()).toContain("Un des licenciés cochés est introuvable : relancez la recherche.");
  // A body that is not a form at all.
  const garbled = await page.request.post(`/sessions/${id}/participants`, {
    headers: { "Content-Type": "multipart/form-data" },
    data: "intent=add&licensee=1",
  });
  expect(garbled.status()).toBe(400);
  expect(await garbled.text()).toContain("Le formulaire envoyé est illisible : rechargez la page et recommencez.");
  const after = e2eDb();
  const count = (table: string) =>
    (after.prepare(`select count(*) as n from ${table} where session_id = ?`).get(id) as { n: number }).n;
  expect([count("session_candidates"), count("session_jury")]).toEqual([0, 0]);
  after.close();
});
