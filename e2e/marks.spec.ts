import { expect, test, type Locator } from "@playwright/test";
import { createDraftSession, e2eDb, loginAs, usesJs, visit } from "./helpers";
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
  const admitted = createLicensee({
    licence: licence(1),
    lastName: "Admise",
    firstName: "Alice",
    birthDate: "1990-01-01",
    brevets: N4_PREREQUISITES,
  });
  const eliminated = createLicensee({
    licence: licence(2),
    lastName: "Éliminé",
    firstName: "Bruno",
    birthDate: "1990-01-01",
    brevets: N4_PREREQUISITES,
  });
  const groupFail = createLicensee({
    licence: licence(3),
    lastName: "Groupe",
    firstName: "Chloé",
    birthDate: "1990-01-01",
    brevets: N4_PREREQUISITES,
  });
  const president = createLicensee({
    licence: licence(9),
    lastName: "Présidente",
    firstName: "Diane",
    birthDate: "1970-01-01",
    brevets: [
      ...N4_PREREQUISITES,
      { code: "GP-N4", date: "2000-01-01" },
      { code: "MF1", date: "2002-01-01" },
      { code: "MF2", date: "2005-01-01" },
    ],
  });
  authorise(president, "REGION-IDF/TECHNIQUE");
  const id = createDraftSession("REGION-IDF/TECHNIQUE", `Niveau 4 notes ${testInfo.project.name}`, "GP-N4");
  fillSession(id, {
    candidates: [admitted, eliminated, groupFail],
    jury: [{ licenseeId: president, role: "president" }],
  });

  await loginAs(page, testInfo, "multi@test.fr");
  await visit(page, `/sessions/${id}/notes`, testInfo);
  const row = (name: string) => page.getByRole("row", { name: new RegExp(name) });
  // Closing with marks missing is refused.
  await visit(page, `/sessions/${id}/verification`, testInfo);
  await expect(page.getByRole("listitem", { name: "Admise Alice" })).toContainText(
    "Notes incomplètes pour ce candidat",
  );
  await visit(page, `/sessions/${id}/notes`, testInfo);

  await fillRow(row("Admise Alice"), Array(15).fill(12), "Fait");
  await fillRow(row("Éliminé Bruno"), [4, ...Array(14).fill(14)], "Fait");
  // Groups 1, 2A and 2B (10 tests) at 14, group 3 (5 tests) at 9: 117/260, under its 130.
  await fillRow(row("Groupe Chloé"), [...Array(10).fill(14), ...Array(5).fill(9)], "Fait");
  if (usesJs(testInfo)) {
    // Enter moves down the column.
    await row("Admise Alice").getByRole("textbox").nth(2).press("Enter");
    await expect(row("Éliminé Bruno").getByRole("textbox").nth(2)).toBeFocused();
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
  await expect(page.getByRole("row", { name: /Groupe Chloé/ })).toContainText(
    "Moyenne du groupe 3 insuffisante : 117/260",
  );
  await page.getByRole("link", { name: "Informations" }).click();
  await expect(page.getByRole("region", { name: "Historique" })).toContainText("Notes enregistrées");
});

test("a GP-N4 part kept from an earlier session is not sat again", async ({ page }, testInfo) => {
  const base = testInfo.project.name === "js" ? 600 : 700;
  const licence = (n: number) => `A-75-${base}${String(n).padStart(3, "0")}`;
  const candidate = createLicensee({
    licence: licence(1),
    lastName: "Repasse",
    firstName: "Romane",
    birthDate: "1992-01-01",
    brevets: N4_PREREQUISITES,
  });
  const president = createLicensee({
    licence: licence(9),
    lastName: "Jury",
    firstName: "Paul",
    birthDate: "1970-01-01",
    brevets: [
      ...N4_PREREQUISITES,
      { code: "GP-N4", date: "2000-01-01" },
      { code: "MF1", date: "2002-01-01" },
      { code: "MF2", date: "2005-01-01" },
    ],
  });
  authorise(president, "REGION-IDF/TECHNIQUE");
  // An earlier session, closed: groups 1 and 2 at 14, group 3 at 9 (117/260): ajourné, groups 1+2 kept.
  const earlier = createDraftSession("REGION-IDF/TECHNIQUE", `Niveau 4 printemps ${testInfo.project.name}`, "GP-N4");
  fillSession(earlier, { candidates: [candidate], jury: [{ licenseeId: president, role: "president" }] });
  const db = e2eDb();
  try {
    db.prepare("update exam_sessions set start_date = '2026-04-11' where id = ?").run(earlier);
    const row = db.prepare("select id from session_candidates where session_id = ?").get(earlier) as { id: number };
    const tests = db
      .prepare(
        "select t.id, t.code, t.kind from grid_tests t join exam_sessions s on s.grid_id = t.grid_id where s.id = ? order by t.sort_order",
      )
      .all(earlier) as { id: number; code: string; kind: string }[];
    const group3 = new Set([
      "decompression",
      "anatomie-physiologie",
      "aspects-theoriques",
      "materiel",
      "reglementation",
    ]);
    for (const test of tests) {
      if (test.kind === "done")
        db.prepare("insert into marks (candidate_id, test_id, code) values (?, ?, 'FAIT')").run(row.id, test.id);
      else
        db.prepare("insert into marks (candidate_id, test_id, value) values (?, ?, ?)").run(
          row.id,
          test.id,
          group3.has(test.code) ? 9 : 14,
        );
    }
    db.prepare("update session_candidates set result = 'ajourne' where id = ?").run(row.id);
    db.prepare("update exam_sessions set status = 'closed', closed_at = ? where id = ?").run(
      new Date().toISOString(),
      earlier,
    );
  } finally {
    db.close();
  }

  const later = createDraftSession("REGION-IDF/TECHNIQUE", `Niveau 4 rattrapage ${testInfo.project.name}`, "GP-N4");
  fillSession(later, { candidates: [candidate], jury: [{ licenseeId: president, role: "president" }] });
  await loginAs(page, testInfo, "multi@test.fr");
  await visit(page, `/sessions/${later}/notes`, testInfo);
  const row = page.getByRole("row", { name: /Repasse Romane/ });
  await expect(row).toContainText("groupes 1 et 2 acquis jusqu'au 11/01/2027");
  // Only group 3 is marked.
  const inputs = row.getByRole("textbox");
  await expect(inputs).toHaveCount(5);
  for (let i = 0; i < 5; i++) await inputs.nth(i).fill("11");
  await page.getByRole("button", { name: "Enregistrer les notes" }).click();
  await expect(page.getByText(/Notes enregistrées \(5\)\./)).toBeVisible();
  await expect(row).toContainText("Admis");
  await page.getByRole("link", { name: "Clôturer", exact: true }).click();
  await expect(page.getByRole("listitem", { name: "Repasse Romane" })).toContainText("Recevra le brevet GP-N4.");
});
