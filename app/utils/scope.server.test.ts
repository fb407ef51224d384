import { installGlobals } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/connection";
import { loadWorld } from "../../db/load";
import { freshAppDatabase } from "../../test/support/database";
import { personalSpaceWorld } from "../../test/support/personal-space-world";

// Request and fetch as remix-serve installs them (a copy of a request keeps its abort signal).
installGlobals();

const database = await freshAppDatabase();

let db: DB;
let scope: typeof import("./scope.server");
let marc: string;
let other: string;

const cookieOf = (setCookie: string) => setCookie.split(";")[0];
const request = (cookie: string | null, signal?: AbortSignal) =>
  new Request("http://localhost/sessions", { headers: cookie ? { Cookie: cookie } : {}, signal });

beforeAll(async () => {
  ({ db } = await import("./db.server"));
  scope = await import("./scope.server");
  const auth = await import("./auth.server");
  const world = personalSpaceWorld();
  world.users!.push({
    email: "autre@test.fr",
    password: "motdepasse-test",
    nom: "Claire Moreau",
    licence: "A-75-100003",
  });
  await loadWorld(db, world);
  const user = async (email: string) => {
    const row = await db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirstOrThrow();
    return { id: row.id, email: row.email, name: row.name, isAdmin: row.is_admin === 1, licenseeId: row.licensee_id };
  };
  marc = cookieOf(await auth.startLoginSession(await user("moniteur@test.fr")));
  other = cookieOf(await auth.startLoginSession(await user("autre@test.fr")));
});

afterAll(async () => {
  await db.destroy();
  await database.cleanup();
});

describe("getViewer", () => {
  it("reads the viewer once for the loaders of one request", async () => {
    const signal = new AbortController().signal;
    const first = scope.getViewer(request(marc, signal));
    const second = scope.getViewer(request(marc, signal));
    expect(second).toBe(first);
    expect((await first)?.user.name).toBe("Marc Petit");
  });

  it("reads the viewer once for the loaders of one request of the server, whose copies have signals of their own", async () => {
    const { requestStorage } = await import("./request-context.server");
    const context = { requestId: "r1", nonce: "n", csrfToken: "t", userId: null, storageError: null };
    const [first, second] = requestStorage.run(context, () => [
      scope.getViewer(request(marc, new AbortController().signal)),
      scope.getViewer(request(marc, new AbortController().signal)),
    ]);
    expect(second).toBe(first);
    expect((await first)?.user.name).toBe("Marc Petit");
    const next = { ...context, requestId: "r2" };
    expect(requestStorage.run(next, () => scope.getViewer(request(marc)))).not.toBe(first);
  });

  it("never hands one person's viewer to another, even on a shared signal", async () => {
    const signal = new AbortController().signal;
    const viewer = await scope.getViewer(request(marc, signal));
    const someoneElse = await scope.getViewer(request(other, signal));
    expect(viewer?.user.name).toBe("Marc Petit");
    expect(someoneElse?.user.name).toBe("Claire Moreau");
    expect(await scope.getViewer(request(null, signal))).toBeNull();
  });

  it("reads again for another request", async () => {
    const viewer = await scope.getViewer(request(marc));
    await db.updateTable("users").set({ name: "Marc Petit-Jean" }).where("email", "=", "moniteur@test.fr").execute();
    expect((await scope.getViewer(request(marc)))?.user.name).toBe("Marc Petit-Jean");
    expect(viewer?.user.name).toBe("Marc Petit");
  });

  it("sends whoever is not logged in to the login page, back to the asked page", async () => {
    const response = await scope
      .requireViewer(new Request("http://localhost/sessions?statut=cloturee"))
      .catch((e: unknown) => e);
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(302);
    expect((response as Response).headers.get("Location")).toBe(
      "/connexion?redirectTo=%2Fsessions%3Fstatut%3Dcloturee",
    );
  });
});
