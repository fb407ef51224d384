import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { alone, anotherBrowser, loginAs, visit } from "./helpers";

const DATA_DIR = `e2e/.data/${process.env.E2E_PORT ?? 3100}`;

/** `npm run db:backup -- --planifiee FILE` on the end-to-end database, as the scheduler runs it. */
function scheduledBackup(file: string): boolean {
  try {
    execFileSync("node_modules/.bin/tsx", ["db/backup-cli.ts", "--planifiee", file], {
      env: { ...process.env, DATABASE_URL: `${DATA_DIR}/e2e.db` },
      stdio: "ignore",
    });
    return true;
  } catch {
    return false;
  }
}

test("a failed scheduled backup is shown to the administrator, and to him alone, until one succeeds", async ({
  page: admin,
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  await alone("backups", async () => {
    // A backup file whose folder is a file: the backup cannot be written.
    writeFileSync(`${DATA_DIR}/pas-un-dossier`, "");
    try {
      expect(scheduledBackup(`${DATA_DIR}/pas-un-dossier/copie.db`)).toBe(false);

      await loginAs(admin, testInfo, "admin@test.fr");
      const banner = admin.getByRole("alert").filter({ hasText: "Sauvegarde automatique en échec" });
      await expect(banner).toBeVisible();
      await expect(banner).toContainText("Les données ne sont plus sauvegardées");
      await visit(admin, "/administration/utilisateurs", testInfo);
      await expect(banner).toBeVisible();

      const elsewhere = await anotherBrowser(browser, testInfo);
      const secretary = await elsewhere.newPage();
      await loginAs(secretary, testInfo, "club-a@test.fr");
      await expect(secretary.getByText("Sauvegarde automatique en échec")).toHaveCount(0);
      await elsewhere.close();

      expect(scheduledBackup(`${DATA_DIR}/backups/reussie-${testInfo.project.name}.db`)).toBe(true);
      await visit(admin, "/sessions", testInfo);
      await expect(admin.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(admin.getByText("Sauvegarde automatique en échec")).toHaveCount(0);
    } finally {
      rmSync(`${DATA_DIR}/pas-un-dossier`, { force: true });
      rmSync(`${DATA_DIR}/backups/reussie-${testInfo.project.name}.db`, { force: true });
    }
  });
});
