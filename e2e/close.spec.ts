import { expect, test } from "@playwright/test";
import { createDraftSession, loginAs, visit, withToken } from "./helpers";
import { createLicensee, fillSession, licenseeIdOf, query } from "./fixtures";

/** Licence numbers of one project's people, so that the js and no-js runs never share anybody. */
function numbering(project: string) {
  const base = project === "js" ? 200 : 300;
  return (n: number) => `A-75-${base}${String(n).padStart(3, "0")}`;
}

test("closing checks every person, shows the errors beside their names, then awards the brevet", async ({
  page,
}, testInfo) => {
  const licence = numbering(testInfo.project.name);
  const n1 = [{ code: "N1", date: "2020-06-01" }];
  const lea = createLicensee({
    licence: licence(1),
    lastName: "Roux",
    firstName: "Léa",
    birthDate: "1995-02-03",
    brevets: n1,
  });
  const hugo = createLicensee({
    licence: licence(2),
    lastName: "Fontaine",
    firstName: "Hugo",
    birthDate: "1999-09-09",
    brevets: n1,
  });
  const lucas = createLicensee({
    licence: licence(3),
    lastName: "Garnier",
    firstName: "Lucas",
    birthDate: "2001-04-04",
  });
  const title = `N2 à clôturer ${testInfo.project.name}`;
  const id = createDraftSession("0750001", title);
  // Marc Petit is an MF1 who authorised only his own club (0750002), not club A.
  fillSession(id, {
    candidates: [lea, hugo, lucas],
    jury: [{ licenseeId: licenseeIdOf("A-75-100005"), role: "president" }],
  });

  await loginAs(page, testInfo, "club-a@test.fr");
  await visit(page, `/sessions/${id}`, testInfo);
  await page.getByRole("link", { name: "Vérifier" }).click();
  const report = page.getByTestId("rapport-cloture");
  await expect(report.getByRole("listitem", { name: "Garnier Lucas" })).toContainText(
    "Le licencié n'a pas les brevets requis",
  );
  await expect(report.getByRole("listitem", { name: "Petit Marc" })).toContainText(
    "Le moniteur n'a pas donné son autorisation à la structure",
  );
  await expect(report.getByRole("listitem", { name: "Roux Léa" })).toContainText("Recevra le brevet N2.");
  await expect(report.getByRole("listitem", { name: "Roux Léa" })).not.toContainText("brevets requis");

  await page.getByRole("link", { name: "Clôturer", exact: true }).click();
  await expect(page.getByText("La session ne peut pas être clôturée : corrigez les erreurs ci-dessous.")).toBeVisible();
  await expect(report.getByRole("listitem", { name: "Garnier Lucas" })).toContainText(
    "Le licencié n'a pas les brevets requis",
  );
  await expect(report.getByRole("listitem", { name: "Petit Marc" })).toContainText(
    "Le moniteur n'a pas donné son autorisation à la structure",
  );
  await expect(page.getByRole("button", { name: "Confirmer la clôture" })).toHaveCount(0);
  await visit(page, `/sessions/${id}`, testInfo);
  await expect(page.getByText("En création", { exact: true })).toBeVisible();

  // Fix the jury, remove the candidate lacking prerequisites.
  await page.getByRole("link", { name: "Jury" }).click();
  await page.getByRole("button", { name: "Retirer Petit Marc" }).click();
  await expect(page.getByText("Marc Petit a été retiré du jury.")).toBeVisible();
  await page.getByRole("link", { name: "Ajouter des membres du jury" }).click();
  await page.getByLabel("Rechercher un licencié").fill("moreau claire");
  await page.getByRole("button", { name: "Rechercher", exact: true }).click();
  await page.getByRole("checkbox", { name: /Moreau Claire/ }).check();
  await page.getByRole("button", { name: "Ajouter au jury" }).click();
  await expect(page.getByText("1 membre du jury ajouté : Claire Moreau.")).toBeVisible();
  await page.getByRole("link", { name: "Participants" }).click();
  await page.getByRole("button", { name: "Retirer Garnier Lucas" }).click();
  await expect(page.getByText("Lucas Garnier a été retiré de la session.")).toBeVisible();

  await page.getByRole("link", { name: "Clôturer", exact: true }).click();
  await expect(
    page.getByText("Aucune erreur : la session peut être clôturée. 2 candidats recevront le brevet Plongeur Niveau 2."),
  ).toBeVisible();
  await page.getByRole("button", { name: "Confirmer la clôture" }).click();
  await expect(page.getByText("Session clôturée : 2 brevets attribués.")).toBeVisible();
  await expect(page.getByText("Clôturée", { exact: true })).toBeVisible();
  const awards = page.getByRole("region", { name: /Brevets attribués/ });
  await expect(awards).toContainText("Roux Léa");
  await expect(awards).toContainText(/N2-2026-\d{6}/);
  // Read only: no edit control anywhere.
  await expect(page.getByRole("link", { name: "Clôturer", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Sauvegarder" })).toHaveCount(0);
  await page.getByRole("link", { name: "Participants" }).click();
  await expect(page.getByRole("button", { name: /Retirer/ })).toHaveCount(0);

  // The laureate's record shows the brevet, its number and the session.
  await visit(page, `/licencies/${licence(1)}`, testInfo);
  const brevets = page.getByRole("region", { name: "Brevets" });
  await expect(brevets).toContainText("Plongeur Niveau 2 (N2)");
  await expect(brevets).toContainText(/N2-2026-\d{6}/);
  await expect(brevets.getByRole("link", { name: title })).toBeVisible();

  // The PV.
  await visit(page, `/sessions/${id}/pv`, testInfo);
  await expect(page.getByRole("heading", { name: "Procès-verbal d'examen" })).toBeVisible();
  await expect(page.getByText("Fontaine Hugo")).toBeVisible();
  await expect(page.getByText("Président de jury").first()).toBeVisible();
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.byteLength).toBeGreaterThan(1000);

  // Closing again is refused, and changes nothing.
  const again = await page.request.post(`/sessions/${id}/cloture`, { form: await withToken(page, {}) });
  expect(again.status()).toBe(409);
  expect(await again.text()).toContain("Cette session est clôturée : elle ne peut plus être modifiée.");
});

test("two simultaneous close requests award each brevet once", async ({ page }, testInfo) => {
  const licence = numbering(testInfo.project.name);
  const n1 = [{ code: "N1", date: "2020-06-01" }];
  const a = createLicensee({
    licence: licence(11),
    lastName: "Blanc",
    firstName: "Jules",
    birthDate: "1990-01-01",
    brevets: n1,
  });
  const b = createLicensee({
    licence: licence(12),
    lastName: "Noir",
    firstName: "Emma",
    birthDate: "1991-01-01",
    brevets: n1,
  });
  const id = createDraftSession("0750001", `Course ${testInfo.project.name}`);
  fillSession(id, { candidates: [a, b], jury: [{ licenseeId: licenseeIdOf("A-75-100003"), role: "president" }] });
  await loginAs(page, testInfo, "club-a@test.fr");
  const [first, second] = await Promise.all([
    page.request.post(`/sessions/${id}/cloture`, { form: await withToken(page, {}), maxRedirects: 0 }),
    page.request.post(`/sessions/${id}/cloture`, { form: await withToken(page, {}), maxRedirects: 0 }),
  ]);
  expect([first.status(), second.status()].sort()).toEqual([302, 409]);
  const awarded = query<{ n: number }>("select count(*) as n from certifications_held where session_id = ?", id);
  expect(awarded[0].n).toBe(2);
});

test("the session-level rules are reported", async ({ page }, testInfo) => {
  const id = createDraftSession("0750001", `Vide ${testInfo.project.name}`);
  await loginAs(page, testInfo, "club-a@test.fr");
  await visit(page, `/sessions/${id}/verification`, testInfo);
  const session = page.getByRole("region", { name: "Session" });
  await expect(session).toContainText("La session ne comporte aucun candidat");
  await expect(session).toContainText("Au moins un président de jury ou un délégué est obligatoire");
});
