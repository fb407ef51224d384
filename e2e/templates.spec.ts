import { expect, test, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import { e2eDb, loginAs, sessionIdByTitle, visit } from "./helpers";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const TEMPLATES = [
  { name: "Session sans note", slug: "session-sans-note", grid: null },
  { name: "Session Initiateur", slug: "session-initiateur", grid: "INITIATEUR" },
  { name: "Session MF1", slug: "session-mf1", grid: "MF1" },
  { name: "Session Niveau 4", slug: "session-niveau-4", grid: "N4" },
  { name: "Session Anteor", slug: "session-anteor", grid: null },
] as const;

async function open(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

function text(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/** The values of the list a dropdown shows (`Listes!$A$2:$A$23`). */
function dropdown(workbook: ExcelJS.Workbook, sheet: string, address: string): string[] {
  const model = (
    workbook.getWorksheet(sheet) as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }
  ).dataValidations.model;
  const [, column, from, to] = /^Listes!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(model[address].formulae[0])!;
  const lists = workbook.getWorksheet("Listes")!;
  return Array.from({ length: Number(to) - Number(from) + 1 }, (_, i) =>
    text(lists.getCell(`${column}${Number(from) + i}`)),
  );
}

function marker(workbook: ExcelJS.Workbook): string {
  const [range] = workbook.definedNames.getRanges("SESSIONS_MODELE").ranges;
  const [sheet, address] = range.replace(/\$/g, "").split("!");
  return text(workbook.getWorksheet(sheet)!.getCell(address));
}

async function download(page: Page, linkName: string) {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: linkName, exact: true }).click(),
  ]);
  return { fileName: file.suggestedFilename(), workbook: await open(await readFile((await file.path())!)) };
}

test("each template downloads from the templates page and reads back", async ({ page }, testInfo) => {
  test.setTimeout(90_000); // five downloads, each read back
  await loginAs(page, testInfo, "club-a@test.fr");
  await visit(page, "/modeles", testInfo);
  await expect(page.getByRole("heading", { name: "Modèles Excel" })).toBeVisible();
  for (const template of TEMPLATES) {
    await expect(page.getByRole("link", { name: template.name, exact: true })).toHaveAttribute(
      "href",
      `/modeles/${template.slug}.xlsx`,
    );
    const { fileName, workbook } = await download(page, template.name);
    expect(fileName).toBe(`bordereau-${template.slug}-v1.xlsx`);
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
      ["Mode d'emploi", "visible"],
      ["Session", "visible"],
      ["Candidats", "visible"],
      ["Listes", "hidden"],
    ]);
    expect(marker(workbook)).toBe(
      `SESSIONS-BORDEREAU;modele=${template.slug};version=1${template.grid ? `;grille=${template.grid}:1` : ""}`,
    );
    const session = workbook.getWorksheet("Session")!;
    expect(["A4", "A5", "A6", "A7"].map((a) => text(session.getCell(a)))).toEqual([
      "Brevet passé",
      "Lieu",
      "Date de début",
      "Date de fin",
    ]);
    expect(dropdown(workbook, "Session", "A11")).toEqual(["Président de jury", "Délégué", "Membre du jury"]);
    const candidates = workbook.getWorksheet("Candidats")!;
    expect(["A1", "B1", "C1", "D1", "E1"].map((a) => text(candidates.getCell(a)))).toEqual([
      "Licence",
      "Nom",
      "Prénom",
      "Date de naissance",
      "Équivalence",
    ]);
    expect(candidates.getCell("A1").note).toBeTruthy();
    expect(dropdown(workbook, "Candidats", "E1001")).toContain("CMAS-2");
    if (template.grid) expect(text(candidates.getCell("F1"))).toMatch(/\(×\d+\)$/);
    else expect(text(candidates.getCell("F1"))).toBe("");
    await expect(page).toHaveURL(/\/modeles$/);
  }
});

test("the club's blank template offers the brevets without grid the club may organise", async ({ page }, testInfo) => {
  await loginAs(page, testInfo, "club-a@test.fr");
  await visit(page, "/modeles", testInfo);
  const { workbook } = await download(page, "Session sans note");
  const brevets = dropdown(workbook, "Session", "B4");
  expect(brevets).toContain("Plongeur Niveau 2");
  expect(brevets).toContain("Apnéiste niveau 1");
  expect(brevets).not.toContain("Initiateur (E1)");
  expect(brevets).not.toContain("Technicien en inspection visuelle");
  expect(brevets).not.toContain("Moniteur Nitrox confirmé");
});

test("a template needs a login, and an unknown one is a 404", async ({ page, request }, testInfo) => {
  const anonymous = await request.get("/modeles/session-mf1.xlsx", { maxRedirects: 0 });
  expect(anonymous.status()).toBe(302);
  expect(anonymous.headers().location).toContain("/connexion");
  await loginAs(page, testInfo, "club-a@test.fr");
  for (const path of ["/modeles/session-mf2.xlsx", "/modeles/session-mf1", "/modeles/session-mf1.xls"]) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }
  const response = await page.request.get("/modeles/session-niveau-4.xlsx");
  expect(response.headers()["content-type"]).toBe(XLSX);
  expect(response.headers()["content-disposition"]).toBe('attachment; filename="bordereau-session-niveau-4-v1.xlsx"');
});

test("a draft exports to Excel with its header, jury and candidates", async ({ page }, testInfo) => {
  const id = sessionIdByTitle("Tritons N2 printemps");
  const db = e2eDb();
  const [stored, jury] = (() => {
    try {
      return [
        db
          .prepare(
            `select l.licence, l.last_name, l.first_name, c.equivalence_code from session_candidates c
             join licensees l on l.id = c.licensee_id where c.session_id = ? order by l.licence`,
          )
          .all(id) as { licence: string; last_name: string; first_name: string; equivalence_code: string | null }[],
        db
          .prepare(
            `select l.licence, l.last_name, l.first_name, j.role from session_jury j
             join licensees l on l.id = j.licensee_id where j.session_id = ? order by l.licence`,
          )
          .all(id) as { licence: string; last_name: string; first_name: string; role: string }[],
      ];
    } finally {
      db.close();
    }
  })();
  expect(stored.map((c) => c.licence)).toEqual(expect.arrayContaining(["A-75-100001", "A-75-100002"]));

  await loginAs(page, testInfo, "club-a@test.fr");
  const response = await page.request.get(`/sessions/${id}/excel.xlsx`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe(XLSX);
  expect(response.headers()["content-disposition"]).toBe(
    `attachment; filename="session-${id}-tritons-n2-printemps.xlsx"`,
  );
  const workbook = await open(await response.body());

  expect(marker(workbook)).toMatch(
    new RegExp(`^SESSIONS-BORDEREAU;modele=session-sans-note;version=1;session=${id}:\\d+$`),
  );
  const session = workbook.getWorksheet("Session")!;
  expect(text(session.getCell("B4"))).toBe("Plongeur Niveau 2");
  expect(text(session.getCell("B5"))).toBe("Fosse de Villeneuve-la-Garenne");
  expect(text(session.getCell("B6"))).toBe("2026-05-16");
  expect(session.getCell("B6").numFmt).toBe("dd/mm/yyyy");

  const juryRows = [];
  for (let row = 11; text(session.getCell(`B${row}`)) !== ""; row++) {
    juryRows.push([
      text(session.getCell(`B${row}`)),
      text(session.getCell(`C${row}`)),
      text(session.getCell(`D${row}`)),
      text(session.getCell(`A${row}`)),
    ]);
  }
  const roleLabel = { president: "Président de jury", delegue: "Délégué", membre: "Membre du jury" } as Record<
    string,
    string
  >;
  expect(juryRows.sort()).toEqual(jury.map((j) => [j.licence, j.last_name, j.first_name, roleLabel[j.role]]).sort());
  expect(juryRows).toContainEqual(["A-75-100003", "Moreau", "Claire", "Président de jury"]);

  const candidates = workbook.getWorksheet("Candidats")!;
  const rows = [];
  for (let row = 2; text(candidates.getCell(`A${row}`)) !== ""; row++) {
    rows.push([
      text(candidates.getCell(`A${row}`)),
      text(candidates.getCell(`B${row}`)),
      text(candidates.getCell(`C${row}`)),
      text(candidates.getCell(`E${row}`)) || null,
    ]);
  }
  expect(rows.sort()).toEqual(stored.map((c) => [c.licence, c.last_name, c.first_name, c.equivalence_code]));
  expect(rows).toContainEqual(["A-75-100001", "Lefèvre", "Hélène", null]);
  expect(text(candidates.getCell("D2"))).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});

test("another club's session does not export", async ({ page }, testInfo) => {
  const id = sessionIdByTitle("Bastille N1 été");
  await loginAs(page, testInfo, "club-a@test.fr");
  expect((await page.request.get(`/sessions/${id}/excel.xlsx`)).status()).toBe(404);
});

test("a closed session exports as a copy for reference, for a lecteur too", async ({ page }, testInfo) => {
  const id = sessionIdByTitle("Tritons N1 hiver");
  await loginAs(page, testInfo, "lecteur-a@test.fr");
  const response = await page.request.get(`/sessions/${id}/excel.xlsx`);
  expect(response.status()).toBe(200);
  const workbook = await open(await response.body());
  expect(text(workbook.getWorksheet("Session")!.getCell("B4"))).toBe("Plongeur Niveau 1");
  const guide = workbook.getWorksheet("Mode d'emploi")!;
  expect(text(guide.getCell("A3"))).toContain("Elle est clôturée");
});
