import { expect, test } from "@playwright/test";
import { e2eDb, login, loginAs, loginSessionId, sessionIdByTitle, visit } from "./helpers";

test("a user logs in and out", async ({ page }, testInfo) => {
  await loginAs(page, testInfo, "club-a@test.fr");
  await expect(page.getByRole("heading", { name: "Sessions", level: 1 })).toBeVisible();
  await expect(page.getByText("Alice Gestionnaire")).toBeVisible();
  await expect(page.getByTestId("portee-courante")).toContainText("Les Tritons de Paris");
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/connexion$/);
  await visit(page, "/sessions", testInfo);
  await expect(page).toHaveURL(/\/connexion$/);
});

test("a wrong password and an unknown e-mail get the same message", async ({ page }, testInfo) => {
  await login(page, testInfo, "club-a@test.fr", "mauvais-mot-de-passe");
  await expect(page.getByRole("alert")).toHaveText("Identifiant ou mot de passe incorrect");
  await expect(page).toHaveURL(/\/connexion/);
  await login(page, testInfo, "inconnu@test.fr", "motdepasse-test");
  await expect(page.getByRole("alert")).toHaveText("Identifiant ou mot de passe incorrect");
});

test("after logging in, the user lands on the page asked for", async ({ page }, testInfo) => {
  const id = sessionIdByTitle("Tritons N2 printemps");
  await visit(page, `/sessions/${id}/participants`, testInfo);
  await expect(page).toHaveURL(new RegExp(`/connexion\\?redirectTo=%2Fsessions%2F${id}%2Fparticipants$`));
  await page.getByLabel("Adresse e-mail").fill("club-a@test.fr");
  await page.getByLabel("Mot de passe").fill("motdepasse-test");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${id}/participants$`));
  await expect(page.getByRole("heading", { name: "Tritons N2 printemps" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Lefèvre Hélène" })).toBeVisible();
});

test("a redirect to another site is ignored", async ({ page }, testInfo) => {
  await visit(page, "/connexion?redirectTo=//exemple.com/piege", testInfo);
  await page.getByLabel("Adresse e-mail").fill("club-a@test.fr");
  await page.getByLabel("Mot de passe").fill("motdepasse-test");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/sessions$/);
});

test("an idle login session expires and leads back to the login page", async ({ page, context }, testInfo) => {
  await loginAs(page, testInfo, "club-b@test.fr");
  const cookie = (await context.cookies()).find((c) => c.name === "sessions_id");
  expect(cookie).toBeDefined();
  const db = e2eDb();
  try {
    const longAgo = new Date(Date.now() - 31 * 60 * 1000).toISOString();
    const changed = db
      .prepare("update login_sessions set last_seen_at = ? where id = ?")
      .run(longAgo, loginSessionId(cookie!.value));
    expect(changed.changes).toBe(1);
  } finally {
    db.close();
  }
  await visit(page, "/sessions", testInfo);
  await expect(page).toHaveURL(/\/connexion$/);
  await expect(page.getByRole("button", { name: "Se connecter" })).toBeVisible();
});
