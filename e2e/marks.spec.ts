import { expect, test, type Locator } from "@playwright/test";
import { createDraftSession, loginAs, usesJs, visit } from "./helpers";
import { authorise, createLicensee, fillSession } from "./fixtures";

const N4_PREREQUISITES = [
  { code: "N1", date: "2015-06-01" },
  { code: "N2", date: "2016-06-01" },
  { code: "RIFAP", date: "2016-07-01" },
  { code: "N3", date: "2018-06-01" },
];

/** Fills a Niveau 4 row: 15 marked tests in grid order (groups 1, 2A, 2B, then 3), and the 500 m capelé. */
async function fillRow(row: Locator, marks: number[], capele: "Fait" | "Non fait") {
  const inputs = row.getByRole("textbox");
  await expect(inputs).toHaveCount(15);
  for (let i = 0; i < marks.length; i++) await inputs.nth(i).fill(String(marks[i]).replace(".", ","));
  await row.getByRole("combobox").selectOption(capele);
}

test("Niveau 4 marks decide who is awarded the brevet at closing", async ({ page }, testInfo) => {
  const base = testInfo.project.name === "js" ? 400 : 500;
  const licence = (n: number) => `A-75-${base}${String(n).padStart(3, "0")}`;
  const admitted = createLicensee({ licence: licence(1), lastName: "Admise", firstName: "Alice", birthDate: "1990-01-01", brevets: N4_PREREQUISITES });
  const eliminated = createLicensee({ licence: licence(2), lastName: "Éliminé", firstName: "Bruno", birthDate: "1990-01-01", brevets: N4_PREREQUISITES });
  const groupFail = createLicensee({ licence: licence(3), lastName: "Groupe", firstName: "Chloé", birthDate: "1990-01-01", brevets: N4_PREREQUISITES });
  const president = createLicensee({
    licence: licence(9), lastName: "Présidente", firstName: "Diane", birthDate: "1970-01-01",
    brevets: [...N4_PREREQUISITES, { code: "GP-N4", date: "2000-01-01" }, { code: "MF1", date: "2002-01-01" }, { code: "MF2", date: "2005-01-01" }],
  });
  authorise(president, "REGION-IDF/TECHNIQUE");
  const id = createDraftSession("REGION-IDF/TECHNIQUE", `Niveau 4 notes ${testInfo.project.name}`, "GP-N4");
  fillSession(id, { candidates: [admitted, eliminated, groupFail], jury: [{ licenseeId: president, role: "president" }] });

  await loginAs(page, testInfo, "multi@test.fr");
  await visit(page, `/sessions/${id}/notes`, testInfo);
  const row = (name: string) => page.getByRole("row", { name: new RegExp(name) });
  // Closing with marks missing is refused.
  await visit(page, `/sessions/${id}/verification`, testInfo);
  await expect(page.getByRole("listitem", { name: "Admise Alice" })).toContainText("Notes incomplètes pour ce candidat");
  await visit(page, `/sessions/${id}/notes`, testInfo);

  await fillRow(row("Admise Alice"), Array(15).fill(12), "Fait");
  await fillRow(row("Éliminé Bruno"), [4, ...Array(14).fill(14)], "Fait");
  // Groups 1, 2A and 2B (10 tests) at 14, group 3 (5 tests) at 9: 117/260, under its 130.
  await fillRow(row("Groupe Chloé"), [...Array(10).fill(14), ...Array(5).fill(9)], "Fait");
  if (usesJs(testInfo)) {
    // The totals and the result follow the marks as they are typed.
    await expect(row("Admise Alice")).toContainText("Admis");
    await expect(row("Éliminé Bruno")).toContainText("Note éliminatoire en Mannequin : 4/20");
  }
  await page.getByRole("button", { name: "Enregistrer les notes" }).click();
  await expect(page.getByText(/Notes enregistrées \(\d+\)\./)).toBeVisible();
  await expect(row("Admise Alice")).toContainText("384");
  await expect(row("Admise Alice")).toContainText("Admis");
  await expect(row("Éliminé Bruno")).toContainText("Ajourné");
  await expect(row("Éliminé Bruno")).toContainText("Note éliminatoire en Mannequin : 4/20");
  await expect(row("Groupe Chloé")).toContainText("Moyenne du groupe 3 insuffisante : 117/260");

  // An invalid mark is shown in its cell, and nothing is saved.
  await row("Admise Alice").getByRole("textbox").first().fill("21");
  await page.getByRole("button", { name: "Enregistrer les notes" }).click();
  await expect(page.getByText("Note invalide « 21 » : une note va de 0 à 20, ou NP / NF")).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("rien n'a été enregistré");
  await visit(page, `/sessions/${id}/notes`, testInfo);
  await expect(row("Admise Alice").getByRole("textbox").first()).toHaveValue("12");

  await page.getByRole("link", { name: "Clôturer", exact: true }).click();
  await expect(page.getByRole("listitem", { name: "Admise Alice" })).toContainText("Recevra le brevet GP-N4.");
  await expect(page.getByRole("listitem", { name: "Éliminé Bruno" })).toContainText("Ne recevra pas le brevet");
  await page.getByRole("button", { name: "Confirmer la clôture" }).click();
  await expect(page.getByText("Session clôturée : 1 brevet attribué.")).toBeVisible();
  const awards = page.getByRole("region", { name: /Brevets attribués/ });
  await expect(awards).toContainText("Admise Alice");
  await expect(awards).not.toContainText("Éliminé");
  await page.getByRole("link", { name: "Participants" }).click();
  await expect(page.getByRole("row", { name: /Éliminé Bruno/ })).toContainText("Ajourné");
  await expect(page.getByRole("row", { name: /Groupe Chloé/ })).toContainText("Moyenne du groupe 3 insuffisante : 117/260");
});
