import { expect, test } from "@playwright/test";
import { createDraftSession, loginAs, loginToPersonalSpace, sessionIdByTitle, usesJs, visit } from "./helpers";
import { authorise, createLicensee, fillSession } from "./fixtures";

const N4_PREREQUISITES = [
  { code: "N1", date: "2015-06-01" },
  { code: "N2", date: "2016-06-01" },
  { code: "RIFAP", date: "2016-07-01" },
  { code: "N3", date: "2018-06-01" },
];

test("after creating a session, the editor says what to do next; tabs count people; Vérifier leads until the checks pass", async ({
  page,
}, testInfo) => {
  const title = `Création avec message (${testInfo.project.name})`;
  await loginAs(page, testInfo, "club-a@test.fr");
  await page.getByRole("link", { name: "Créer une session" }).click();
  await expect(page.getByRole("heading", { name: "Créer une nouvelle session" })).toBeVisible();
  await page.getByLabel("Intitulé").fill(title);
  await page.getByLabel("Brevet").selectOption({ label: "Plongeur Niveau 2" });
  await page.getByLabel("Date de début").fill("2026-06-13");
  await page.getByRole("button", { name: "Sauvegarder" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Session créée : ajoutez maintenant les candidats.");
  const tabs = page.getByRole("navigation", { name: "Onglets de la session" });
  await expect(tabs.getByRole("link")).toHaveText(["Informations", "Participants (0)", "Jury (0)"]);
  // An empty session: « Vérifier » is the main action (filled), « Clôturer » the other.
  await expect(page.getByRole("link", { name: "Vérifier" })).toHaveClass(/bg-brand-700/);
  await expect(page.getByRole("link", { name: "Clôturer", exact: true })).not.toHaveClass(/bg-brand-700/);
  // The message is shown once.
  await visit(page, page.url(), testInfo);
  await expect(page.getByText("Session créée : ajoutez maintenant les candidats.")).toHaveCount(0);

  // A session whose checks pass: « Clôturer » becomes the main action.
  // Found by its title: the other specs add this club's sessions before it in date order.
  await visit(page, "/sessions?intitule=Tritons+N2+printemps", testInfo);
  await page.getByRole("link", { name: "Tritons N2 printemps" }).click();
  await expect(tabs.getByRole("link", { name: "Participants (2)" })).toBeVisible();
  await expect(tabs.getByRole("link", { name: "Jury (1)" })).toBeVisible();
});

test("the notes grid lists each invalid cell at the top, each line a link to the cell", async ({ page }, testInfo) => {
  const base = usesJs(testInfo) ? "A-19-61" : "A-19-62";
  const candidate = createLicensee({
    licence: `${base}0001`,
    lastName: "Dumas",
    firstName: "Aurélie",
    birthDate: "1990-01-01",
    brevets: N4_PREREQUISITES,
  });
  const president = createLicensee({
    licence: `${base}0009`,
    lastName: "Présidente",
    firstName: "Irène",
    birthDate: "1970-01-01",
    brevets: [...N4_PREREQUISITES, { code: "GP-N4", date: "2000-01-01" }, { code: "MF2", date: "2005-01-01" }],
  });
  authorise(president, "REGION-IDF/TECHNIQUE");
  const id = createDraftSession("REGION-IDF/TECHNIQUE", `Notes résumé ${testInfo.project.name}`, "GP-N4");
  fillSession(id, { candidates: [candidate], jury: [{ licenseeId: president, role: "president" }] });

  await loginAs(page, testInfo, "multi@test.fr");
  await visit(page, `/sessions/${id}/notes`, testInfo);
  const row = page.getByRole("row", { name: /Dumas Aurélie/ });
  await row.getByRole("textbox", { name: /^Mannequin/ }).fill("25");
  await row.getByRole("textbox").nth(1).fill("abc");
  if (usesJs(testInfo)) {
    // As typed: the total says the row is wrong instead of leaving 25 out.
    await expect(row).toContainText("Note invalide");
    await expect(page.getByText("2 notes invalides : corrigez-les avant d'enregistrer.")).toBeVisible();
  }
  await page.getByRole("button", { name: "Enregistrer les notes" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("2 notes invalides : rien n'a été enregistré.");
  const link = summary.getByRole("link", { name: "Dumas Aurélie — Mannequin : 25 n'est pas une note sur 20" });
  await expect(link).toBeVisible();
  const links = page.getByRole("link", { name: /^Dumas Aurélie — / });
  await expect(links).toHaveCount(2);
  await link.click();
  await expect(row.getByRole("textbox", { name: /^Mannequin/ })).toBeFocused();
  await links.nth(1).click();
  await expect(row.getByRole("textbox").nth(1)).toBeFocused();
});

test("an instructor finds the sessions whose jury they sit on in Mon espace, and /sessions leads there", async ({
  page,
}, testInfo) => {
  await loginToPersonalSpace(page, testInfo, "moniteur@test.fr");
  const juries = page.getByRole("region", { name: "Mes jurys" });
  const bastille = juries.getByRole("listitem").filter({ hasText: "Bastille N1 été" });
  await expect(bastille).toContainText("Président de jury");
  await expect(bastille).toContainText("Plongée Bastille");
  await expect(bastille).toContainText("En création");
  await visit(page, "/sessions", testInfo);
  await expect(page).toHaveURL(/\/mon-espace$/);
});

test("a licensee on no jury reads that Mes jurys is empty", async ({ page }, testInfo) => {
  await loginToPersonalSpace(page, testInfo, "plongeur@test.fr");
  await expect(page.getByRole("region", { name: "Mes jurys" })).toContainText(
    "Vous ne faites partie du jury d'aucune session.",
  );
});

test("the PV has « Imprimer » with JavaScript, and says how to print without", async ({ page }, testInfo) => {
  const id = sessionIdByTitle("Tritons N1 hiver");
  await loginAs(page, testInfo, "club-a@test.fr");
  await visit(page, `/sessions/${id}/pv`, testInfo);
  if (usesJs(testInfo)) {
    await page.evaluate(() => {
      (window as unknown as { printed: boolean }).printed = false;
      window.print = () => {
        (window as unknown as { printed: boolean }).printed = true;
      };
    });
    await page.getByRole("button", { name: "Imprimer" }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: boolean }).printed)).toBe(true);
  } else {
    await expect(page.getByRole("button", { name: "Imprimer" })).toHaveCount(0);
    await expect(page.getByText("Pour imprimer : commande Imprimer du navigateur")).toBeVisible();
  }
});

test("the templates page gives each file's format and size, the scope's own templates first", async ({
  page,
}, testInfo) => {
  await loginAs(page, testInfo, "club-a@test.fr");
  await visit(page, "/modeles", testInfo);
  const items = page.getByRole("main").getByRole("listitem");
  await expect(items.first()).toContainText("Session sans note");
  await expect(items.first()).toContainText(/Excel \(\.xlsx\) · \d+ Ko/);
  await expect(items.last()).toContainText("Aucun brevet que votre portée peut organiser n'utilise ce modèle.");
});

test("the list's export is named after its filters", async ({ page }, testInfo) => {
  await loginAs(page, testInfo, "club-a@test.fr");
  await visit(page, "/sessions?brevet=N2&statut=en_creation", testInfo);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Exporter" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^sessions-N2-en-creation-\d{4}-\d{2}-\d{2}\.xlsx$/);
});
