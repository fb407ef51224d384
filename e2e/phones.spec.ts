import { expect, test, type Page } from "@playwright/test";
import { loginAs, loginToPersonalSpace, sessionIdByTitle, visit } from "./helpers";

// A phone: 375 × 667 (iPhone SE). No page may scroll sideways; tables scroll inside their own box.
test.use({ viewport: { width: 375, height: 667 } });

async function expectNoSidewaysScroll(page: Page, url: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${url} : ${width} px de large`).toBeLessThanOrEqual(375);
}

test("a gestionnaire's pages fit a phone's width", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const draft = sessionIdByTitle("Tritons N2 printemps");
  const closed = sessionIdByTitle("Tritons N1 hiver");
  await loginAs(page, testInfo, "club-a@test.fr");
  for (const url of [
    "/sessions",
    "/sessions?tri=intitule_asc",
    `/sessions/${draft}`,
    `/sessions/${draft}/verification`,
    `/sessions/${draft}/cloture`,
    `/sessions/${closed}`,
    `/sessions/${closed}/pv`,
    "/sessions/nouvelle",
    "/sessions/importer",
    "/modeles",
    "/compte",
    "/licencies/A-75-100001",
  ]) {
    await visit(page, url, testInfo);
    await expectNoSidewaysScroll(page, url);
  }
  // The list's title column stays in sight while its table scrolls sideways.
  await visit(page, "/sessions", testInfo);
  const title = page.getByRole("columnheader", { name: "Intitulé" });
  await page.getByRole("table", { name: "Sessions" }).evaluate((table) => {
    table.parentElement!.scrollLeft = 1000;
  });
  const box = await title.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x).toBeLessThan(40);
});

test("the notes grid and its tabs fit a phone; a user with two scopes can still change scope", async ({
  page,
}, testInfo) => {
  const id = sessionIdByTitle("CTR Niveau 4 automne");
  await loginAs(page, testInfo, "multi@test.fr");
  for (const url of ["/sessions", `/sessions/${id}`, `/sessions/${id}/notes`]) {
    await visit(page, url, testInfo);
    await expectNoSidewaysScroll(page, url);
  }
  // Every tab is on screen (they wrap).
  for (const tab of await page.getByRole("navigation", { name: "Onglets de la session" }).getByRole("link").all()) {
    const box = await tab.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
  }
  await expect(page.getByLabel("Changer de portée")).toBeVisible();
});

test("the administrator's pages fit a phone's width", async ({ page }, testInfo) => {
  await loginAs(page, testInfo, "admin@test.fr");
  for (const url of ["/sessions", "/administration/utilisateurs", "/administration/utilisateurs/inviter"]) {
    await visit(page, url, testInfo);
    await expectNoSidewaysScroll(page, url);
  }
  await visit(page, "/administration/utilisateurs", testInfo);
  await page.getByRole("link", { name: "club-a@test.fr" }).click();
  await expect(page.getByLabel("Portée 1")).toBeVisible();
  await expectNoSidewaysScroll(page, "/administration/utilisateurs/…");
});

test("an instructor's space and the login pages fit a phone's width", async ({ page }, testInfo) => {
  for (const url of ["/connexion", "/mot-de-passe-oublie"]) {
    await visit(page, url, testInfo);
    await expectNoSidewaysScroll(page, url);
  }
  await loginToPersonalSpace(page, testInfo, "moniteur@test.fr");
  await expectNoSidewaysScroll(page, "/mon-espace");
  await expect(page.getByRole("region", { name: "Mes jurys" })).toContainText("Bastille N1 été");
  await visit(page, "/mon-espace?q=plongee", testInfo);
  await expectNoSidewaysScroll(page, "/mon-espace?q=plongee");
});
