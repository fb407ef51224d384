import { describe, expect, test } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS, generateDemoWorld } from "./demo";
import { worldSchema, type World } from "./world";
import { BREVETS, EQUIVALENCES, PREROGATIVES } from "../test/support/catalogue";

function ageOn(birth: string, date: string): number {
  const [by, bm, bd] = birth.split("-").map(Number);
  const [y, m, d] = date.split("-").map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
const ageReference = (code: string, date: string) => (BREVETS[code].yearStart ? `${date.slice(0, 4)}-01-01` : date);

type Licensee = World["licensees"][number];
const hasValidLicence = (l: Licensee, date: string) =>
  l.licences.some((x) => x.statut === "validee" && `${x.saison - 1}-09-15` <= date && date <= `${x.saison}-12-31`);
const heldOn = (l: Licensee, code: string, date: string) => l.brevets.some((b) => b.code === code && b.date <= date);
const holdsPrerogative = (l: Licensee, prerogative: string, date: string) =>
  PREROGATIVES[prerogative].some((code) => heldOn(l, code, date));

const world = worldSchema.parse(generateDemoWorld());
const authorised = (l: Licensee) => l.autorisations.map((a) => a.organisateur);
const byLicence = new Map(world.licensees.map((l) => [l.licence, l]));
const structures = new Map(world.structures.map((s) => [s.code, s]));
const closed = world.sessions.filter((s) => s.statut === "cloturee");

/** CLUB (club or SCA), CODEP, REGION or NATIONAL. */
function organiserLevel(organiser: string): string {
  const [structure, commission] = organiser.split("/");
  const type = structures.get(structure)?.type;
  if (!type) throw new Error(`unknown organiser ${organiser}`);
  if (commission === undefined) return type === "SCA" ? "CLUB" : type;
  expect(world.commissions.map((c) => c.code)).toContain(commission);
  return type;
}

describe("generateDemoWorld", () => {
  test("satisfies the world schema", () => {
    const result = worldSchema.safeParse(generateDemoWorld());
    expect(result.success ? [] : result.error.issues.slice(0, 5)).toEqual([]);
  });

  test("is deterministic, and the seed matters", () => {
    expect(generateDemoWorld()).toEqual(generateDemoWorld());
    expect(generateDemoWorld(7)).toEqual(generateDemoWorld(7));
    expect(generateDemoWorld(7).licensees).not.toEqual(generateDemoWorld().licensees);
  });

  test("has the federation's tree: 1 national, 3 regions, 6 CODEPs, 30 clubs and SCAs", () => {
    const ofType = (type: string) => world.structures.filter((s) => s.type === type);
    expect(ofType("NATIONAL")).toEqual([
      {
        code: "FFESSM",
        type: "NATIONAL",
        name: "Fédération française d'études et de sports sous-marins",
        parent: null,
      },
    ]);
    expect(ofType("REGION").map((s) => s.parent)).toEqual(["FFESSM", "FFESSM", "FFESSM"]);
    expect(ofType("CODEP")).toHaveLength(6);
    for (const codep of ofType("CODEP")) expect(structures.get(codep.parent!)?.type).toBe("REGION");
    const clubs = [...ofType("CLUB"), ...ofType("SCA")];
    expect(clubs).toHaveLength(30);
    expect(ofType("SCA").length).toBeGreaterThanOrEqual(3);
    for (const club of clubs) {
      expect(club.code).toMatch(/^0\d{6}$/);
      expect(structures.get(club.parent!)?.type).toBe("CODEP");
      expect(club.code.slice(1, 3)).toBe(club.parent!.slice(-2));
    }
    expect(world.commissions.map((c) => c.code)).toEqual(["TECHNIQUE", "APNEE", "BIO", "NAP"]);
  });

  test("has 5,000 licensees with unique licence numbers, born 1950–2018, in a club", () => {
    expect(world.licensees).toHaveLength(5000);
    expect(byLicence.size).toBe(5000);
    for (const l of world.licensees) {
      expect(l.licence).toMatch(/^A-\d{2}-\d{6}$/);
      expect(l.naissance >= "1950-01-01" && l.naissance <= "2018-12-31").toBe(true);
      expect(["CLUB", "SCA"]).toContain(structures.get(l.structure)?.type);
    }
  });

  test("licences: most hold 2026, about 60% 2027, about 5% 2027 en attente, about 8% only 2025", () => {
    const share = (test: (l: Licensee) => boolean) => world.licensees.filter(test).length / world.licensees.length;
    const has = (saison: number, statut: string) => (l: Licensee) =>
      l.licences.some((x) => x.saison === saison && x.statut === statut);
    expect(share(has(2026, "validee"))).toBeGreaterThan(0.85);
    expect(share(has(2027, "validee"))).toBeGreaterThan(0.55);
    expect(share(has(2027, "validee"))).toBeLessThan(0.65);
    expect(share(has(2027, "en_attente"))).toBeGreaterThan(0.03);
    expect(share(has(2027, "en_attente"))).toBeLessThan(0.07);
    const onlyExpired = share((l) => l.licences.length === 1 && has(2025, "validee")(l));
    expect(onlyExpired).toBeGreaterThan(0.06);
    expect(onlyExpired).toBeLessThan(0.1);
  });

  test("every brevet is held with its prerequisites and within its age bounds", () => {
    // A candidate admitted through an equivalence holds the brevet without its prerequisite.
    const throughEquivalence = new Set(
      closed.flatMap((s) => s.candidats.filter((c) => c.equivalence).map((c) => `${c.licence} ${s.brevet}`)),
    );
    for (const l of world.licensees) {
      expect(new Set(l.brevets.map((b) => b.code)).size).toBe(l.brevets.length);
      for (const b of l.brevets) {
        expect(b.date <= "2026-10-31", `${l.licence} ${b.code} ${b.date}`).toBe(true);
        const cert = BREVETS[b.code];
        if (!cert) continue; // MON-NITROX-C: held, never passed in a session
        const age = ageOn(l.naissance, ageReference(b.code, b.date));
        if (cert.minAge !== null) expect(age, `${l.licence} ${b.code}`).toBeGreaterThanOrEqual(cert.minAge);
        if (cert.maxAge !== null) expect(age, `${l.licence} ${b.code}`).toBeLessThanOrEqual(cert.maxAge);
        if (throughEquivalence.has(`${l.licence} ${b.code}`)) continue;
        for (const group of cert.prerequisites) {
          expect(
            group.some((code) => heldOn(l, code, b.date)),
            `${l.licence} ${b.code} needs ${group}`,
          ).toBe(true);
        }
      }
    }
  });

  test("has about 300 MF1, 60 MF2, 40 Moniteurs Nitrox confirmés, a few ANTEOR and no GP-ASSOCIE", () => {
    const holders = (code: string) => world.licensees.filter((l) => l.brevets.some((b) => b.code === code)).length;
    expect(holders("MF1")).toBeGreaterThanOrEqual(250);
    expect(holders("MF1")).toBeLessThanOrEqual(350);
    expect(holders("MF2")).toBeGreaterThanOrEqual(50);
    expect(holders("MF2")).toBeLessThanOrEqual(70);
    expect(holders("MON-NITROX-C")).toBeGreaterThanOrEqual(30);
    expect(holders("ANTEOR")).toBeGreaterThan(0);
    expect(holders("GP-ASSOCIE")).toBe(0);
    for (const code of ["BRONZE", "N1", "N2", "N3", "GP-N4", "RIFAP", "NITROX", "INITIATEUR"]) {
      expect(holders(code), code).toBeGreaterThan(0);
    }
  });

  test("every instructor authorises their own club; some also their committees", () => {
    const instructors = world.licensees.filter((l) => l.brevets.some((b) => b.code === "MF1" || b.code === "MF2"));
    for (const l of instructors) expect(authorised(l)).toContain(l.structure);
    const committees = instructors.filter((l) => authorised(l).some((a) => a.endsWith("/TECHNIQUE"))).length;
    expect(committees / instructors.length).toBeGreaterThan(0.2);
    expect(committees / instructors.length).toBeLessThan(0.5);
    for (const l of world.licensees) for (const a of authorised(l)) organiserLevel(a);
    for (const l of world.licensees) for (const a of l.autorisations) expect(a.date, l.licence).not.toBeNull();
  });

  test("has the demo logins, all with the demo password, on existing organisers", () => {
    expect(world.users.map((u) => u.email)).toEqual(DEMO_USERS.map((u) => u.email));
    expect(DEMO_USERS.map((u) => u.email)).toEqual([
      "club@demo.fr",
      "ctr@demo.fr",
      "lecteur@demo.fr",
      "admin@demo.fr",
      "multi@demo.fr",
      "moniteur@demo.fr",
    ]);
    for (const user of world.users) {
      expect(user.password).toBe(DEMO_PASSWORD);
      for (const scope of user.scopes) organiserLevel(scope.organiser);
    }
    const user = (email: string) => world.users.find((u) => u.email === email)!;
    expect(user("admin@demo.fr")).toMatchObject({ admin: true, scopes: [] });
    expect(user("lecteur@demo.fr").scopes).toEqual([
      { organiser: user("club@demo.fr").scopes[0].organiser, role: "lecteur" },
    ]);
    expect(user("ctr@demo.fr").scopes).toEqual([{ organiser: "REGION-IDF/TECHNIQUE", role: "gestionnaire" }]);
    expect(user("multi@demo.fr").scopes.map((s) => s.role)).toEqual(["gestionnaire", "lecteur"]);
    for (const email of ["club@demo.fr", "ctr@demo.fr", "lecteur@demo.fr", "admin@demo.fr", "multi@demo.fr"]) {
      expect(user(email).licence, email).toBeUndefined();
    }
  });

  test("the instructor login: no scope, linked to an MF1 of the demo club who presides one of its drafts", () => {
    const account = world.users.find((u) => u.email === "moniteur@demo.fr")!;
    const club = world.users.find((u) => u.email === "club@demo.fr")!.scopes[0].organiser;
    expect(account.scopes).toEqual([]);
    expect(account.admin).toBeUndefined();
    const person = byLicence.get(account.licence!)!;
    expect(account.nom).toBe(`${person.prenom} ${person.nom}`);
    expect(person.structure).toBe(club);
    expect(person.brevets.map((b) => b.code)).toContain("MF1");
    expect(person.brevets.map((b) => b.code)).not.toContain("MF2");
    expect(authorised(person)).toContain(club);
    expect(hasValidLicence(person, "2026-11-27")).toBe(true);
    const drafts = world.sessions.filter(
      (s) =>
        s.organisateur === club &&
        s.statut === "en_creation" &&
        s.jury.some((j) => j.licence === person.licence && j.role === "president"),
    );
    expect(drafts.length).toBeGreaterThan(0);
  });

  test("has about 200 sessions in both states, the demo scopes about 15 each", () => {
    expect(world.sessions.length).toBeGreaterThanOrEqual(180);
    expect(world.sessions.length).toBeLessThanOrEqual(220);
    for (const s of world.sessions) {
      expect(s.debut >= "2025-01-01" && s.debut <= "2027-03-31").toBe(true);
      if (s.fin) expect(s.fin >= s.debut).toBe(true);
      if (s.brevet === "GP-N4" && s.fin) expect(s.fin <= addDays(s.debut, 3)).toBe(true);
    }
    const demoScopes = ["club@demo.fr", "ctr@demo.fr"].map(
      (email) => world.users.find((u) => u.email === email)!.scopes[0].organiser,
    );
    for (const organiser of demoScopes) {
      const own = world.sessions.filter((s) => s.organisateur === organiser);
      expect(own.length, organiser).toBeGreaterThanOrEqual(12);
      expect(own.length, organiser).toBeLessThanOrEqual(18);
      expect(new Set(own.map((s) => s.statut)), organiser).toEqual(new Set(["cloturee", "en_creation"]));
    }
    expect(world.sessions.some((s) => s.statut === "en_creation" && s.debut < "2026-11-01")).toBe(true);
    expect(world.sessions.some((s) => s.statut === "en_creation" && s.debut > "2026-11-30")).toBe(true);
  });

  test("every session: a brevet its organiser may organise, 1 to 8 candidates, distinct people, nobody on both sides", () => {
    for (const s of world.sessions) {
      const where = `${s.intitule} (${s.organisateur})`;
      expect(BREVETS[s.brevet]?.levels, where).toContain(organiserLevel(s.organisateur));
      expect(s.candidats.length, where).toBeGreaterThanOrEqual(1);
      expect(s.candidats.length, where).toBeLessThanOrEqual(8);
      const people = [...s.candidats, ...s.jury].map((p) => p.licence);
      expect(new Set(people).size, where).toBe(people.length);
      for (const licence of people) expect(byLicence.has(licence), licence).toBe(true);
      expect(s.jury.filter((j) => j.role === "president").length, where).toBeLessThanOrEqual(1);
    }
  });

  test("every jury président holds the brevet's prerogative on the session start date", () => {
    for (const s of world.sessions) {
      for (const j of s.jury.filter((j) => j.role === "president")) {
        expect(holdsPrerogative(byLicence.get(j.licence)!, BREVETS[s.brevet].jury, s.debut), s.intitule).toBe(true);
      }
    }
  });

  test("closed sessions are in the past, without marks, and would pass every close check", () => {
    expect(closed.length).toBeGreaterThan(80);
    for (const s of closed) {
      const where = `${s.intitule} (${s.organisateur}, ${s.debut})`;
      const cert = BREVETS[s.brevet];
      expect(s.debut < "2026-11-01", where).toBe(true);
      expect(cert.grid || s.brevet === "ANTEOR", where).toBeFalsy();

      const deciders = s.jury.filter((j) => j.role === "president" || j.role === "delegue");
      expect(deciders.length, where).toBeGreaterThanOrEqual(1);
      for (const j of deciders) {
        const l = byLicence.get(j.licence)!;
        expect(hasValidLicence(l, s.debut), `${where} jury ${j.licence}`).toBe(true);
        expect(holdsPrerogative(l, cert.jury, s.debut), `${where} jury ${j.licence}`).toBe(true);
        expect(authorised(l), `${where} jury ${j.licence}`).toContain(s.organisateur);
      }

      for (const c of s.candidats) {
        const l = byLicence.get(c.licence)!;
        const who = `${where} candidate ${c.licence}`;
        expect(hasValidLicence(l, s.debut), who).toBe(true);
        // Holds the brevet from this session, and not before.
        expect(
          l.brevets.filter((b) => b.code === s.brevet),
          who,
        ).toEqual([{ code: s.brevet, date: s.debut }]);
        const equivalent = c.equivalence ? EQUIVALENCES[c.equivalence] : undefined;
        if (c.equivalence) expect(equivalent, who).toBeDefined();
        for (const group of cert.prerequisites) {
          expect(
            group.some((code) => code === equivalent || heldOn(l, code, s.debut)),
            `${who} needs ${group}`,
          ).toBe(true);
        }
        const age = ageOn(l.naissance, ageReference(s.brevet, s.debut));
        if (cert.minAge !== null) expect(age, who).toBeGreaterThanOrEqual(cert.minAge);
        if (cert.maxAge !== null) expect(age, who).toBeLessThanOrEqual(cert.maxAge);
      }
    }
  });
});

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
