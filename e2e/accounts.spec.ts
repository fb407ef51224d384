import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { hashPassword } from "../db/password";
import { query } from "./fixtures";
import { anotherBrowser, e2eDb, login, loginAs, usesJs, visit, withToken } from "./helpers";
import { mailDir } from "./mail-server";

// Logins hash with scrypt N = 2^17: slow on a shared machine.
test.setTimeout(180_000);

const NEW_PASSWORD = "bulles-et-palmes-2026";

/** The last message the SMTP server of the test received for an address, and the link it carries. */
async function waitForMail(to: string, kind: "invitation" | "reinitialiser") {
  let found: string | undefined;
  await expect
    .poll(
      () => {
        const dir = mailDir();
        if (!existsSync(dir)) return false;
        const files = readdirSync(dir).sort().reverse();
        found = files
          .map((f) => readFileSync(`${dir}/${f}`, "utf8"))
          .find((m) => m.startsWith(`X-Envelope-To: ${to}\r\n`));
        return found !== undefined;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  const raw = found!.replace(/=\r?\n/g, "");
  const link = new RegExp(`http://127\\.0\\.0\\.1:\\d+/${kind}/[A-Za-z0-9_-]+`).exec(raw)?.[0];
  expect(link, "the message carries an absolute link").toBeDefined();
  return { raw, link: link!, path: new URL(link!).pathname };
}

const unique = (testInfo: TestInfo, name: string) => `${name}-${testInfo.project.name}-${Date.now()}@test.fr`;

/** An active account made for one test, straight into the database. */
async function createUser(
  email: string,
  scopes: { organiser: string; role: string }[] = [],
  password = "motdepasse-test",
) {
  const hash = await hashPassword(password);
  const db = e2eDb();
  try {
    const { id } = db
      .prepare(
        "insert into users (email, password_hash, name, is_admin, created_at, state) values (?, ?, ?, 0, ?, 'active') returning id",
      )
      .get(email, hash, "Compte de test", new Date().toISOString()) as { id: number };
    for (const s of scopes) {
      db.prepare(
        "insert into user_scopes (user_id, organiser_id, role) values (?, (select id from organisers where code = ?), ?)",
      ).run(id, s.organiser, s.role);
    }
    return id;
  } finally {
    db.close();
  }
}

async function choosePassword(page: Page, password = NEW_PASSWORD) {
  await expect(page.getByRole("heading", { name: "Choisir un mot de passe" })).toBeVisible();
  await page.getByLabel("Nouveau mot de passe").fill(password);
  await page.getByLabel("Confirmation du mot de passe").fill(password);
  await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
}

const journalKinds = (email: string) =>
  query<{ kind: string }>("select kind from security_journal where email = ? order by id", email).map((r) => r.kind);

test("an administrator invites a user by e-mail, who chooses a password and holds only the given scope and role", async ({
  page,
  browser,
}, testInfo) => {
  const email = unique(testInfo, "invite");
  await loginAs(page, testInfo, "admin@test.fr");
  await page.getByRole("link", { name: "Utilisateurs" }).click();
  await expect(page.getByRole("heading", { name: "Utilisateurs" })).toBeVisible();
  await page.getByRole("link", { name: "Inviter un utilisateur" }).click();
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Nom", { exact: true }).fill("Nina Nouvelle");
  await page.getByLabel("Portée 1").selectOption({ label: "Plongée Bastille (0750002)" });
  await page.getByLabel("Rôle 1").selectOption("lecteur");
  await page.getByRole("button", { name: "Inviter" }).click();
  await expect(page.getByRole("status")).toContainText(`Invitation envoyée à ${email}.`);
  await page.getByRole("searchbox").fill(email);
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(email).replace(/\./g, "\\.")}`));
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Invité");
  await expect(row).toContainText("Plongée Bastille (lecteur)");

  const mail = await waitForMail(email, "invitation");
  expect(mail.raw).toMatch(/^Subject: =\?UTF-8\?Q\?Invitation_=C3=A0_l=27application/m);
  expect(mail.raw).toMatch(/Content-Type: text\/html/);
  expect(mail.raw).toMatch(/Content-Type: text\/plain/);

  const context = await anotherBrowser(browser, testInfo);
  const newcomer = await context.newPage();
  await visit(newcomer, mail.path, testInfo);
  await choosePassword(newcomer, "court");
  await expect(newcomer.getByText("Le mot de passe doit comporter au moins 12 caractères.")).toBeVisible();
  await expect(newcomer.getByLabel("Nouveau mot de passe")).toHaveAttribute("aria-invalid", "true");
  await choosePassword(newcomer);
  await expect(newcomer.getByTestId("portee-courante")).toContainText("Plongée Bastille (lecteur)");
  await expect(newcomer.locator("#portee")).toHaveCount(0);
  expect((await newcomer.goto("/administration/utilisateurs"))?.status()).toBe(403);
  // The link served once.
  await visit(newcomer, mail.path, testInfo);
  await expect(newcomer.getByRole("alert")).toHaveText("Ce lien a déjà été utilisé.");
  await expect(newcomer.getByLabel("Nouveau mot de passe")).toHaveCount(0);
  await context.close();

  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Actif");
  expect(journalKinds(email)).toEqual(["invitation_sent", "invitation_accepted"]);
});

test("a forgotten password: the link by e-mail sets a new one and ends the login elsewhere; used or expired links are refused", async ({
  page,
  browser,
}, testInfo) => {
  const email = unique(testInfo, "oubli");
  await createUser(email, [{ organiser: "0750001", role: "lecteur" }]);
  const elsewhere = await anotherBrowser(browser, testInfo);
  const other = await elsewhere.newPage();
  await loginAs(other, testInfo, email);

  await visit(page, "/connexion", testInfo);
  await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
  await expect(page).toHaveURL(/\/mot-de-passe-oublie$/);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "Si un compte existe pour cette adresse, un e-mail vient de lui être envoyé.",
  );
  // The same answer for an address without account.
  await page.getByLabel("Adresse e-mail").fill(unique(testInfo, "personne"));
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "Si un compte existe pour cette adresse, un e-mail vient de lui être envoyé.",
  );

  const mail = await waitForMail(email, "reinitialiser");
  await visit(page, mail.path, testInfo);
  await choosePassword(page, "password1234");
  await expect(page.getByText("Ce mot de passe est trop courant : choisissez-en un autre.")).toBeVisible();
  await choosePassword(page);
  await expect(page.getByTestId("portee-courante")).toContainText("Les Tritons de Paris");

  await visit(other, "/sessions", testInfo);
  await expect(other).toHaveURL(/\/connexion$/);
  await elsewhere.close();

  await visit(page, mail.path, testInfo);
  await expect(page.getByRole("alert")).toHaveText("Ce lien a déjà été utilisé.");

  // A second link, aged past its hour.
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  // Logged out before going on (with JavaScript the logout is a fetch that a new page would cancel).
  await expect(page).toHaveURL(/\/connexion$/);
  await visit(page, "/mot-de-passe-oublie", testInfo);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expect(page.getByRole("status")).toBeVisible();
  let second: { path: string } | undefined;
  await expect.poll(async () => (second = await waitForMail(email, "reinitialiser")).path).not.toBe(mail.path);
  const db = e2eDb();
  try {
    db.prepare(
      "update password_tokens set expires_at = ? where used_at is null and user_id = (select id from users where email = ?)",
    ).run(new Date(Date.now() - 1000).toISOString(), email);
  } finally {
    db.close();
  }
  await visit(page, second!.path, testInfo);
  await expect(page.getByRole("alert")).toHaveText("Ce lien a expiré.");
  await expect(page.getByLabel("Nouveau mot de passe")).toHaveCount(0);

  await login(page, testInfo, email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/sessions$/);
  expect(journalKinds(email)).toEqual(
    expect.arrayContaining(["login_succeeded", "password_reset_requested", "password_reset_done", "logout"]),
  );
});

test("a gestionnaire cannot give a scope he does not manage: a forged form is refused and changes nothing", async ({
  page,
}, testInfo) => {
  const target = unique(testInfo, "cible");
  const id = await createUser(target, [{ organiser: "0750001", role: "lecteur" }]);
  await loginAs(page, testInfo, "club-a@test.fr");
  await visit(page, "/administration/utilisateurs", testInfo);
  await expect(page.getByRole("link", { name: target })).toBeVisible();
  // Accounts of other scopes are not listed.
  await expect(page.getByRole("link", { name: "club-b@test.fr" })).toHaveCount(0);
  await visit(page, "/administration/utilisateurs/inviter", testInfo);
  await expect(page.getByLabel("Portée 1").locator("option", { hasText: "Plongée Bastille" })).toHaveCount(0);

  const bastille = query<{ id: number }>("select id from organisers where code = '0750002'")[0].id;
  const before = query("select organiser_id, role from user_scopes where user_id = ? order by organiser_id", id);
  const forged = await page.request.post(`/administration/utilisateurs/${id}`, {
    form: await withToken(page, {
      intent: "portees",
      "scopes[0].organiser": String(bastille),
      "scopes[0].role": "gestionnaire",
    }),
  });
  expect(forged.status()).toBe(403);
  expect(query("select organiser_id, role from user_scopes where user_id = ? order by organiser_id", id)).toEqual(
    before,
  );
  const invited = unique(testInfo, "force");
  const forgedInvite = await page.request.post("/administration/utilisateurs/inviter", {
    form: await withToken(page, {
      email: invited,
      name: "Intrus",
      "scopes[0].organiser": String(bastille),
      "scopes[0].role": "gestionnaire",
    }),
  });
  expect(forgedInvite.status()).toBe(403);
  expect(query("select id from users where email = ?", invited)).toEqual([]);
  // An account of another scope does not exist for him.
  const other = query<{ id: number }>("select id from users where email = 'club-b@test.fr'")[0].id;
  expect((await page.request.get(`/administration/utilisateurs/${other}`)).status()).toBe(404);

  // His own scope he may give.
  await visit(page, `/administration/utilisateurs/${id}`, testInfo);
  await page.getByLabel("Rôle 1").selectOption("gestionnaire");
  await page.getByRole("button", { name: "Enregistrer les portées" }).click();
  await expect(page.getByRole("status")).toContainText(`Portées de ${target} enregistrées.`);
  expect(query("select role from user_scopes where user_id = ?", id)).toEqual([{ role: "gestionnaire" }]);
});

test("a disabled user's open browser is logged out at its next request, and he cannot log in until re-enabled", async ({
  page,
  browser,
}, testInfo) => {
  const email = unique(testInfo, "desactive");
  const id = await createUser(email, [{ organiser: "0750001", role: "lecteur" }]);
  const elsewhere = await anotherBrowser(browser, testInfo);
  const other = await elsewhere.newPage();
  await loginAs(other, testInfo, email);

  await loginAs(page, testInfo, "admin@test.fr");
  await visit(page, `/administration/utilisateurs/${id}`, testInfo);
  await page.getByRole("button", { name: "Désactiver" }).click();
  await expect(page.getByRole("status")).toContainText(`${email} est désactivé`);
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Désactivé");

  await visit(other, "/sessions", testInfo);
  await expect(other).toHaveURL(/\/connexion$/);
  await login(other, testInfo, email);
  await expect(other.getByRole("alert")).toHaveText("Identifiant ou mot de passe incorrect");

  await visit(page, `/administration/utilisateurs/${id}`, testInfo);
  await page.getByRole("button", { name: "Réactiver" }).click();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Actif");
  await login(other, testInfo, email);
  await expect(other).toHaveURL(/\/sessions$/);
  await elsewhere.close();
  expect(journalKinds(email)).toEqual([
    "login_succeeded",
    "user_disabled",
    "login_failed",
    "user_enabled",
    "login_succeeded",
  ]);
});

test("logins are throttled: the 6th failure is answered 429, the right password too until the delay is over", async ({
  page,
}, testInfo) => {
  const email = unique(testInfo, "force-brute");
  const unknown = unique(testInfo, "inconnu");
  await createUser(email, [{ organiser: "0750001", role: "lecteur" }]);
  const answers: Record<string, { status: number; text: string }[]> = { [email]: [], [unknown]: [] };
  // Posted as the login form would be, with its token: what refuses is the throttle, not the guard.
  await visit(page, "/connexion", testInfo);
  const wrong = await withToken(page, { password: "mauvais-mot-de-passe" });
  // The unknown address first: the known one's minute of delay starts last (hashing is slow here).
  for (const address of [unknown, email]) {
    for (let i = 0; i < 6; i++) {
      const response = await page.request.post("/connexion?_data=routes/connexion", {
        form: { ...wrong, email: address },
      });
      answers[address].push({ status: response.status(), text: (await response.text()).replaceAll(address, "…") });
    }
  }
  expect(answers[email].map((a) => a.status)).toEqual([400, 400, 400, 400, 400, 429]);
  expect(answers[unknown]).toEqual(answers[email]);
  expect(answers[email][5].text).toContain("Trop de tentatives : réessayez dans 1 minutes.");

  await login(page, testInfo, email);
  await expect(page.getByRole("alert")).toHaveText("Trop de tentatives : réessayez dans 1 minutes.");
  await expect(page).toHaveURL(/\/connexion/);
  // The minute has passed.
  const db = e2eDb();
  try {
    db.prepare("update login_throttles set blocked_until = ? where key = ?").run(
      new Date(Date.now() - 1000).toISOString(),
      `email:${email}`,
    );
  } finally {
    db.close();
  }
  await login(page, testInfo, email);
  await expect(page).toHaveURL(/\/sessions$/);
  expect(journalKinds(email).filter((k) => k === "login_throttled")).toHaveLength(2);
  if (usesJs(testInfo)) await expect(page.locator("html[data-hydrated]")).toHaveCount(1);
});

test("« Mes connexions » lists the logins and ends them; the password is changed from /compte", async ({
  page,
  browser,
}, testInfo) => {
  const email = unique(testInfo, "compte");
  await createUser(email, [{ organiser: "0750001", role: "lecteur" }]);
  const elsewhere = await anotherBrowser(browser, testInfo);
  const other = await elsewhere.newPage();
  await loginAs(other, testInfo, email);
  await loginAs(page, testInfo, email);
  await page.getByRole("link", { name: "Utilisateur connecté" }).click();
  await expect(page.getByRole("heading", { name: "Mes connexions" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Déconnecter", exact: true })).toHaveCount(2);
  await page.getByRole("button", { name: "Déconnecter toutes les autres" }).click();
  await expect(page.getByRole("button", { name: "Déconnecter", exact: true })).toHaveCount(1);
  await visit(other, "/sessions", testInfo);
  await expect(other).toHaveURL(/\/connexion$/);
  await elsewhere.close();

  await page.getByLabel("Mot de passe actuel").fill("pas-le-bon-mot-de-passe");
  await page.getByLabel("Nouveau mot de passe").fill(NEW_PASSWORD);
  await page.getByLabel("Confirmation du mot de passe").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  await expect(page.getByText("Le mot de passe actuel est incorrect.")).toBeVisible();
  await page.getByLabel("Mot de passe actuel").fill("motdepasse-test");
  await page.getByLabel("Nouveau mot de passe").fill(NEW_PASSWORD);
  await page.getByLabel("Confirmation du mot de passe").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  await expect(page.getByRole("status")).toHaveText("Mot de passe changé. Vos autres connexions sont fermées.");
  expect(journalKinds(email)).toContain("password_changed");
});
