import { expect, test } from "@playwright/test";
import {
  createDraftSession,
  loginAs,
  openLinkElsewhere,
  sessionIdByTitle,
  sessionTitle,
  usesJs,
  visit,
  withToken,
} from "./helpers";

const CLOSED_MESSAGE = "Cette session est clôturée : elle ne peut plus être modifiée.";

function infoForm(title: string, version = "1") {
  return { title, place: "Ailleurs", startDate: "2026-06-13", endDate: "", version };
}

test("a club lists only its own sessions", async ({ page }, testInfo) => {
  await loginAs(page, testInfo, "club-a@test.fr");
  // Searched by title: the other specs add many sessions to this club, which push these off the first page.
  const table = page.getByRole("table");
  await visit(page, "/sessions?intitule=Tritons", testInfo);
  await expect(table.getByRole("link", { name: "Tritons N2 printemps" })).toBeVisible();
  await expect(table.getByRole("link", { name: "Tritons N1 hiver" })).toBeVisible();
  for (const other of ["Bastille N1 été", "CTR Niveau 4 automne"]) {
    await visit(page, `/sessions?intitule=${encodeURIComponent(other)}`, testInfo);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: other })).toHaveCount(0);
  }
});

test("another club's session is a 404, to open and to post to", async ({ page }, testInfo) => {
  const id = sessionIdByTitle("Bastille N1 été");
  await loginAs(page, testInfo, "club-a@test.fr");
  for (const path of [`/sessions/${id}`, `/sessions/${id}/participants`, `/sessions/${id}/jury`]) {
    const response = await visit(page, path, testInfo);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
    await expect(page.getByText("Bastille N1 été")).toHaveCount(0);
  }
  const post = await page.request.post(`/sessions/${id}?index`, { form: await withToken(page, infoForm("Piraté")) });
  expect(post.status()).toBe(404);
  expect(sessionTitle(id)).toBe("Bastille N1 été");
});

test("a session id that is not a number is a 404", async ({ page }, testInfo) => {
  await loginAs(page, testInfo, "club-a@test.fr");
  const response = await visit(page, "/sessions/abc'--", testInfo);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
});

test("a gestionnaire saves a draft's information", async ({ page }, testInfo) => {
  const id = createDraftSession("0750001", `Brouillon ${testInfo.project.name}`);
  await loginAs(page, testInfo, "club-a@test.fr");
  await visit(page, `/sessions/${id}`, testInfo);
  await page.getByLabel("Intitulé").fill(`Session en l'honneur de Jacques Mayol ${testInfo.project.name}`);
  await page.getByLabel("Lieu").fill("Fosse Nemo 33");
  await page.getByRole("button", { name: "Sauvegarder" }).click();
  await expect(page.getByRole("status")).toHaveText("Session enregistrée.");
  await expect(
    page.getByRole("heading", { name: `Session en l'honneur de Jacques Mayol ${testInfo.project.name}` }),
  ).toBeVisible();
  await expect(page.getByText("Lieu : « Fosse de test » → « Fosse Nemo 33 »")).toBeVisible();
});

test("a lecteur reads a session without edit controls and cannot post", async ({ page }, testInfo) => {
  const id = sessionIdByTitle("Tritons N2 printemps");
  await loginAs(page, testInfo, "lecteur-a@test.fr");
  await visit(page, `/sessions/${id}`, testInfo);
  await expect(page.getByRole("heading", { name: "Tritons N2 printemps" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sauvegarder" })).toHaveCount(0);
  await expect(page.getByRole("textbox")).toHaveCount(0);
  const post = await page.request.post(`/sessions/${id}?index`, {
    form: await withToken(page, infoForm("Modifié par un lecteur")),
  });
  expect(post.status()).toBe(403);
  expect(sessionTitle(id)).toBe("Tritons N2 printemps");
});

test("a closed session offers no edit control and refuses a forged post", async ({ page }, testInfo) => {
  const id = sessionIdByTitle("Tritons N1 hiver");
  await loginAs(page, testInfo, "club-a@test.fr");
  await visit(page, `/sessions/${id}`, testInfo);
  await expect(page.getByText("Clôturée", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sauvegarder" })).toHaveCount(0);
  const post = await page.request.post(`/sessions/${id}?index`, { form: await withToken(page, infoForm("Rouverte")) });
  expect(post.status()).toBe(409);
  expect(await post.text()).toContain(CLOSED_MESSAGE);
  expect(sessionTitle(id)).toBe("Tritons N1 hiver");
});

test("a user with two scopes switches between them", async ({ page }, testInfo) => {
  await loginAs(page, testInfo, "multi@test.fr");
  const scope = page.getByTestId("portee-courante");
  await expect(scope).toContainText("Comité régional Île-de-France");
  // Each session searched by its title: the other specs add sessions before them in date order.
  const listed = async (title: string) => {
    await visit(page, `/sessions?intitule=${encodeURIComponent(title)}`, testInfo);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    return page.getByRole("link", { name: title });
  };
  await expect(await listed("CTR Niveau 4 automne")).toBeVisible();
  await expect(await listed("Tritons N2 printemps")).toHaveCount(0);
  await page.getByLabel("Changer de portée").selectOption({ label: "Les Tritons de Paris (gestionnaire)" });
  if (!usesJs(testInfo)) await page.getByRole("button", { name: "Valider" }).click();
  await expect(scope).toContainText("Les Tritons de Paris");
  await expect(await listed("Tritons N2 printemps")).toBeVisible();
  await expect(await listed("CTR Niveau 4 automne")).toHaveCount(0);
});

test("a list link names its scope: shared, it shows the same list to whoever holds that scope", async ({
  page,
  browser,
}, testInfo) => {
  await loginAs(page, testInfo, "multi@test.fr");
  const scope = page.getByTestId("portee-courante");
  await page.getByLabel("Changer de portée").selectOption({ label: "Les Tritons de Paris (gestionnaire)" });
  if (!usesJs(testInfo)) await page.getByRole("button", { name: "Valider" }).click();
  await expect(scope).toContainText("Les Tritons de Paris");
  await page.getByLabel("Intitulé").fill("n2");
  if (!usesJs(testInfo)) await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/[?&]portee=0750001(&|$)/);
  await expect(page).toHaveURL(/[?&]intitule=n2(&|$)/);
  await expect(page.getByRole("link", { name: "Tritons N2 printemps" })).toBeVisible();
  const url = page.url();

  // The same user elsewhere, acting for the regional commission after logging in.
  const { context, page: other } = await openLinkElsewhere(browser, testInfo, url, "multi@test.fr");
  try {
    await expect(other).toHaveURL(url);
    await expect(other.getByTestId("portee-courante")).toContainText("Les Tritons de Paris");
    await expect(other.getByRole("link", { name: "Tritons N2 printemps" })).toBeVisible();
    await expect(other.getByText("CTR Niveau 4 automne")).toHaveCount(0);
    // Changing scope from that page shows the other scope's list, not the linked one again.
    await other
      .getByLabel("Changer de portée")
      .selectOption({ label: "Commission Technique – Comité régional Île-de-France (gestionnaire)" });
    if (!usesJs(testInfo)) await other.getByRole("button", { name: "Valider" }).click();
    await expect(other.getByTestId("portee-courante")).toContainText("Comité régional Île-de-France");
    await expect(other).not.toHaveURL(/portee=0750001/);
    await expect(other.getByText("Tritons N2 printemps")).toHaveCount(0);
  } finally {
    await context.close();
  }

  // Someone who does not hold that scope sees their own list, and is told why.
  const stranger = await openLinkElsewhere(browser, testInfo, url, "club-b@test.fr");
  try {
    const other = stranger.page;
    await expect(
      other.getByText("La portée « 0750001 » n'est pas l'une des vôtres : voici les sessions de la portée choisie."),
    ).toBeVisible();
    await expect(other.getByText("Tritons N2 printemps")).toHaveCount(0);
  } finally {
    await stranger.context.close();
  }
});

test("the administrator sees every organiser's sessions", async ({ page }, testInfo) => {
  await loginAs(page, testInfo, "admin@test.fr");
  await expect(page.getByTestId("portee-courante")).toContainText("toutes les structures");
  await expect(page.getByRole("columnheader", { name: "Organisateur" })).toBeVisible();
  // Two clubs' sessions, each found by its title: the other specs add sessions that come before
  // them in date order, so they need not be on the first page.
  for (const [title, organiser] of [
    ["Bastille N1 été", "Plongée Bastille"],
    ["Tritons N2 printemps", "Les Tritons de Paris"],
  ]) {
    await visit(page, `/sessions?intitule=${encodeURIComponent(title)}`, testInfo);
    await expect(page.getByRole("row", { name: new RegExp(`^${title} `) })).toContainText(organiser);
  }
});

test("the healthcheck answers when the database does", async ({ request }) => {
  const response = await request.get("/healthcheck");
  expect(response.status()).toBe(200);
});

test("a post to a session without a tab still checks the scope first", async ({ page }, testInfo) => {
  const id = sessionIdByTitle("Bastille N1 été");
  await loginAs(page, testInfo, "club-a@test.fr");
  const post = await page.request.post(`/sessions/${id}`, { form: await withToken(page, infoForm("Piraté")) });
  expect(post.status()).toBe(404);
});
