/**
 * Importing a filled bordereau (issue 7), with JavaScript on and off: a template downloaded
 * from the app and filled here with exceljs; the dry run; the import, with a file chosen or the
 * checked one carried by the page (its signed field refused when altered, creating one session
 * however often it is posted); every error listed with
 * its row and the downloadable report; files from LibreOffice Calc and openpyxl; hostile files;
 * a draft updated from its own export.
 *
 * The js and no-js projects share one database: each creates its own licensees
 * (A-76-1xxxxx with JavaScript, A-76-2xxxxx without) and titles its sessions with its name.
 */
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import {
  fillTemplate,
  fillWithOpenpyxl,
  hostileFiles,
  resaveWithLibreOffice,
  type Fill,
} from "../test/support/import-fixtures";
import { createLicensee, fillSession, query } from "./fixtures";
import { anotherBrowser, createDraftSession, e2eDb, loginAs, usesJs, visit, withToken } from "./helpers";

interface Person {
  licence: string;
  lastName: string;
  firstName: string;
  id: number;
}

type Cast = Record<"president" | "a" | "b" | "c" | "d", Person>;
const people = new Map<string, Cast>();

/** This project's licensees, made once per worker. */
function cast(testInfo: TestInfo): Cast {
  const project = testInfo.project.name;
  let mine = people.get(project);
  if (!mine) {
    const base = usesJs(testInfo) ? 1 : 2;
    const make = (n: number, lastName: string, firstName: string, brevets: { code: string; date: string }[] = []) => {
      const licence = `A-76-${base}${String(n).padStart(5, "0")}`;
      // A worker restarted after a failure finds them already there.
      const existing = query<{ id: number }>("select id from licensees where licence = ?", licence)[0];
      return {
        licence,
        lastName,
        firstName,
        id: existing?.id ?? createLicensee({ licence, lastName, firstName, birthDate: "1990-05-17", brevets }),
      };
    };
    const n2 = [
      { code: "N1", date: "2015-06-01" },
      { code: "N2", date: "2016-06-01" },
      { code: "RIFAP", date: "2016-07-01" },
    ];
    mine = {
      president: make(1, "Lemaître", "Sébastien", [
        ...n2,
        { code: "N3", date: "2017-06-01" },
        { code: "GP-N4", date: "2018-06-01" },
        { code: "MF1", date: "2019-06-01" },
        { code: "MF2", date: "2020-06-01" },
      ]),
      a: make(2, "Álvarez", "Inès", n2),
      b: make(3, "Dubois", "Marie-Hélène", n2),
      c: make(4, "N'Diaye", "Awa", n2),
      d: make(5, "Lefort", "Hugo", n2),
    };
    people.set(project, mine);
  }
  return mine;
}

/** Downloads a template from the templates page, as a person would. */
async function downloadTemplate(page: Page, testInfo: TestInfo, name: string): Promise<Buffer> {
  await visit(page, "/modeles", testInfo);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name, exact: true }).click(),
  ]);
  return readFile((await download.path())!);
}

function initiateurFill(cast: Cast): Fill {
  const { president, a, b, c } = cast;
  return {
    certification: "Initiateur (E1)",
    place: "Piscine Georges-Vallerey",
    startDate: "11/04/2026",
    endDate: new Date("2026-04-12T00:00:00Z"),
    jury: [
      {
        role: "Président de jury",
        licence: president.licence,
        lastName: president.lastName,
        firstName: president.firstName,
      },
    ],
    candidates: [
      {
        licence: a.licence,
        lastName: "ALVAREZ",
        firstName: "ines",
        birthDate: "1990-05-17",
        marks: {
          "Mannequin (×1)": 12,
          "Pédagogie pratique (×2)": "13,5",
          "Pédagogie organisationnelle (×2)": 14,
          "Réglementation (×2)": 11,
        },
      },
      {
        licence: b.licence,
        lastName: b.lastName,
        firstName: b.firstName,
        equivalence: "CMAS-2",
        marks: { "Mannequin (×1)": "NP" },
      },
      { licence: c.licence, lastName: c.lastName, firstName: c.firstName },
    ],
  };
}

/** Chooses the file and submits the import form with one of its two buttons. */
async function submitImport(
  page: Page,
  file: { name: string; buffer: Buffer },
  title: string,
  button: "Vérifier le fichier" | "Lancer l'import",
) {
  await page.getByLabel("Fichier").setInputFiles({
    name: file.name,
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: file.buffer,
  });
  await page.getByLabel("Intitulé").fill(title);
  await page.getByRole("button", { name: button }).click();
}

/** The candidates `initiateurFill` writes, as `candidatesOf` reads them. */
const initiateurCandidates = (who: Cast) => [
  { licence: who.a.licence, equivalence_code: null },
  { licence: who.b.licence, equivalence_code: "CMAS-2" },
  { licence: who.c.licence, equivalence_code: null },
];
/** A session's candidates as written: licence and equivalence, in licence order. */
const candidatesOf = (sessionId: number) =>
  query(
    "select l.licence, c.equivalence_code from session_candidates c join licensees l on l.id = c.licensee_id where c.session_id = ? order by l.licence",
    sessionId,
  );
const sessionsTitled = (title: string) =>
  query<{ id: number }>("select id from exam_sessions where title = ? order by id desc", title);
/**
 * What a refused import could have written, for one title and file name: other specs write to
 * the same database at the same time, so whole-table counts would not do.
 */
const written = (title: string, fileName: string) => ({
  sessions: sessionsTitled(title).length,
  imports: query<{ n: number }>(
    "select count(*) as n from audit_log where action = 'session_imported' and details like ?",
    `importé depuis ${fileName} :%`,
  )[0].n,
});

test("a downloaded template, filled in: the dry run creates nothing, the import creates the session with everything", async ({
  page,
}, testInfo) => {
  const who = cast(testInfo);
  const title = `Initiateur importé ${testInfo.project.name}`;
  await loginAs(page, testInfo, "club-a@test.fr");
  const bytes = await fillTemplate(await downloadTemplate(page, testInfo, "Session Initiateur"), initiateurFill(who));
  const file = { name: "initiateur-avril.xlsx", buffer: bytes };

  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Importer" }).click();
  await expect(page.getByRole("heading", { name: "Importer une session" })).toBeVisible();
  if (usesJs(testInfo)) await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  await submitImport(page, file, title, "Vérifier le fichier");
  const summary = page.getByRole("status").filter({ hasText: "Aucune erreur" });
  await expect(summary).toContainText("Aucune erreur : « initiateur-avril.xlsx » peut être importé");
  await expect(summary).toContainText("Initiateur (E1) (INITIATEUR)");
  await expect(summary).toContainText("du 11/04/2026 au 12/04/2026");
  await expect(summary.locator('dt:text-is("Candidats") + dd')).toHaveText("3");
  await expect(summary.locator('dt:text-is("Notes") + dd')).toHaveText("5");
  expect(sessionsTitled(title)).toEqual([]);

  if (usesJs(testInfo)) {
    // While the file is sent and read, the page says so (the request is held back to see it).
    await page.route("**/sessions/importer**", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
  }
  await submitImport(page, file, title, "Lancer l'import");
  if (usesJs(testInfo)) {
    await expect(page.getByRole("status").filter({ hasText: "Import de « initiateur-avril.xlsx »" })).toContainText(
      "envoi puis lecture du fichier",
    );
    await expect(page.getByRole("progressbar", { name: "Envoi et lecture du fichier" })).toBeVisible();
  }
  await expect(page).toHaveURL(/\/sessions\/\d+$/);
  await page.unrouteAll();
  await expect(
    page.getByText(
      `La session « ${title} » a été importée depuis initiateur-avril.xlsx : 3 candidats, 1 membre du jury.`,
    ),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByText("En création", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("Piscine Georges-Vallerey").first()).toBeVisible();
  await expect(page.getByText(/importé depuis initiateur-avril\.xlsx/)).toBeVisible();

  const [{ id }] = sessionsTitled(title);
  const session = query<Record<string, unknown>>(
    "select s.certification_code, s.start_date, s.end_date, s.status, o.code as organiser from exam_sessions s join organisers o on o.id = s.organiser_id where s.id = ?",
    id,
  )[0];
  expect(session).toEqual({
    certification_code: "INITIATEUR",
    start_date: "2026-04-11",
    end_date: "2026-04-12",
    status: "draft",
    organiser: "0750001",
  });
  expect(
    query(
      "select l.licence, j.role from session_jury j join licensees l on l.id = j.licensee_id where j.session_id = ?",
      id,
    ),
  ).toEqual([{ licence: who.president.licence, role: "president" }]);
  expect(candidatesOf(id)).toEqual(initiateurCandidates(who));
  expect(
    query(
      `select l.licence, t.code, m.value, m.code as mark from marks m join session_candidates c on c.id = m.candidate_id
       join licensees l on l.id = c.licensee_id join grid_tests t on t.id = m.test_id where c.session_id = ? order by l.licence, t.sort_order`,
      id,
    ),
  ).toEqual([
    { licence: who.a.licence, code: "mannequin", value: 12, mark: null },
    { licence: who.a.licence, code: "pedagogie-pratique", value: 13.5, mark: null },
    { licence: who.a.licence, code: "pedagogie-organisationnelle", value: 14, mark: null },
    { licence: who.a.licence, code: "reglementation", value: 11, mark: null },
    { licence: who.b.licence, code: "mannequin", value: null, mark: "NP" },
  ]);
  await page.getByRole("link", { name: "Notes" }).click();
  await expect(page.getByRole("row", { name: /Álvarez Inès/ })).toContainText("Admis");
});

test("a checked file is imported from the result page without choosing it again, its intitulé still required and editable", async ({
  page,
}, testInfo) => {
  const who = cast(testInfo);
  const fileName = `verifie-${testInfo.project.name}.xlsx`;
  const checkedTitle = `Initiateur vérifié ${testInfo.project.name}`;
  const title = `Initiateur vérifié puis importé ${testInfo.project.name}`;
  await loginAs(page, testInfo, "club-a@test.fr");
  const bytes = await fillTemplate(await downloadTemplate(page, testInfo, "Session Initiateur"), initiateurFill(who));
  await visit(page, "/sessions/importer", testInfo);
  await submitImport(page, { name: fileName, buffer: bytes }, checkedTitle, "Vérifier le fichier");

  const summary = page.getByRole("status").filter({ hasText: "Aucune erreur" });
  await expect(summary).toContainText(`Aucune erreur : « ${fileName} » peut être importé`);
  await expect(summary).toContainText("appuyez sur « Lancer l'import » sans choisir de nouveau le fichier");
  await expect(
    page.getByText(`Fichier vérifié : « ${fileName} ». Il sera importé si vous ne choisissez pas d'autre fichier.`),
  ).toBeVisible();
  // The file field is empty, with JavaScript as without: the checked file is carried by the page.
  await expect(page.getByLabel("Fichier")).toHaveValue("");
  await expect(page.getByLabel("Intitulé")).toHaveValue(checkedTitle);
  expect(written(checkedTitle, fileName)).toEqual({ sessions: 0, imports: 0 });

  // Without an intitulé nothing is created, and the checked file stays at hand.
  await page.getByLabel("Intitulé").fill("");
  await page.getByRole("button", { name: "Lancer l'import" }).click();
  await expect(page.getByText("L'intitulé est obligatoire")).toBeVisible();
  await expect(page.getByText(`Fichier vérifié : « ${fileName} »`)).toBeVisible();
  expect(written(title, fileName)).toEqual({ sessions: 0, imports: 0 });

  await page.getByLabel("Intitulé").fill(title);
  await page.getByRole("button", { name: "Lancer l'import" }).click();
  await expect(page).toHaveURL(/\/sessions\/\d+$/);
  await expect(
    page.getByText(`La session « ${title} » a été importée depuis ${fileName} : 3 candidats, 1 membre du jury.`),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  expect(written(checkedTitle, fileName)).toEqual({ sessions: 0, imports: 1 });
  expect(written(title, fileName)).toEqual({ sessions: 1, imports: 1 });

  const [{ id }] = sessionsTitled(title);
  expect(candidatesOf(id)).toEqual(initiateurCandidates(who));
  expect(
    query<{ n: number }>(
      "select count(*) as n from marks m join session_candidates c on c.id = m.candidate_id where c.session_id = ?",
      id,
    )[0].n,
  ).toBe(5);
  const tabs = page.getByRole("navigation", { name: "Onglets de la session" });
  await tabs.getByRole("link", { name: "Participants" }).click();
  const candidates = page.getByRole("table", { name: "Candidats de la session" });
  await expect(candidates.getByRole("row")).toHaveCount(4);
  for (const person of [who.a, who.b, who.c]) await expect(candidates).toContainText(person.licence);
  await tabs.getByRole("link", { name: "Jury" }).click();
  const jury = page.getByRole("table", { name: "Jury de la session" }).getByRole("row");
  await expect(jury).toHaveCount(2);
  await expect(jury.nth(1)).toContainText(`Président de jury${who.president.licence}`);
});

/**
 * Club A's gestionnaire downloads the Initiateur template, fills it for this project's cast and
 * checks it: the file, and the signed field the page then carries.
 */
async function checkedInitiateur(page: Page, testInfo: TestInfo, fileName: string, title: string) {
  await loginAs(page, testInfo, "club-a@test.fr");
  const bytes = await fillTemplate(
    await downloadTemplate(page, testInfo, "Session Initiateur"),
    initiateurFill(cast(testInfo)),
  );
  return { bytes, checked: await checkFile(page, testInfo, { name: fileName, buffer: bytes }, title) };
}

/** "Vérifier le fichier" on /sessions/importer for a file without error: the signed field the page then carries. */
async function checkFile(
  page: Page,
  testInfo: TestInfo,
  file: { name: string; buffer: Buffer },
  title: string,
): Promise<string> {
  await visit(page, "/sessions/importer", testInfo);
  await submitImport(page, file, title, "Vérifier le fichier");
  await expect(page.getByText(`Aucune erreur : « ${file.name} » peut être importé`)).toBeVisible();
  return (await page.locator('input[type="hidden"][name="checked"]').getAttribute("value"))!;
}

test("a checked-file field altered by one character is refused with a clear message and creates nothing", async ({
  page,
}, testInfo) => {
  const fileName = `falsifie-${testInfo.project.name}.xlsx`;
  const title = `Initiateur falsifié ${testInfo.project.name}`;
  const { checked } = await checkedInitiateur(page, testInfo, fileName, title);
  expect(checked).toMatch(/^[\w-]+\.[\w-]+$/);

  // The form's fields, as the browser posts them without a file, one character of the field changed.
  const at = 40;
  const altered = `${checked.slice(0, at)}${checked[at] === "A" ? "B" : "A"}${checked.slice(at + 1)}`;
  const refused = await page.request.post("/sessions/importer", {
    multipart: await withToken(page, { title, intent: "import", checked: altered }),
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(400);
  const text = (await refused.text()).replaceAll("&#x27;", "'");
  expect(text).toContain("La confirmation a expiré ou n'est pas valide : importez de nouveau le fichier.");
  expect(written(title, fileName)).toEqual({ sessions: 0, imports: 0 });

  // The same post with the field as the page gave it does import: only the altered character was refused.
  const genuine = await page.request.post("/sessions/importer", {
    multipart: await withToken(page, { title, intent: "import", checked }),
    maxRedirects: 0,
  });
  expect(genuine.status()).toBe(302);
  expect(genuine.headers()["location"]).toMatch(/^\/sessions\/\d+$/);
  expect(written(title, fileName)).toEqual({ sessions: 1, imports: 1 });
});

test("a checked file posted again creates nothing more: the second post leads to the session already imported", async ({
  page,
  browser,
}, testInfo) => {
  // A retry starts from fresh names: the sessions of a failed try are counted by title and file.
  const run = `${testInfo.project.name}${testInfo.retry ? `-${testInfo.retry}` : ""}`;
  const fileName = `rejoue-${run}.xlsx`;
  const title = `Initiateur rejoué ${run}`;
  const { bytes, checked } = await checkedInitiateur(page, testInfo, fileName, title);
  await page.getByRole("button", { name: "Lancer l'import" }).click();
  await expect(page).toHaveURL(/\/sessions\/\d+$/);
  await expect(
    page.getByText(`La session « ${title} » a été importée depuis ${fileName} : 3 candidats, 1 membre du jury.`),
  ).toBeVisible();
  const [{ id }] = sessionsTitled(title);

  // The same form posted again (a double click, Back then resubmit, a replay): nothing created, led to the session.
  const again = await page.request.post("/sessions/importer", {
    multipart: await withToken(page, { title, intent: "import", checked }),
    maxRedirects: 0,
  });
  expect(again.status()).toBe(302);
  expect(again.headers()["location"]).toBe(`/sessions/${id}`);
  expect(written(title, fileName)).toEqual({ sessions: 1, imports: 1 });
  await visit(page, `/sessions/${id}`, testInfo);
  await expect(page.getByText("Ce fichier a déjà été importé : voici la session créée.")).toBeVisible();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();

  // Two posts of one field at the same moment, from two logins of the same user (two devices, or
  // two server processes): one session. (Two posts of one login at once are a double upload, which
  // the request guard answers 429 before the route: decision 014.)
  const racedTitle = `${title} (deux envois)`;
  const raced = await checkFile(page, testInfo, { name: fileName, buffer: bytes }, racedTitle);
  const elsewhere = await anotherBrowser(browser, testInfo);
  const other = await elsewhere.newPage();
  await loginAs(other, testInfo, "club-a@test.fr");
  const senders = [page, other];
  const forms = await Promise.all(
    senders.map((from) => withToken(from, { title: racedTitle, intent: "import", checked: raced })),
  );
  const answers = await Promise.all(
    senders.map((from, i) => from.request.post("/sessions/importer", { multipart: forms[i], maxRedirects: 0 })),
  );
  await elsewhere.close();
  const racedSessions = sessionsTitled(racedTitle);
  expect(racedSessions).toHaveLength(1);
  expect(answers.map((a) => [a.status(), a.headers()["location"]])).toEqual([
    [302, `/sessions/${racedSessions[0].id}`],
    [302, `/sessions/${racedSessions[0].id}`],
  ]);

  // Once the session is deleted, the field is expired: it does not create it again.
  expect(
    (
      await page.request.post(`/sessions/${id}/supprimer`, { form: await withToken(page, {}), maxRedirects: 0 })
    ).status(),
  ).toBe(302);
  const afterDeletion = await page.request.post("/sessions/importer", {
    multipart: await withToken(page, { title, intent: "import", checked }),
    maxRedirects: 0,
  });
  expect(afterDeletion.status()).toBe(409);
  expect((await afterDeletion.text()).replaceAll("&#x27;", "'")).toContain(
    "La confirmation a expiré ou n'est pas valide : importez de nouveau le fichier.",
  );
  expect(sessionsTitled(title)).toEqual([]);
});

test("a wrong prénom on row 12 and an unknown licence on row 14: both listed with their rows, nothing created, a report to download", async ({
  page,
}, testInfo) => {
  const who = cast(testInfo);
  const title = `Initiateur en erreur ${testInfo.project.name}`;
  await loginAs(page, testInfo, "club-a@test.fr");
  const fill = initiateurFill(who);
  const unknown = `A-76-${usesJs(testInfo) ? 1 : 2}99999`;
  const bytes = await fillTemplate(await downloadTemplate(page, testInfo, "Session Initiateur"), {
    ...fill,
    candidates: [
      ...fill.candidates!,
      { row: 12, licence: who.d.licence, lastName: "Lefort", firstName: "Hugues" },
      { row: 14, licence: unknown, lastName: "Personne", firstName: "Jean" },
    ],
  });
  await visit(page, "/sessions/importer", testInfo);
  await submitImport(page, { name: "avec-erreurs.xlsx", buffer: bytes }, title, "Lancer l'import");

  await expect(
    page.getByRole("heading", { name: "2 erreurs dans « avec-erreurs.xlsx » : rien n'a été enregistré" }),
  ).toBeVisible();
  const errors = page.getByRole("list", { name: "Erreurs du fichier" }).getByRole("listitem");
  await expect(errors).toHaveText([
    `Onglet « Candidats », ligne 12, colonne « Prénom » (valeur « Hugues ») : Le numéro de licence ${who.d.licence} ne correspond pas à Lefort Hugues`,
    `Onglet « Candidats », ligne 14, colonne « Licence » (valeur « ${unknown} ») : Numéro de licence inconnu : ${unknown}`,
  ]);
  expect(written(title, "avec-erreurs.xlsx")).toEqual({ sessions: 0, imports: 0 });

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Télécharger le rapport d'erreurs (.xlsx)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("erreurs-avec-erreurs.xlsx");
  const report = new ExcelJS.Workbook();
  await report.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  const sheet = report.getWorksheet("Erreurs")!;
  expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([
    "Onglet",
    "Ligne",
    "Colonne",
    "Valeur trouvée",
    "Message",
  ]);
  expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([
    "Candidats",
    12,
    "Prénom",
    "Hugues",
    `Le numéro de licence ${who.d.licence} ne correspond pas à Lefort Hugues`,
  ]);
  expect((sheet.getRow(4).values as unknown[]).slice(1)).toEqual([
    "Candidats",
    14,
    "Licence",
    unknown,
    `Numéro de licence inconnu : ${unknown}`,
  ]);
});

test("hostile and broken files are refused with a clear message, nothing written, the server still answering", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const who = cast(testInfo);
  await loginAs(page, testInfo, "club-a@test.fr");
  const valid = await fillTemplate(await downloadTemplate(page, testInfo, "Session Initiateur"), initiateurFill(who));
  for (const hostile of hostileFiles(() => valid)) {
    const title = `Hostile ${hostile.kind} ${testInfo.project.name}`;
    await visit(page, "/sessions/importer", testInfo);
    await submitImport(page, { name: hostile.fileName, buffer: hostile.bytes() }, title, "Lancer l'import");
    await expect(page.getByRole("alert").filter({ hasText: hostile.message }), hostile.name).toBeVisible();
    expect(written(title, hostile.fileName), hostile.name).toEqual({ sessions: 0, imports: 0 });
    expect((await page.request.get("/healthcheck")).status(), hostile.name).toBe(200);
  }
  // A much larger upload (refused on its declared length, its body read to the end and discarded).
  const huge = `Énorme ${testInfo.project.name}`;
  await visit(page, "/sessions/importer", testInfo);
  await submitImport(
    page,
    { name: "enorme.xlsx", buffer: Buffer.alloc(12 * 1024 * 1024, 0x50) },
    huge,
    "Lancer l'import",
  );
  await expect(
    page.getByRole("alert").filter({ hasText: "Le fichier dépasse la taille maximale de 5 Mo" }),
  ).toBeVisible();
  expect(written(huge, "enorme.xlsx")).toEqual({ sessions: 0, imports: 0 });
  // And a good file still imports afterwards.
  await visit(page, "/sessions/importer", testInfo);
  await submitImport(
    page,
    { name: "apres.xlsx", buffer: valid },
    `Après les fichiers hostiles ${testInfo.project.name}`,
    "Vérifier le fichier",
  );
  await expect(page.getByText("Aucune erreur : « apres.xlsx » peut être importé")).toBeVisible();
});

test("another file, or another version of the template, is refused with a link to the current template", async ({
  page,
}, testInfo) => {
  const who = cast(testInfo);
  await loginAs(page, testInfo, "club-a@test.fr");
  const outdated = await fillTemplate(await downloadTemplate(page, testInfo, "Session Initiateur"), {
    ...initiateurFill(who),
    edit: (workbook) => {
      workbook.getWorksheet("Listes")!.getCell("H2").value =
        "SESSIONS-BORDEREAU;modele=session-initiateur;version=2;grille=INITIATEUR:1";
    },
  });
  await visit(page, "/sessions/importer", testInfo);
  await submitImport(page, { name: "ancien.xlsx", buffer: outdated }, "Ancien modèle", "Vérifier le fichier");
  const alert = page.getByRole("alert").filter({ hasText: "refusé" });
  await expect(alert).toContainText(
    "Ce bordereau « Session Initiateur » est en version 2 ; la version attendue est la 1.",
  );
  await expect(
    alert.getByRole("link", { name: "Télécharger le modèle « Session Initiateur » à jour" }),
  ).toHaveAttribute("href", "/modeles/session-initiateur.xlsx");

  const other = new ExcelJS.Workbook();
  other.addWorksheet("Feuil1").getCell("A1").value = "Liste des candidats";
  await visit(page, "/sessions/importer", testInfo);
  await submitImport(
    page,
    { name: "autre.xlsx", buffer: Buffer.from(await other.xlsx.writeBuffer()) },
    "Autre fichier",
    "Vérifier le fichier",
  );
  await expect(page.getByRole("alert").filter({ hasText: "refusé" })).toContainText(
    "Ce fichier n'est pas un bordereau de l'application",
  );
  await expect(page.getByRole("alert").getByRole("link", { name: "Modèles Excel" })).toHaveAttribute(
    "href",
    "/modeles",
  );
});

test("files re-saved by LibreOffice Calc and written by openpyxl import", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const who = cast(testInfo);
  await loginAs(page, testInfo, "club-a@test.fr");
  const blank = await downloadTemplate(page, testInfo, "Session Initiateur");
  {
    const title = `Initiateur LibreOffice ${testInfo.project.name}`;
    const bytes = resaveWithLibreOffice(await fillTemplate(blank, initiateurFill(who)));
    await visit(page, "/sessions/importer", testInfo);
    await submitImport(page, { name: "libreoffice.xlsx", buffer: bytes }, title, "Lancer l'import");
    await expect(
      page.getByText(`La session « ${title} » a été importée depuis libreoffice.xlsx : 3 candidats, 1 membre du jury.`),
    ).toBeVisible();
    const [{ id }] = sessionsTitled(title);
    expect(
      query<{ n: number }>(
        "select count(*) as n from marks m join session_candidates c on c.id = m.candidate_id where c.session_id = ?",
        id,
      )[0].n,
    ).toBe(5);
  }
  {
    const title = `Initiateur openpyxl ${testInfo.project.name}`;
    const bytes = fillWithOpenpyxl(blank, {
      header: { "Brevet passé": "Initiateur (E1)", Lieu: "Fosse de Villeneuve", "Date de début": "2026-04-11" },
      jury: [["Président de jury", who.president.licence, who.president.lastName, who.president.firstName]],
      candidates: [
        { Licence: who.a.licence, Nom: who.a.lastName, Prénom: who.a.firstName, "Mannequin (×1)": 15 },
        { Licence: who.b.licence, Nom: who.b.lastName, Prénom: who.b.firstName, "Réglementation (×2)": "9,5" },
      ],
    });
    await visit(page, "/sessions/importer", testInfo);
    await submitImport(page, { name: "openpyxl.xlsx", buffer: bytes }, title, "Lancer l'import");
    await expect(
      page.getByText(`La session « ${title} » a été importée depuis openpyxl.xlsx : 2 candidats, 1 membre du jury.`),
    ).toBeVisible();
    const [{ id }] = sessionsTitled(title);
    expect(
      query(
        "select t.code, m.value from marks m join session_candidates c on c.id = m.candidate_id join grid_tests t on t.id = m.test_id where c.session_id = ? order by t.code",
        id,
      ),
    ).toEqual([
      { code: "mannequin", value: 15 },
      { code: "reglementation", value: 9.5 },
    ]);
  }
});

test("only a gestionnaire of the current scope may import", async ({ page }, testInfo) => {
  await loginAs(page, testInfo, "lecteur-a@test.fr");
  const response = await visit(page, "/sessions/importer", testInfo);
  expect(response?.status()).toBe(403);
  await expect(page.getByText("Votre rôle de lecteur ne permet pas d'importer une session.")).toBeVisible();
  const post = await page.request.post("/sessions/importer", {
    multipart: await withToken(page, { title: "x", intent: "import" }),
    maxRedirects: 0,
  });
  expect(post.status()).toBe(403);

  await page.context().clearCookies();
  await loginAs(page, testInfo, "admin@test.fr");
  await visit(page, "/sessions/importer", testInfo);
  await expect(page.getByRole("alert")).toHaveText(
    "Choisissez d'abord, en haut de la page, la portée (club ou commission) pour laquelle importer la session.",
  );
  await expect(page.getByLabel("Fichier")).toHaveCount(0);
});

test("a draft is updated from its own export after changing one mark and removing one candidate", async ({
  page,
}, testInfo) => {
  const who = cast(testInfo);
  const id = createDraftSession("0750001", `Mise à jour Excel ${testInfo.project.name}`, "INITIATEUR");
  fillSession(id, {
    candidates: [who.a.id, who.b.id, who.c.id],
    jury: [{ licenseeId: who.president.id, role: "president" }],
  });
  const db = e2eDb();
  try {
    const testId = (code: string) =>
      (
        db
          .prepare(
            "select t.id from grid_tests t join exam_sessions s on s.grid_id = t.grid_id where s.id = ? and t.code = ?",
          )
          .get(id, code) as { id: number }
      ).id;
    const candidate = (licenseeId: number) =>
      (
        db
          .prepare("select id from session_candidates where session_id = ? and licensee_id = ?")
          .get(id, licenseeId) as { id: number }
      ).id;
    const insert = db.prepare("insert into marks (candidate_id, test_id, value, code) values (?, ?, ?, null)");
    insert.run(candidate(who.a.id), testId("mannequin"), 12);
    insert.run(candidate(who.b.id), testId("mannequin"), 16);
  } finally {
    db.close();
  }

  await loginAs(page, testInfo, "club-a@test.fr");
  await visit(page, `/sessions/${id}`, testInfo);
  await page.getByRole("link", { name: "Mettre à jour depuis Excel" }).click();
  await expect(page.getByRole("heading", { name: "Mettre à jour depuis Excel" })).toBeVisible();
  const exported = await page.request.get(`/sessions/${id}/excel.xlsx`);
  const edited = await fillTemplate(await exported.body(), {
    edit: (workbook) => {
      const sheet = workbook.getWorksheet("Candidats")!;
      for (let row = 2; row <= 4; row++) {
        const licence = sheet.getCell(row, 1).value;
        if (licence === who.a.licence) sheet.getCell(row, 6).value = 15.5;
        if (licence === who.c.licence)
          for (let column = 1; column <= 9; column++) sheet.getCell(row, column).value = null;
      }
    },
  });
  if (usesJs(testInfo)) await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
  await page
    .getByLabel("Fichier")
    .setInputFiles({ name: "export-modifie.xlsx", mimeType: "application/octet-stream", buffer: edited });
  await page.getByRole("button", { name: "Voir les changements" }).click();

  const preview = page.getByRole("region", { name: "Changements apportés par « export-modifie.xlsx »" });
  await expect(preview.getByRole("list", { name: "Candidats retirés" })).toHaveText(
    `${who.c.firstName} ${who.c.lastName} (${who.c.licence})`,
  );
  await expect(preview.getByRole("table", { name: "Notes modifiées" }).getByRole("row")).toHaveText([
    "CandidatÉpreuveAvantAprès",
    `${who.a.firstName} ${who.a.lastName} (${who.a.licence})Mannequin1215,5`,
  ]);
  // Nothing written before the confirmation.
  expect(query<{ n: number }>("select count(*) as n from session_candidates where session_id = ?", id)[0].n).toBe(3);
  await preview.getByRole("button", { name: "Appliquer les changements" }).click();

  await expect(page).toHaveURL(new RegExp(`/sessions/${id}$`));
  await expect(
    page.getByText("Session mise à jour depuis export-modifie.xlsx : 1 candidat retiré, 1 note modifiée."),
  ).toBeVisible();
  expect(
    query(
      "select l.licence from session_candidates c join licensees l on l.id = c.licensee_id where c.session_id = ? order by l.licence",
      id,
    ),
  ).toEqual([{ licence: who.a.licence }, { licence: who.b.licence }]);
  expect(
    query(
      `select l.licence, m.value from marks m join session_candidates c on c.id = m.candidate_id join licensees l on l.id = c.licensee_id
       where c.session_id = ? order by l.licence`,
      id,
    ),
  ).toEqual([
    { licence: who.a.licence, value: 15.5 },
    { licence: who.b.licence, value: 16 },
  ]);
  await expect(page.getByText(/mis à jour depuis export-modifie\.xlsx/)).toBeVisible();
});

test("a closed session cannot be updated from Excel", async ({ page }, testInfo) => {
  const [{ id }] = sessionsTitled("Tritons N1 hiver");
  await loginAs(page, testInfo, "club-a@test.fr");
  await visit(page, `/sessions/${id}`, testInfo);
  await expect(page.getByRole("link", { name: "Mettre à jour depuis Excel" })).toHaveCount(0);
  const response = await visit(page, `/sessions/${id}/mise-a-jour`, testInfo);
  expect(response?.status()).toBe(409);
  await expect(page.getByText("Cette session est clôturée : elle ne peut plus être modifiée.")).toBeVisible();
  const post = await page.request.post(`/sessions/${id}/mise-a-jour`, {
    multipart: await withToken(page, { intent: "preview" }),
  });
  expect(post.status()).toBe(409);
});
