import { expect, test, type Page, type TestInfo } from "@playwright/test";
import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import {
  listQuery,
  listedTitles,
  loginAs,
  openLinkElsewhere,
  seedSessionsOnce,
  usesJs,
  visit,
  type SeededSession,
} from "./helpers";

// Three clubs of their own (e2e/world.json), so that what other specs create never shifts these lists:
// Montmartre holds a handful of sessions to filter, Belleville 120 to page through, Butte-aux-Cailles none.
const MONTMARTRE = { code: "0750003", name: "Club de plongée de Montmartre", user: "club-c@test.fr" };
const BELLEVILLE = { code: "0750004", user: "club-d@test.fr" };
const EMPTY_CLUB_USER = "club-e@test.fr";

const ECOLE = "École de plongée – N1 printemps";
const ETE = "Montmartre N1 été";
const STAGE = "Stage N3 Porquerolles";
const JUIN = "N2 de juin";
const RIFAP = "RIFAP d'automne";
const FORMULA = '=HYPERLINK("x")';

// All in 2025, older than every session of the other specs, so the administrator's first page keeps theirs.
const MONTMARTRE_SESSIONS: SeededSession[] = [
  { title: ECOLE, certification: "N1", place: "Piscine Hébert, Paris", start: "2025-03-15", candidates: 4 },
  {
    title: ETE,
    certification: "N1",
    place: "Fosse Nemo 33, Bruxelles",
    start: "2025-07-05",
    status: "closed",
    candidates: 6,
  },
  {
    title: STAGE,
    certification: "N3",
    place: "Porquerolles – Plage d'Argent",
    start: "2025-05-30",
    end: "2025-06-02",
    candidates: 3,
    updatedAt: "2025-05-01T10:00:00.000Z",
  },
  {
    title: JUIN,
    certification: "N2",
    place: "Fosse de Conflans",
    start: "2025-06-14",
    status: "closed",
    candidates: 2,
  },
  { title: RIFAP, certification: "RIFAP", place: "Piscine Hébert, Paris", start: "2025-10-04", candidates: 8 },
  { title: FORMULA, certification: "N2", place: "Piscine Hébert, Paris", start: "2025-02-01", candidates: 0 },
];
const BY_DATE_DESC = [RIFAP, ETE, JUIN, STAGE, ECOLE, FORMULA];
const BY_TITLE_ASC = [FORMULA, ECOLE, ETE, JUIN, RIFAP, STAGE];
const BY_BREVET_ASC = [ETE, ECOLE, JUIN, FORMULA, STAGE, RIFAP];
const BY_BREVET_DESC = [RIFAP, STAGE, JUIN, FORMULA, ETE, ECOLE];

/** `Série 001` … `Série 120`, one a day from 1 January 2024; every third one closed. */
const serie = (n: number) => `Série ${String(n).padStart(3, "0")}`;
const BELLEVILLE_SESSIONS: SeededSession[] = Array.from({ length: 120 }, (_, i) => {
  const n = i + 1;
  const start = new Date(Date.UTC(2024, 0, n)).toISOString().slice(0, 10);
  return {
    title: serie(n),
    certification: n % 2 ? "N1" : "N2",
    place: "Piscine de Belleville",
    start,
    status: n % 3 === 0 ? "closed" : "draft",
    candidates: n % 7,
  };
});
/** Session numbers from `from` down to `to`, optionally only some of them. */
function series(from: number, to: number, keep: (n: number) => boolean = () => true): string[] {
  const titles: string[] = [];
  for (let n = from; n >= to; n--) if (keep(n)) titles.push(serie(n));
  return titles;
}

/** More sessions sharing a word than the administrator's federation-wide text search counts (1 000), all in 2023. */
const GRANDS_FONDS = "0750006";
const CAPUCHON_SESSIONS: SeededSession[] = Array.from({ length: 1020 }, (_, i) => ({
  title: `Capuchon ${String(i + 1).padStart(4, "0")}`,
  certification: "N1",
  place: "Fosse des Grands Fonds",
  start: new Date(Date.UTC(2023, 0, 1 + (i % 360))).toISOString().slice(0, 10),
  status: "closed",
}));

const OTHER_SCOPES = ["Tritons N2 printemps", "Tritons N1 hiver", "Bastille N1 été", "CTR Niveau 4 automne"];

test.beforeAll(() => {
  seedSessionsOnce(MONTMARTRE.code, MONTMARTRE_SESSIONS);
  seedSessionsOnce(BELLEVILLE.code, BELLEVILLE_SESSIONS);
  seedSessionsOnce(GRANDS_FONDS, CAPUCHON_SESSIONS);
});

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

/** With JavaScript the list follows the fields by itself; without, the user presses "Filtrer". */
async function applyFilters(page: Page, testInfo: TestInfo) {
  if (!usesJs(testInfo)) await page.getByRole("button", { name: "Filtrer" }).click();
}

async function exportList(page: Page) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Exporter" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^sessions-([\w-]+-)?\d{4}-\d{2}-\d{2}\.xlsx$/);
  return readWorkbook(await readFile(await download.path()));
}

const HEADERS = [
  "Intitulé",
  "Brevet",
  "Nom du brevet",
  "Organisateur",
  "Lieu",
  "Date de début",
  "Date de fin",
  "Candidats",
  "Statut",
  "Dernière modification",
];

/** The export's data rows, keyed by header, and the worksheet to look at single cells. */
async function readWorkbook(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  // exceljs's typings predate the generic Buffer of recent @types/node.
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet("Sessions");
  if (!sheet) throw new Error("No worksheet named Sessions");
  const headers = HEADERS.map((_, i) => sheet.getRow(1).getCell(i + 1).value);
  expect(headers).toEqual(HEADERS);
  const rows: Array<Record<string, ExcelJS.CellValue>> = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(Object.fromEntries(HEADERS.map((h, i) => [h, row.getCell(i + 1).value])));
  }
  return { sheet, rows };
}

const utcDay = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

test.describe("filters", () => {
  test.beforeEach(async ({ page }, testInfo) => {
    await loginAs(page, testInfo, MONTMARTRE.user);
    await expect(listedTitles(page)).toHaveText(BY_DATE_DESC);
  });

  test("each row shows its columns", async ({ page }) => {
    await expect(page.getByTestId("total")).toHaveText("6 sessions");
    const row = page.getByRole("row", { name: new RegExp(STAGE) });
    await expect(row.getByRole("cell")).toHaveText([
      STAGE,
      "N3",
      MONTMARTRE.name,
      "Porquerolles – Plage d'Argent",
      "du 30/05/2025 au 02/06/2025",
      "3",
      "En création",
      "01/05/2025 à 12:00",
    ]);
    await expect(
      page
        .getByRole("row", { name: new RegExp(ETE) })
        .getByRole("cell")
        .nth(6),
    ).toHaveText("Clôturée");
    await row.getByRole("link", { name: STAGE }).click();
    await expect(page.getByRole("heading", { name: STAGE })).toBeVisible();
  });

  test("a session's title opens it, in a new tab when asked; with JavaScript without reloading the page", async ({
    page,
    context,
  }, testInfo) => {
    // Ctrl+click is the browser's: a new tab, the list stays where it is.
    const [tab] = await Promise.all([
      context.waitForEvent("page"),
      page.getByRole("link", { name: STAGE }).click({ modifiers: ["ControlOrMeta"] }),
    ]);
    await tab.waitForLoadState();
    await expect(tab.getByRole("heading", { name: STAGE })).toBeVisible();
    await tab.close();
    await expect(listedTitles(page)).toHaveText(BY_DATE_DESC);
    // A plain click opens the session; with JavaScript in the same document (no page load).
    // Without it the title is a plain link: the browser loads the page.
    const marker = () => page.locator("html").evaluate((html) => html.dataset.sameDocument ?? "no");
    await page.locator("html").evaluate((html) => (html.dataset.sameDocument = "yes"));
    await page.getByRole("link", { name: STAGE }).click();
    await expect(page.getByRole("heading", { name: STAGE })).toBeVisible();
    expect(page.url()).toMatch(/\/sessions\/\d+$/);
    expect(await marker()).toBe(usesJs(testInfo) ? "yes" : "no");
    await page.goBack();
    await expect(listedTitles(page)).toHaveText(BY_DATE_DESC);
  });

  test("works before any script has loaded: filters, sort and a session's link as plain HTML", async ({
    page,
  }, testInfo) => {
    // The page's HTML without its scripts (a slow connection before they arrive, a proxy that
    // drops them): with JavaScript on, nothing hydrates the page, and everything still works.
    let blocked = 0;
    await page.route(/\/build\/.*\.js$/, (route) => {
      blocked++;
      return route.abort();
    });
    await page.goto("/sessions");
    await expect(listedTitles(page)).toHaveText(BY_DATE_DESC);

    await field(page, "Lieu").fill("HEBERT");
    await page.getByRole("button", { name: "Filtrer" }).click();
    await expect(listedTitles(page)).toHaveText([RIFAP, ECOLE, FORMULA]);
    await expect.poll(() => listQuery(page)).toMatchObject({ lieu: "HEBERT" });

    await page.getByRole("columnheader", { name: "Intitulé", exact: true }).getByRole("link").click();
    await expect(listedTitles(page)).toHaveText([FORMULA, ECOLE, RIFAP]);
    await expect.poll(() => listQuery(page)).toMatchObject({ lieu: "HEBERT", tri: "intitule_asc" });

    await page.getByRole("link", { name: ECOLE }).click();
    await expect(page.getByRole("heading", { name: ECOLE })).toBeVisible();
    expect(page.url()).toMatch(/\/sessions\/\d+$/);

    await expect(page.locator("html[data-hydrated]")).toHaveCount(0);
    // Without JavaScript the browser does not even ask for them.
    if (usesJs(testInfo)) expect(blocked).toBeGreaterThan(0);
  });

  test("Intitulé: contains, whatever the case and accents", async ({ page }, testInfo) => {
    await field(page, "Intitulé").fill("ecole");
    await applyFilters(page, testInfo);
    await expect(listedTitles(page)).toHaveText([ECOLE]);
    await expect.poll(() => listQuery(page)).toMatchObject({ intitule: "ecole" });
    // With JavaScript the URL holds only what is set, as short as the sort and page links.
    if (usesJs(testInfo)) expect(listQuery(page)).toEqual({ intitule: "ecole" });
    await expect(page.getByTestId("total")).toHaveText("1 session");

    await field(page, "Intitulé").fill("N1 ÉTÉ");
    await applyFilters(page, testInfo);
    await expect(listedTitles(page)).toHaveText([ETE]);
    await expect.poll(() => listQuery(page)).toMatchObject({ intitule: "N1 ÉTÉ" });

    // LIKE's wildcards are plain characters here.
    for (const wildcard of ["%", "_"]) {
      await field(page, "Intitulé").fill(wildcard);
      await applyFilters(page, testInfo);
      await expect(page.getByText("Aucune session ne correspond à ces filtres.")).toBeVisible();
    }
  });

  test("Lieu: contains, whatever the case and accents", async ({ page }, testInfo) => {
    await field(page, "Lieu").fill("HEBERT");
    await applyFilters(page, testInfo);
    await expect(listedTitles(page)).toHaveText([RIFAP, ECOLE, FORMULA]);
    await expect.poll(() => listQuery(page)).toMatchObject({ lieu: "HEBERT" });
  });

  test("Du and Au: a session matches when its days overlap the range", async ({ page }, testInfo) => {
    // The Porquerolles course runs from 30 May to 2 June: it overlaps both sides of 1 June.
    await field(page, "Du").fill("2025-06-01");
    await applyFilters(page, testInfo);
    await expect(listedTitles(page)).toHaveText([RIFAP, ETE, JUIN, STAGE]);
    await expect.poll(() => listQuery(page)).toMatchObject({ du: "2025-06-01" });

    await field(page, "Du").fill("");
    await field(page, "Au").fill("2025-05-31");
    await applyFilters(page, testInfo);
    await expect(listedTitles(page)).toHaveText([STAGE, ECOLE, FORMULA]);
    await expect.poll(() => listQuery(page)).toMatchObject({ au: "2025-05-31" });
    expect(listQuery(page).du ?? "").toBe("");

    // Both bounds; the June session starts on the last day of the range.
    await field(page, "Du").fill("2025-06-01");
    await field(page, "Au").fill("2025-06-14");
    await applyFilters(page, testInfo);
    await expect(listedTitles(page)).toHaveText([JUIN, STAGE]);
    await expect.poll(() => listQuery(page)).toMatchObject({ du: "2025-06-01", au: "2025-06-14" });
  });

  test("Brevet", async ({ page }, testInfo) => {
    await field(page, "Brevet").selectOption("N1");
    await applyFilters(page, testInfo);
    await expect(listedTitles(page)).toHaveText([ETE, ECOLE]);
    await expect.poll(() => listQuery(page)).toMatchObject({ brevet: "N1" });
  });

  test("Statut", async ({ page }, testInfo) => {
    await field(page, "Statut").selectOption("cloturee");
    await applyFilters(page, testInfo);
    await expect(listedTitles(page)).toHaveText([ETE, JUIN]);
    await expect.poll(() => listQuery(page)).toMatchObject({ statut: "cloturee" });
    await expect(page.getByRole("table").locator("tbody tr td:nth-child(7)")).toHaveText(["Clôturée", "Clôturée"]);

    await field(page, "Statut").selectOption("en_creation");
    await applyFilters(page, testInfo);
    await expect(listedTitles(page)).toHaveText([RIFAP, STAGE, ECOLE, FORMULA]);
    await expect.poll(() => listQuery(page)).toMatchObject({ statut: "en_creation" });
  });

  test("filters combine", async ({ page }, testInfo) => {
    await field(page, "Lieu").fill("piscine");
    await field(page, "Du").fill("2025-03-01");
    await field(page, "Statut").selectOption("en_creation");
    await applyFilters(page, testInfo);
    await expect(listedTitles(page)).toHaveText([RIFAP, ECOLE]);
    await expect
      .poll(() => listQuery(page))
      .toMatchObject({ lieu: "piscine", du: "2025-03-01", statut: "en_creation" });

    await field(page, "Brevet").selectOption("N1");
    await applyFilters(page, testInfo);
    await expect(listedTitles(page)).toHaveText([ECOLE]);
    await expect
      .poll(() => listQuery(page))
      .toMatchObject({ lieu: "piscine", du: "2025-03-01", statut: "en_creation", brevet: "N1" });
  });

  test("sorts by date, intitulé and brevet, both ways", async ({ page }, testInfo) => {
    const header = (name: string) => page.getByRole("columnheader", { name, exact: true });
    const sortBy = (name: string) => header(name).getByRole("link").click();

    await expect(header("Date(s)")).toHaveAttribute("aria-sort", "descending");
    await sortBy("Intitulé");
    await expect(listedTitles(page)).toHaveText(BY_TITLE_ASC);
    await expect.poll(() => listQuery(page)).toEqual({ tri: "intitule_asc" });
    await expect(header("Intitulé")).toHaveAttribute("aria-sort", "ascending");
    await expect(field(page, "Trier par")).toHaveValue("intitule_asc");
    await sortBy("Intitulé");
    await expect(listedTitles(page)).toHaveText([...BY_TITLE_ASC].reverse());
    await expect.poll(() => listQuery(page)).toEqual({ tri: "intitule_desc" });
    await expect(header("Intitulé")).toHaveAttribute("aria-sort", "descending");

    await sortBy("Brevet");
    await expect(listedTitles(page)).toHaveText(BY_BREVET_ASC);
    await expect.poll(() => listQuery(page)).toEqual({ tri: "brevet_asc" });
    await sortBy("Brevet");
    await expect(listedTitles(page)).toHaveText(BY_BREVET_DESC);
    await expect.poll(() => listQuery(page)).toEqual({ tri: "brevet_desc" });

    await sortBy("Date(s)");
    await expect(listedTitles(page)).toHaveText(BY_DATE_DESC);
    await expect.poll(() => listQuery(page)).toEqual({});
    await sortBy("Date(s)");
    await expect(listedTitles(page)).toHaveText([...BY_DATE_DESC].reverse());
    await expect.poll(() => listQuery(page)).toEqual({ tri: "date_asc" });
    await expect(header("Date(s)")).toHaveAttribute("aria-sort", "ascending");

    // The same orders from the "Trier par" list, keeping a filter.
    await field(page, "Statut").selectOption("en_creation");
    await field(page, "Trier par").selectOption("intitule_desc");
    await applyFilters(page, testInfo);
    await expect(listedTitles(page)).toHaveText([STAGE, RIFAP, ECOLE, FORMULA]);
    await expect.poll(() => listQuery(page)).toMatchObject({ statut: "en_creation", tri: "intitule_desc" });
    await field(page, "Trier par").selectOption("brevet_asc");
    await applyFilters(page, testInfo);
    await expect(listedTitles(page)).toHaveText([ECOLE, FORMULA, STAGE, RIFAP]);
    await field(page, "Trier par").selectOption("date_asc");
    await applyFilters(page, testInfo);
    await expect(listedTitles(page)).toHaveText([FORMULA, ECOLE, STAGE, RIFAP]);
    await expect.poll(() => listQuery(page)).toMatchObject({ statut: "en_creation", tri: "date_asc" });
    // A sort header keeps the filters too.
    await sortBy("Intitulé");
    await expect(listedTitles(page)).toHaveText([FORMULA, ECOLE, RIFAP, STAGE]);
    await expect.poll(() => listQuery(page)).toEqual({ statut: "en_creation", tri: "intitule_asc" });
  });

  test("Réinitialiser clears every filter", async ({ page }, testInfo) => {
    await visit(
      page,
      "/sessions?intitule=ecole&lieu=piscine&du=2025-01-01&au=2025-12-31&brevet=N1&statut=en_creation&tri=intitule_asc",
      testInfo,
    );
    await expect(listedTitles(page)).toHaveText([ECOLE]);
    await expect(field(page, "Intitulé")).toHaveValue("ecole");
    await page.getByRole("link", { name: "Réinitialiser", exact: true }).click();
    await expect(page).toHaveURL(/\/sessions$/);
    await expect(listedTitles(page)).toHaveText(BY_DATE_DESC);
    for (const label of ["Intitulé", "Lieu", "Du", "Au", "Brevet", "Statut"])
      await expect(field(page, label)).toHaveValue("");
    await expect(field(page, "Trier par")).toHaveValue("date_desc");
  });

  test("typing then resetting at once leaves no filter behind", async ({ page }) => {
    // On a slow connection the reset's answer comes after the typing delay has run out.
    await page.route(/[?&]_data=/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await field(page, "Intitulé").fill("zzz");
    await page.getByRole("link", { name: "Réinitialiser", exact: true }).click();
    // A pending update must not bring the typed filter back.
    await page.waitForTimeout(1500);
    await expect(page).toHaveURL(/\/sessions$/);
    await expect(listedTitles(page)).toHaveText(BY_DATE_DESC);
    await expect(field(page, "Intitulé")).toHaveValue("");
  });

  test("a malformed date is ignored with a notice, and the list still shows", async ({ page }, testInfo) => {
    for (const bad of ["abc", "2026-02-30"]) {
      const response = await visit(page, `/sessions?du=${bad}`, testInfo);
      expect(response?.status()).toBe(200);
      await expect(
        page.getByText(`Le filtre « Du » (« ${bad} ») n'est pas une date valide (AAAA-MM-JJ) : il a été ignoré.`),
      ).toBeVisible();
      await expect(listedTitles(page)).toHaveText(BY_DATE_DESC);
    }
    // The other filters still apply.
    const response = await visit(page, "/sessions?du=abc&lieu=hebert&au=31%2F05%2F2025", testInfo);
    expect(response?.status()).toBe(200);
    await expect(
      page.getByText("Le filtre « Du » (« abc ») n'est pas une date valide (AAAA-MM-JJ) : il a été ignoré."),
    ).toBeVisible();
    await expect(
      page.getByText("Le filtre « Au » (« 31/05/2025 ») n'est pas une date valide (AAAA-MM-JJ) : il a été ignoré."),
    ).toBeVisible();
    await expect(listedTitles(page)).toHaveText([RIFAP, ECOLE, FORMULA]);
  });

  test("other malformed parameters are ignored with a notice too", async ({ page }, testInfo) => {
    const cases: Array<[query: string, notice: string]> = [
      [
        "statut=ouverte",
        "Le filtre « Statut » (« ouverte ») n'est pas un statut connu (en_creation ou cloturee) : il a été ignoré.",
      ],
      ["brevet=N1%27--", "Le filtre « Brevet » (« N1'-- ») n'est pas un code de brevet : il a été ignoré."],
      ["tri=prix", "Le filtre « Tri » (« prix ») n'est pas un tri connu : il a été ignoré."],
      // Names every JavaScript object answers to are no sort either.
      ["tri=constructor", "Le filtre « Tri » (« constructor ») n'est pas un tri connu : il a été ignoré."],
      ["tri=toString", "Le filtre « Tri » (« toString ») n'est pas un tri connu : il a été ignoré."],
      // A well-formed code that is not among the scope's brevets (the Brevet list offers only those).
      ["brevet=ZZZ", "Le filtre « Brevet » (« ZZZ ») n'est pas un brevet proposé pour cette portée : il a été ignoré."],
      [
        "tri=date_desc&tri=intitule_asc",
        "Le filtre « Tri » est donné 2 fois : seule la première valeur (« date_desc ») a été retenue.",
      ],
    ];
    for (const [query, notice] of cases) {
      const response = await visit(page, `/sessions?${query}`, testInfo);
      expect(response?.status(), query).toBe(200);
      await expect(page.getByText(notice)).toBeVisible();
      await expect(listedTitles(page)).toHaveText(BY_DATE_DESC);
      await expect(field(page, "Trier par")).toHaveValue("date_desc");
    }
  });

  test("no result for the filters says so and offers to reset", async ({ page }, testInfo) => {
    await field(page, "Intitulé").fill("zzz");
    await applyFilters(page, testInfo);
    await expect(page.getByText("Aucune session ne correspond à ces filtres.")).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Exporter" })).toHaveCount(0);
    await expect(page.getByText("Aucune session pour le moment.")).toHaveCount(0);
    await page.getByRole("link", { name: "Réinitialiser les filtres" }).click();
    await expect(page).toHaveURL(/\/sessions$/);
    await expect(listedTitles(page)).toHaveText(BY_DATE_DESC);
  });
});

test("a filtered URL opened in another browser shows the same rows", async ({ page, browser }, testInfo) => {
  await loginAs(page, testInfo, MONTMARTRE.user);
  await field(page, "Lieu").fill("hébert");
  await field(page, "Statut").selectOption("en_creation");
  await field(page, "Trier par").selectOption("intitule_asc");
  await applyFilters(page, testInfo);
  const expected = [FORMULA, ECOLE, RIFAP];
  await expect(listedTitles(page)).toHaveText(expected);
  await expect
    .poll(() => listQuery(page))
    .toMatchObject({ lieu: "hébert", statut: "en_creation", tri: "intitule_asc" });
  const url = page.url();

  // Not logged in there: the login page brings the user back to the shared list.
  const { context, page: other } = await openLinkElsewhere(browser, testInfo, url, MONTMARTRE.user);
  try {
    await expect(other).toHaveURL(url);
    await expect(listedTitles(other)).toHaveText(expected);
    await expect(field(other, "Lieu")).toHaveValue("hébert");
    await expect(field(other, "Statut")).toHaveValue("en_creation");
    await expect(field(other, "Trier par")).toHaveValue("intitule_asc");
  } finally {
    await context.close();
  }
});

test.describe("paging", () => {
  test.beforeEach(async ({ page }, testInfo) => {
    await loginAs(page, testInfo, BELLEVILLE.user);
  });

  test("pages of 50 with Page X sur Y and the total count", async ({ page }) => {
    const pager = page.getByRole("navigation", { name: "Pagination" });
    const link = (name: string) => pager.getByRole("link", { name, exact: true });
    await expect(page.getByTestId("total")).toHaveText("120 sessions");
    await expect(pager).toContainText("Page 1 sur 3");
    // Numbered pages, the current one marked.
    await expect(pager.getByRole("listitem")).toHaveText(["1", "2", "3"]);
    await expect(pager.locator('[aria-current="page"]')).toHaveText("1");
    await expect(listedTitles(page)).toHaveText(series(120, 71));
    await expect(link("Page précédente")).toHaveCount(0);
    await expect(
      page
        .getByRole("row", { name: /Série 120/ })
        .getByRole("cell")
        .nth(5),
    ).toHaveText("1");

    await link("Page suivante").click();
    await expect(listedTitles(page)).toHaveText(series(70, 21));
    await expect.poll(() => listQuery(page)).toEqual({ page: "2" });
    await expect(pager).toContainText("Page 2 sur 3");
    await expect(page.getByTestId("total")).toHaveText("120 sessions");

    await link("Page 3").click();
    await expect(listedTitles(page)).toHaveText(series(20, 1));
    await expect.poll(() => listQuery(page)).toEqual({ page: "3" });
    await expect(pager).toContainText("Page 3 sur 3");
    await expect(link("Page suivante")).toHaveCount(0);

    await link("Page précédente").click();
    await expect(listedTitles(page)).toHaveText(series(70, 21));
    await link("Page 1").click();
    await expect(listedTitles(page)).toHaveText(series(120, 71));
    await expect.poll(() => listQuery(page)).toEqual({});
  });

  test("pages keep the filters and the sort", async ({ page }, testInfo) => {
    const drafts = series(120, 1, (n) => n % 3 !== 0);
    await field(page, "Statut").selectOption("en_creation");
    await applyFilters(page, testInfo);
    await expect(page.getByTestId("total")).toHaveText("80 sessions");
    await expect(listedTitles(page)).toHaveText(drafts.slice(0, 50));
    const pager = page.getByRole("navigation", { name: "Pagination" });
    await expect(pager).toContainText("Page 1 sur 2");
    await pager.getByRole("link", { name: "Page suivante" }).click();
    await expect(listedTitles(page)).toHaveText(drafts.slice(50));
    await expect.poll(() => listQuery(page)).toMatchObject({ statut: "en_creation", page: "2" });
    await expect(field(page, "Statut")).toHaveValue("en_creation");

    // Sorting again starts over at page 1.
    await page.getByRole("columnheader", { name: "Date(s)" }).getByRole("link").click();
    await expect(listedTitles(page)).toHaveText([...drafts].reverse().slice(0, 50));
    await expect.poll(() => listQuery(page)).toEqual({ statut: "en_creation", tri: "date_asc" });
  });

  test("a page beyond the last shows the last, and a malformed page the first", async ({ page }, testInfo) => {
    let response = await visit(page, "/sessions?page=99", testInfo);
    expect(response?.status()).toBe(200);
    await expect(page.getByText("La page 99 n'existe pas : voici la dernière.")).toBeVisible();
    await expect(listedTitles(page)).toHaveText(series(20, 1));
    response = await visit(page, "/sessions?page=abc", testInfo);
    expect(response?.status()).toBe(200);
    await expect(
      page.getByText("Le filtre « Page » (« abc ») n'est pas un numéro de page : il a été ignoré."),
    ).toBeVisible();
    await expect(listedTitles(page)).toHaveText(series(120, 71));
  });
});

test("a session of another scope never appears, whatever the filters", async ({ page }, testInfo) => {
  await loginAs(page, testInfo, MONTMARTRE.user);
  await expect(field(page, "Organisateur")).toHaveCount(0);
  const queries = [
    "",
    "?intitule=bastille",
    "?intitule=tritons&statut=cloturee",
    "?lieu=marseille",
    "?brevet=GP-N4",
    "?du=2026-01-01",
    "?statut=en_creation&tri=intitule_asc",
    "?organisateur=0750002",
    "?organisateur=REGION-IDF%2FTECHNIQUE&lieu=marseille",
    "?page=2",
  ];
  for (const query of queries) {
    const response = await visit(page, `/sessions${query}`, testInfo);
    expect(response?.status(), query).toBe(200);
    for (const title of OTHER_SCOPES) await expect(page.getByText(title), `${title} with ${query}`).toHaveCount(0);
  }
  // A word shared with another club's session finds only this club's.
  await visit(page, "/sessions?intitule=n1+ete", testInfo);
  await expect(listedTitles(page)).toHaveText([ETE]);
  // An organiser in the URL is not for a club: it is dropped, the club's own list shows.
  await visit(page, "/sessions?organisateur=0750002&brevet=N1", testInfo);
  await expect(listedTitles(page)).toHaveText([ETE, ECOLE]);
  // Nor does the export let one through.
  const response = await page.request.get("/sessions/export.xlsx?organisateur=0750002&intitule=n1");
  expect(response.status()).toBe(200);
  const { rows } = await readWorkbook(await response.body());
  expect(rows.map((r) => r["Intitulé"])).toEqual([ETE, ECOLE]);
  expect(new Set(rows.map((r) => r["Organisateur"]))).toEqual(new Set([MONTMARTRE.name]));
});

test("a club without any session is told so, with links to create or import one", async ({ page }, testInfo) => {
  await loginAs(page, testInfo, EMPTY_CLUB_USER);
  const empty = page.getByText("Aucune session pour le moment.").locator("..");
  await expect(page.getByText("Aucune session pour le moment.")).toBeVisible();
  await expect(empty.getByRole("link", { name: "Créer une session" })).toHaveAttribute("href", "/sessions/nouvelle");
  await expect(empty.getByRole("link", { name: "importer une session depuis Excel" })).toHaveAttribute(
    "href",
    "/sessions/importer",
  );
  await expect(page.getByRole("table")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Exporter" })).toHaveCount(0);
  // Filters change nothing to it: there is nothing to filter.
  await visit(page, "/sessions?intitule=n1", testInfo);
  await expect(page.getByText("Aucune session pour le moment.")).toBeVisible();
  await expect(page.getByText("Aucune session ne correspond à ces filtres.")).toHaveCount(0);
  await empty.getByRole("link", { name: "Créer une session" }).click();
  await expect(page.getByRole("heading", { name: "Créer une nouvelle session" })).toBeVisible();
});

test("the administrator filters by organiser code", async ({ page }, testInfo) => {
  await loginAs(page, testInfo, "admin@test.fr");
  const organiser = field(page, "Organisateur");
  await expect(organiser).toBeVisible();
  await organiser.fill(MONTMARTRE.code);
  await applyFilters(page, testInfo);
  await expect(listedTitles(page)).toHaveText(BY_DATE_DESC);
  await expect.poll(() => listQuery(page)).toMatchObject({ organisateur: MONTMARTRE.code });
  await expect(page.getByRole("table").locator("tbody tr td:nth-child(3)")).toHaveText(
    BY_DATE_DESC.map(() => MONTMARTRE.name),
  );

  // A commission's code, typed in lower case. Other specs add sessions to this commission: look at whose rows show.
  await organiser.fill("region-idf/technique");
  await field(page, "Intitulé").fill("ctr");
  await applyFilters(page, testInfo);
  await expect(page.getByRole("link", { name: "CTR Niveau 4 automne" })).toBeVisible();
  const organisers = await page.getByRole("table").locator("tbody tr td:nth-child(3)").allTextContents();
  expect(new Set(organisers)).toEqual(new Set(["Commission Technique – Comité régional Île-de-France"]));

  // Another club's session, found by its title (other specs add sessions before it in date order).
  await organiser.fill("0759999");
  await field(page, "Intitulé").fill("bastille n1");
  await applyFilters(page, testInfo);
  await expect(page.getByText("Aucun organisateur n'a le code « 0759999 » : le filtre a été ignoré.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Bastille N1 été" })).toBeVisible();
  // The export ignores it too, and holds what the list shows.
  const ignored = await page.request.get("/sessions/export.xlsx?organisateur=0759999&intitule=bastille+n1");
  expect((await readWorkbook(await ignored.body())).rows.map((r) => r["Intitulé"])).toContain("Bastille N1 été");

  // Combined with the other filters, and exported as shown.
  await visit(page, `/sessions?organisateur=${MONTMARTRE.code}&statut=cloturee`, testInfo);
  await expect(listedTitles(page)).toHaveText([ETE, JUIN]);
  const { rows } = await exportList(page);
  expect(rows.map((r) => [r["Intitulé"], r["Organisateur"], r["Statut"]])).toEqual([
    [ETE, MONTMARTRE.name, "Clôturée"],
    [JUIN, MONTMARTRE.name, "Clôturée"],
  ]);
});

test("the administrator's text search over the whole federation is counted up to 1 000", async ({ page }, testInfo) => {
  await loginAs(page, testInfo, "admin@test.fr");
  await visit(page, "/sessions?intitule=capuchon", testInfo);
  await expect(page.getByTestId("total")).toHaveText("Plus de 1 000 sessions");
  await expect(page.getByText("Page 1 sur plus de 20")).toHaveCount(2);
  await expect(page.getByText("choisissez un organisateur pour connaître le total exact")).toBeVisible();
  await expect(listedTitles(page)).toHaveCount(50);
  await expect(page.getByRole("link", { name: "Dernière page" })).toHaveCount(0);

  await page.getByRole("link", { name: "Page suivante" }).click();
  await expect(page.getByText("Page 2 sur plus de 20")).toHaveCount(2);
  expect(listQuery(page)).toMatchObject({ intitule: "capuchon", page: "2" });
  await expect(page.getByRole("link", { name: "Première page" })).toBeVisible();

  // Past the twentieth page the list no longer says how many there are, and past the end it counts them all.
  await visit(page, "/sessions?intitule=capuchon&page=21", testInfo);
  await expect(page.getByText(/sessions — Page 21$/)).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Pagination" }).getByText("Page 21", { exact: true }),
  ).toBeVisible();
  await expect(listedTitles(page)).toHaveCount(20);
  await expect(page.getByRole("link", { name: "Page suivante" })).toHaveCount(0);
  await visit(page, "/sessions?intitule=capuchon&page=99", testInfo);
  await expect(page.getByText("La page 99 n'existe pas : voici la dernière.")).toBeVisible();
  await expect(page.getByTestId("total")).toHaveText("1 020 sessions");
  await expect(page.getByText("Page 21 sur 21")).toHaveCount(2);

  // With an organiser, the total is exact.
  await visit(page, `/sessions?intitule=capuchon&organisateur=${GRANDS_FONDS}`, testInfo);
  await expect(page.getByTestId("total")).toHaveText("1 020 sessions");
  await expect(page.getByText("Page 1 sur 21")).toHaveCount(2);
  await expect(page.getByRole("link", { name: "Page 21", exact: true })).toBeVisible();
});

test.describe("export", () => {
  test("holds exactly the filtered rows, dates as dates, formulas as text", async ({ page }, testInfo) => {
    await loginAs(page, testInfo, MONTMARTRE.user);
    await field(page, "Lieu").fill("hebert");
    await applyFilters(page, testInfo);
    await expect(listedTitles(page)).toHaveText([RIFAP, ECOLE, FORMULA]);
    await expect.poll(() => listQuery(page)).toMatchObject({ lieu: "hebert" });

    const { sheet, rows } = await exportList(page);
    expect(rows.map((r) => r["Intitulé"])).toEqual([RIFAP, ECOLE, `'${FORMULA}`]);
    expect(rows.map((r) => r["Candidats"])).toEqual([8, 4, 0]);
    expect(rows.map((r) => r["Statut"])).toEqual(["En création", "En création", "En création"]);
    expect(rows.map((r) => r["Brevet"])).toEqual(["RIFAP", "N1", "N2"]);
    expect(rows.map((r) => r["Lieu"])).toEqual(Array(3).fill("Piscine Hébert, Paris"));
    expect(rows.map((r) => r["Date de début"])).toEqual([
      utcDay("2025-10-04"),
      utcDay("2025-03-15"),
      utcDay("2025-02-01"),
    ]);
    expect(rows.map((r) => r["Date de fin"])).toEqual([null, null, null]);
    for (const r of rows) expect(r["Dernière modification"]).toBeInstanceOf(Date);
    // The title beginning with "=" is a text cell, not a formula a spreadsheet would run.
    const cell = sheet.getCell("A4");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(sheet.getCell("F2").type).toBe(ExcelJS.ValueType.Date);
  });

  test("follows the date range and the sort, with the end date of a multi-day session", async ({ page }, testInfo) => {
    await loginAs(page, testInfo, MONTMARTRE.user);
    await visit(page, "/sessions?du=2025-06-01&tri=date_asc", testInfo);
    await expect(listedTitles(page)).toHaveText([STAGE, JUIN, ETE, RIFAP]);
    const { rows } = await exportList(page);
    expect(rows.map((r) => [r["Intitulé"], r["Date de début"], r["Date de fin"], r["Candidats"], r["Statut"]])).toEqual(
      [
        [STAGE, utcDay("2025-05-30"), utcDay("2025-06-02"), 3, "En création"],
        [JUIN, utcDay("2025-06-14"), null, 2, "Clôturée"],
        [ETE, utcDay("2025-07-05"), null, 6, "Clôturée"],
        [RIFAP, utcDay("2025-10-04"), null, 8, "En création"],
      ],
    );
    expect(rows[0]["Nom du brevet"]).toBe("Plongeur Niveau 3");
    // The last change reads as on screen (01/05/2025 à 12:00, Paris time): a spreadsheet has no time zones.
    expect(rows[0]["Dernière modification"]).toEqual(new Date("2025-05-01T12:00:00.000Z"));
  });

  test("holds every filtered row, not only the page shown", async ({ page }, testInfo) => {
    await loginAs(page, testInfo, BELLEVILLE.user);
    await visit(page, "/sessions?statut=en_creation&page=2", testInfo);
    await expect(page.getByTestId("total")).toHaveText("80 sessions");
    const { rows } = await exportList(page);
    expect(rows.map((r) => r["Intitulé"])).toEqual(series(120, 1, (n) => n % 3 !== 0));
    expect(rows.map((r) => r["Candidats"])).toEqual(
      series(120, 1, (n) => n % 3 !== 0).map((t) => Number(t.slice(-3)) % 7),
    );
  });
});
