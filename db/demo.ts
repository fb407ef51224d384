/**
 * A deterministic demo world (domain.md §9 format): 5,000 licensees over 30 clubs, their
 * licences, brevet ladders and authorisations, the demo logins and ~200 sessions.
 *
 * Pure: no I/O, no clock, no Math.random — everything comes from a seeded PRNG, so two
 * calls with the same seed give deep-equal worlds. Closed sessions are consistent with the
 * close checks of domain.md §5 (eligible candidates, who hold the brevet dated on the
 * session start; a jury président holding the prerogative and having authorised the
 * organiser); drafts may contain the mistakes users really make.
 */
import {
  CLUBS,
  CODEPS,
  COMMISSIONS,
  FEMALE_FIRST_NAMES,
  HOMMAGES,
  LAST_NAMES,
  MALE_FIRST_NAMES,
  MONTHS,
  NATIONAL,
  PLACES,
  REGIONS,
  SEASONS,
  type DemoClub,
  type DemoPlace,
} from "./demo-data";
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { normalizeName } from "./normalize";
import type { Database } from "./schema";
import type { WorldInput } from "./world";

export const DEMO_PASSWORD = "plongee2026";

const DEMO_CLUB = "0750123";
const SECOND_CLUB = "0690045";
const DEMO_REGION = "REGION-IDF";
const MULTI_CODEP = "CODEP-69";

const clubName = (code: string) => CLUBS.find((club) => club.code === code)!.name;
const committeeName = (code: string) => [...REGIONS, ...CODEPS].find((c) => c.code === code)!.name;

type Scope = { organiser: string; role: "gestionnaire" | "lecteur" };

const ACCOUNTS: {
  email: string;
  nom: string;
  role: string;
  scope: string;
  scopes: Scope[];
  admin?: boolean;
  /** Linked to the demo instructor (see pickInstructor), whose name it takes. */
  instructor?: boolean;
}[] = [
  {
    email: "club@demo.fr",
    nom: "Claire Vasseur",
    role: "Gestionnaire de club",
    scope: `${clubName(DEMO_CLUB)} (${DEMO_CLUB})`,
    scopes: [{ organiser: DEMO_CLUB, role: "gestionnaire" }],
  },
  {
    email: "ctr@demo.fr",
    nom: "Jean-Marc Lefèvre",
    role: "Gestionnaire de commission régionale",
    scope: `Commission Technique – ${committeeName(DEMO_REGION)} (${DEMO_REGION}/TECHNIQUE)`,
    scopes: [{ organiser: `${DEMO_REGION}/TECHNIQUE`, role: "gestionnaire" }],
  },
  {
    email: "lecteur@demo.fr",
    nom: "Anaïs Béranger",
    role: "Lecteur de club (lecture seule)",
    scope: `${clubName(DEMO_CLUB)} (${DEMO_CLUB})`,
    scopes: [{ organiser: DEMO_CLUB, role: "lecteur" }],
  },
  {
    email: "admin@demo.fr",
    nom: "Hélène Gauthier",
    role: "Administrateur",
    scope: "Tous les organisateurs, gestion des utilisateurs",
    scopes: [],
    admin: true,
  },
  {
    email: "multi@demo.fr",
    nom: "François N'Diaye",
    role: "Gestionnaire de club et lecteur de commission départementale",
    scope:
      `${clubName(SECOND_CLUB)} (${SECOND_CLUB}, gestionnaire) ; ` +
      `Commission Technique – ${committeeName(MULTI_CODEP)} (${MULTI_CODEP}/TECHNIQUE, lecteur)`,
    scopes: [
      { organiser: SECOND_CLUB, role: "gestionnaire" },
      { organiser: `${MULTI_CODEP}/TECHNIQUE`, role: "lecteur" },
    ],
  },
  {
    email: "moniteur@demo.fr",
    nom: "",
    role: "Moniteur (MF1), sans portée : son espace personnel",
    scope: `Mon espace : ses licences, ses brevets et ses autorisations (MF1 de ${clubName(DEMO_CLUB)}, ${DEMO_CLUB})`,
    scopes: [],
    instructor: true,
  },
];

/** The demo logins, for the README: e-mail, role (French) and what the account acts for. */
export const DEMO_USERS: { email: string; role: string; scope: string }[] = ACCOUNTS.map(({ email, role, scope }) => ({
  email,
  role,
  scope,
}));

// ---------------------------------------------------------------------------------------
// Catalogue subset (domain.md §3) and dates

interface Certification {
  /** All groups required; any one code of a group suffices. */
  prerequisites: string[][];
  minAge?: number;
  maxAge?: number;
  /** Age taken on 1 January of the session's year (MF2). */
  yearStart?: boolean;
  jury: "E3" | "E4" | "MON-NITROX-C" | "ANTEOR";
  /** Grid and ANTEOR brevets: marks are not in the world format, so drafts only. */
  draftOnly?: boolean;
}

const CATALOGUE: Record<string, Certification> = {
  N1: { prerequisites: [], minAge: 14, jury: "E3" },
  N2: { prerequisites: [["N1"]], minAge: 16, jury: "E3" },
  N3: { prerequisites: [["N2"], ["RIFAP"]], minAge: 18, jury: "E3" },
  PA20: { prerequisites: [["N1"]], minAge: 18, jury: "E3" },
  PE40: { prerequisites: [["N1"]], minAge: 16, jury: "E3" },
  PA40: { prerequisites: [["N2", "PA20"]], minAge: 18, jury: "E3" },
  PE60: { prerequisites: [["N2"]], minAge: 18, jury: "E3" },
  N5: { prerequisites: [["GP-N4"], ["RIFAP"]], minAge: 18, jury: "E3" },
  RIFAP: { prerequisites: [], minAge: 16, jury: "E3" },
  NITROX: { prerequisites: [["N1"]], minAge: 14, jury: "MON-NITROX-C" },
  "NITROX-C": { prerequisites: [["N2"], ["NITROX"]], minAge: 16, jury: "MON-NITROX-C" },
  BRONZE: { prerequisites: [], minAge: 8, maxAge: 13, jury: "E3" },
  ARGENT: { prerequisites: [], minAge: 8, maxAge: 13, jury: "E3" },
  OR: { prerequisites: [], minAge: 10, maxAge: 13, jury: "E3" },
  INITIATEUR: { prerequisites: [["N2"], ["RIFAP"]], minAge: 18, jury: "E4", draftOnly: true },
  "GP-N4": { prerequisites: [["N3"], ["RIFAP"]], minAge: 18, jury: "E4", draftOnly: true },
  MF1: { prerequisites: [["GP-N4"], ["RIFAP"]], minAge: 18, jury: "E4", draftOnly: true },
  MF2: { prerequisites: [["MF1"], ["RIFAP"]], minAge: 20, yearStart: true, jury: "E4" },
  TIV: { prerequisites: [], minAge: 18, jury: "E3" },
  ANTEOR: { prerequisites: [["INITIATEUR"]], jury: "ANTEOR", draftOnly: true },
};

/** Which held brevets give a prerogative. */
const PREROGATIVES: Record<Certification["jury"], string[]> = {
  E3: ["MF1", "MF2"],
  E4: ["MF2"],
  "MON-NITROX-C": ["MON-NITROX-C"],
  ANTEOR: ["ANTEOR"],
};

/** Equivalences used on a few candidate rows (CMAS-1 ≡ N1 …). */
const N1_EQUIVALENCES = ["PADI-OW", "SSI-OW", "CMAS-1", "ANMP-N1"];
const EQUIVALENCE_OF: Record<string, string> = { "PADI-OW": "N1", "SSI-OW": "N1", "CMAS-1": "N1", "ANMP-N1": "N1" };

const DAY_MS = 86_400_000;
/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
const dayOf = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Last date a ladder brevet may carry. */
const LADDER_END = dayOf("2026-06-30");
const LADDER_START = dayOf("1968-01-01");
const BIRTH_FIRST = dayOf("1950-01-01");
const BIRTH_LAST = dayOf("2018-12-31");
/** Closed sessions run from here to CLOSED_LAST (snapped to the next weekend, so before 2026-11-01). */
const SESSIONS_FIRST = dayOf("2025-01-04");
const CLOSED_LAST = dayOf("2026-10-24");
const FUTURE_FIRST = dayOf("2026-11-02");
const FUTURE_LAST = dayOf("2027-03-22");

/** The season Y licence is valid from 15 September Y-1 to 31 December Y. */
const seasonCovers = (season: number, day: number) =>
  day >= Date.UTC(season - 1, 8, 15) / DAY_MS && day <= Date.UTC(season, 11, 31) / DAY_MS;

// ---------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a tiny, good-enough 32-bit PRNG (also drawn from by bench/prng.ts). */
export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = ReturnType<typeof makeRng>;
function makeRng(seed: number) {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      let r = next() * items.reduce((sum, [, w]) => sum + w, 0);
      for (const [item, w] of items) if ((r -= w) < 0) return item;
      return items[items.length - 1][0];
    },
    shuffle: <T>(items: readonly T[]): T[] => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------------
// People

interface Person {
  licence: string;
  nom: string;
  prenom: string;
  naissance: string;
  by: number;
  bm: number;
  bd: number;
  club: DemoClub;
  codep: string;
  region: string;
  licences: Map<number, "validee" | "en_attente">;
  /** Brevet code → day obtained. */
  held: Map<string, number>;
  autorisations: string[];
  /** Organiser code → day the authorisation was given. */
  authorisedOn: Map<string, number>;
}

/** The day a person turns `years` (a 29 February birthday falls on 1 March in common years). */
function birthday(p: Person, years: number): number {
  const y = p.by + years;
  if (p.bm === 2 && p.bd === 29 && !isLeap(y)) return dayOf(`${y}-03-01`);
  return Date.UTC(y, p.bm - 1, p.bd) / DAY_MS;
}

/** Whole years on a given date. */
function ageOn(p: Person, day: number): number {
  const d = new Date(day * DAY_MS);
  const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  return y - p.by - (m < p.bm || (m === p.bm && dd < p.bd) ? 1 : 0);
}

const hasValidLicence = (p: Person, day: number) =>
  [...p.licences].some(([season, statut]) => statut === "validee" && seasonCovers(season, day));

/** Held on or before `day`. */
const holdsBy = (p: Person, code: string, day: number) => (p.held.get(code) ?? Infinity) <= day;

const holdsPrerogative = (p: Person, prerogative: Certification["jury"], day: number) =>
  PREROGATIVES[prerogative].some((code) => holdsBy(p, code, day));

/** Every close check of domain.md §5 this candidate fails (empty: eligible). */
function candidateProblems(p: Person, code: string, day: number, equivalence?: string): string[] {
  const cert = CATALOGUE[code];
  const problems: string[] = [];
  if (!hasValidLicence(p, day)) problems.push("licence");
  if (p.held.has(code)) problems.push("deja");
  const viaEquivalence = equivalence ? EQUIVALENCE_OF[equivalence] : undefined;
  // Stricter than the rule (held on or before): no two steps of a ladder on the same day.
  const prerequisitesMet = cert.prerequisites.every((group) =>
    group.some((pre) => pre === viaEquivalence || holdsBy(p, pre, day - 1)),
  );
  if (!prerequisitesMet) problems.push("prerequis");
  const age = ageOn(p, cert.yearStart ? dayOf(`${isoOf(day).slice(0, 4)}-01-01`) : day);
  if (cert.minAge !== undefined && age < cert.minAge) problems.push("age-min");
  if (cert.maxAge !== undefined && age > cert.maxAge) problems.push("age-max");
  return problems;
}

/** The main ladder, in order, with the minimum gap in days after the previous step. */
const LADDER: { code: string; minAge: number; gap: number }[] = [
  { code: "N1", minAge: 14, gap: 0 },
  { code: "N2", minAge: 16, gap: 180 },
  { code: "RIFAP", minAge: 16, gap: 14 },
  { code: "N3", minAge: 18, gap: 90 },
  { code: "GP-N4", minAge: 18, gap: 365 },
  { code: "MF1", minAge: 18, gap: 365 },
  { code: "MF2", minAge: 20, gap: 730 },
];

/** Earliest day for a ladder step by age alone (MF2: 20 years old on 1 January). */
function ageFloor(p: Person, step: number): number {
  const { code, minAge } = LADDER[step];
  if (code !== "MF2") return birthday(p, minAge);
  const year = p.by + minAge + (p.bm === 1 && p.bd === 1 ? 0 : 1);
  return dayOf(`${year}-01-01`);
}

/** How many ladder steps fit before LADDER_END when each is taken as early as allowed. */
function feasibleSteps(p: Person): number {
  let previous = -Infinity;
  for (let step = 0; step < LADDER.length; step++) {
    const earliest = Math.max(previous + LADDER[step].gap, ageFloor(p, step), LADDER_START);
    if (earliest > LADDER_END) return step;
    previous = earliest;
  }
  return LADDER.length;
}

/** Gives the first `steps` ladder brevets, dates increasing, each after its minimum age. */
function climbLadder(rng: Rng, p: Person, steps: number): void {
  const latest: number[] = [];
  for (let step = steps - 1, upper = LADDER_END; step >= 0; step--) {
    latest[step] = upper;
    upper -= LADDER[step].gap;
  }
  let previous = -Infinity;
  for (let step = 0; step < steps; step++) {
    const earliest = Math.max(previous + LADDER[step].gap, ageFloor(p, step), LADDER_START);
    const remaining = steps - 1 - step;
    const share = Math.min(1, (rng.next() * 2) / (remaining + 2));
    const day = earliest + Math.floor(share * (latest[step] - earliest));
    p.held.set(LADDER[step].code, day);
    previous = day;
  }
}

/** Gives `code` on a random day in [earliest, LADDER_END] with probability `p`. */
function maybeGive(rng: Rng, person: Person, code: string, earliest: number, p: number): boolean {
  if (person.held.has(code) || earliest > LADDER_END || !rng.chance(p)) return false;
  person.held.set(code, rng.int(earliest, LADDER_END));
  return true;
}

function makePeople(rng: Rng): Person[] {
  const codepOf = new Map(CODEPS.map((c) => [c.code, c]));
  const weights = CLUBS.map((club) => {
    const w =
      club.code === DEMO_CLUB ? 3 : club.code === SECOND_CLUB ? 2 : club.type === "SCA" ? 0.5 : 0.7 + rng.next() * 0.8;
    return [club, w] as const;
  });
  const used = new Set<string>();
  const people: Person[] = [];
  for (let i = 0; i < 5000; i++) {
    let licence: string;
    do licence = `A-${rng.int(10, 26)}-${String(rng.int(100000, 999999))}`;
    while (used.has(licence));
    used.add(licence);
    const naissance = isoOf(rng.int(BIRTH_FIRST, BIRTH_LAST));
    const club = rng.weighted(weights);
    const codep = codepOf.get(club.codep)!;
    people.push({
      licence,
      nom: rng.pick(LAST_NAMES),
      prenom: rng.pick(rng.chance(0.55) ? MALE_FIRST_NAMES : FEMALE_FIRST_NAMES),
      naissance,
      by: +naissance.slice(0, 4),
      bm: +naissance.slice(5, 7),
      bd: +naissance.slice(8, 10),
      club,
      codep: codep.code,
      region: codep.region,
      licences: makeLicences(rng),
      held: new Map(),
      autorisations: [],
      authorisedOn: new Map(),
    });
  }
  return people;
}

/** ~8% lapsed after 2025; the others hold 2026 (a few still en attente), ~60% 2027, ~5% 2027 en attente. */
function makeLicences(rng: Rng): Map<number, "validee" | "en_attente"> {
  const licences = new Map<number, "validee" | "en_attente">();
  if (rng.chance(0.08)) return licences.set(2025, "validee");
  if (rng.chance(0.75)) licences.set(2025, "validee");
  licences.set(2026, rng.chance(0.015) ? "en_attente" : "validee");
  const r = rng.next();
  if (r < 0.65) licences.set(2027, "validee");
  else if (r < 0.705) licences.set(2027, "en_attente");
  return licences;
}

/** Brevets: the main ladder (N1 … MF2), then side brevets, children's brevets and instructors' extras. */
function giveBrevets(rng: Rng, people: Person[]): void {
  const feasible = people.map(feasibleSteps);
  const mf2 = new Set(
    rng.shuffle(people.filter((p, i) => feasible[i] === 7 && ageOn(p, LADDER_END) >= 26)).slice(0, 60),
  );
  const mf1 = new Set(
    rng.shuffle(people.filter((p, i) => feasible[i] >= 6 && ageOn(p, LADDER_END) >= 22 && !mf2.has(p))).slice(0, 240),
  );
  people.forEach((p, i) => {
    let steps: number;
    if (mf2.has(p)) steps = 7;
    else if (mf1.has(p)) steps = 6;
    else {
      // none, N1, N2, N2 + RIFAP, N3, GP-N4
      const wanted = rng.weighted([
        [0, 18],
        [1, 30],
        [2, 20],
        [3, 9],
        [4, 15],
        [5, 8],
      ] as const);
      steps = Math.min(wanted, feasible[i], 5);
    }
    climbLadder(rng, p, steps);
  });

  for (const p of people) {
    const at = (code: string) => p.held.get(code) ?? Infinity;
    const n1 = at("N1");
    const n2 = at("N2");
    const rifap = at("RIFAP");
    if (n1 < Infinity) {
      maybeGive(rng, p, "NITROX", Math.max(n1 + 30, birthday(p, 14)), 0.3);
      if (n2 === Infinity) maybeGive(rng, p, "PE40", Math.max(n1 + 60, birthday(p, 16)), 0.2);
      if (n2 === Infinity) maybeGive(rng, p, "PA20", Math.max(n1 + 60, birthday(p, 18)), 0.1);
    }
    if (n2 < Infinity) {
      if (p.held.has("NITROX"))
        maybeGive(rng, p, "NITROX-C", Math.max(at("NITROX") + 60, n2 + 30, birthday(p, 16)), 0.4);
      maybeGive(rng, p, "PE60", Math.max(n2 + 90, birthday(p, 18)), 0.05);
      if (rifap === Infinity) maybeGive(rng, p, "RIFAP", Math.max(n2 + 14, birthday(p, 16)), 0.25);
    }
    const pa = Math.min(n2, at("PA20"));
    if (pa < Infinity) maybeGive(rng, p, "PA40", Math.max(pa + 90, birthday(p, 18)), 0.08);
    if (n2 < Infinity && at("RIFAP") < Infinity) {
      const level = p.held.has("MF1") ? 0.6 : p.held.has("GP-N4") ? 0.35 : p.held.has("N3") ? 0.12 : 0.04;
      maybeGive(rng, p, "INITIATEUR", Math.max(n2 + 90, at("RIFAP") + 14, birthday(p, 18)), level);
    }
    if (p.held.has("GP-N4")) maybeGive(rng, p, "N5", Math.max(at("GP-N4") + 180, birthday(p, 18)), 0.2);
    if (n2 < Infinity) maybeGive(rng, p, "TIV", Math.max(n2 + 30, birthday(p, 18)), 0.06);
    giveChildrenBrevets(rng, p);
  }

  // About 40 Moniteurs Nitrox confirmés, all instructors, with Nitrox and Nitrox confirmé first.
  let monitors = 0;
  for (const p of rng.shuffle(people.filter((q) => q.held.has("MF1")))) {
    if (monitors === 40) break;
    const nitrox = p.held.get("NITROX") ?? Math.max(p.held.get("N1")! + 30, birthday(p, 14));
    const nitroxC = p.held.get("NITROX-C") ?? Math.max(nitrox + 60, p.held.get("N2")! + 30, birthday(p, 16));
    const monitor = Math.max(nitroxC, p.held.get("MF1")!) + 60;
    if (monitor > LADDER_END) continue;
    p.held.set("NITROX", nitrox);
    p.held.set("NITROX-C", nitroxC);
    p.held.set("MON-NITROX-C", rng.int(monitor, LADDER_END));
    monitors++;
  }

  // A few Initiateurs hold ANTEOR.
  let anteor = 0;
  for (const p of rng.shuffle(people.filter((q) => q.held.has("INITIATEUR")))) {
    if (anteor === 14) break;
    if (maybeGive(rng, p, "ANTEOR", p.held.get("INITIATEUR")! + 180, 1)) anteor++;
  }
}

/** Bronze (8–13), then Argent, then Or (10–13), for children since 2012. */
function giveChildrenBrevets(rng: Rng, p: Person): void {
  const lastChildDay = Math.min(birthday(p, 14) - 1, LADDER_END);
  const first = Math.max(birthday(p, 8), dayOf("2012-01-01"));
  if (first > lastChildDay || !rng.chance(0.7)) return;
  const bronze = rng.int(first, Math.max(first, lastChildDay - 400));
  p.held.set("BRONZE", bronze);
  if (bronze + 180 > lastChildDay || !rng.chance(0.5)) return;
  const argent = rng.int(bronze + 180, Math.max(bronze + 180, lastChildDay - 200));
  p.held.set("ARGENT", argent);
  const orFirst = Math.max(argent + 180, birthday(p, 10));
  if (orFirst <= lastChildDay && rng.chance(0.4)) p.held.set("OR", rng.int(orFirst, lastChildDay));
}

/** Every MF1/MF2 authorises their club; some also their CODEP's and/or REGION's Commission Technique. */
function giveAutorisations(rng: Rng, people: Person[]): void {
  for (const p of people) {
    if (!p.held.has("MF1")) continue;
    p.autorisations.push(p.club.code);
    const codep = `${p.codep}/TECHNIQUE`;
    const region = `${p.region}/TECHNIQUE`;
    if (p.held.has("MF2")) {
      if (rng.chance(0.4)) p.autorisations.push(codep);
      if (rng.chance(0.75)) p.autorisations.push(region);
    } else if (rng.chance(0.3)) {
      const which = rng.weighted([
        ["codep", 2],
        ["region", 1],
        ["both", 1],
      ] as const);
      if (which !== "region") p.autorisations.push(codep);
      if (which !== "codep") p.autorisations.push(region);
    }
    // Given once the instructor brevet held: the club on its day, the committees a season later.
    const since = p.held.get("MF2") ?? p.held.get("MF1")!;
    for (const organiser of p.autorisations) {
      p.authorisedOn.set(organiser, organiser === p.club.code ? p.held.get("MF1")! : Math.min(since + 365, LADDER_END));
    }
  }
}

// ---------------------------------------------------------------------------------------
// Sessions

type Status = "en_creation" | "cloturee";
interface Spec {
  organiser: string;
  level: "CLUB" | "CODEP" | "REGION";
  /** CODEP or REGION code for committees; the club for clubs. */
  club?: DemoClub;
  codep?: string;
  region: string;
  brevet: string;
  want: Status;
  day: number;
  order: number;
}

const CLUB_BREVETS = [
  ["N1", 24],
  ["N2", 20],
  ["N3", 8],
  ["RIFAP", 10],
  ["NITROX", 7],
  ["NITROX-C", 3],
  ["PA20", 4],
  ["PE40", 5],
  ["PA40", 5],
  ["PE60", 2],
  ["N5", 1],
  ["BRONZE", 4],
  ["ARGENT", 2],
  ["OR", 1],
  ["INITIATEUR", 2],
] as const;
const REGION_BREVETS = [
  ["TIV", 45],
  ["GP-N4", 30],
  ["MF1", 20],
  ["ANTEOR", 5],
] as const;
const CODEP_BREVETS = [
  ["TIV", 45],
  ["INITIATEUR", 40],
  ["ANTEOR", 15],
] as const;

/** Next Saturday or Sunday on or after `day` (1970-01-01 was a Thursday). */
function weekend(rng: Rng, day: number): number {
  const target = rng.chance(0.65) ? 6 : 0;
  while ((day + 4) % 7 !== target) day++;
  return day;
}

function makeSpecs(rng: Rng): Spec[] {
  const specs: Spec[] = [];
  const add = (base: Omit<Spec, "want" | "day" | "order" | "brevet">, brevet: string, forced?: Status) => {
    const closable = !CATALOGUE[brevet].draftOnly;
    const want: Status = forced ?? (closable && rng.chance(0.62) ? "cloturee" : "en_creation");
    const day =
      want === "cloturee" || rng.chance(0.45)
        ? weekend(rng, rng.int(SESSIONS_FIRST, CLOSED_LAST))
        : weekend(rng, rng.int(FUTURE_FIRST, FUTURE_LAST));
    specs.push({ ...base, brevet, want, day, order: specs.length });
  };

  for (const club of CLUBS) {
    const base = {
      organiser: club.code,
      level: "CLUB" as const,
      club,
      region: CODEPS.find((c) => c.code === club.codep)!.region,
    };
    const count = club.code === DEMO_CLUB ? 15 : club.code === SECOND_CLUB ? 8 : rng.int(3, 6);
    for (let i = 0; i < count; i++) {
      // The demo clubs show both states whatever the draw.
      const highlighted = club.code === DEMO_CLUB || club.code === SECOND_CLUB;
      if (highlighted && i === 0) add(base, "N2", "cloturee");
      else if (highlighted && i === 1) add(base, "N1", "en_creation");
      else add(base, rng.weighted(CLUB_BREVETS));
    }
  }
  for (const region of REGIONS) {
    const base = { organiser: `${region.code}/TECHNIQUE`, level: "REGION" as const, region: region.code };
    const count = region.code === DEMO_REGION ? 15 : 6;
    for (let i = 0; i < count; i++) {
      if (i === 0) add(base, "TIV", "cloturee");
      else if (i === 1) add(base, "GP-N4", "en_creation");
      else add(base, rng.weighted(REGION_BREVETS));
    }
  }
  for (const codep of CODEPS) {
    const base = {
      organiser: `${codep.code}/TECHNIQUE`,
      level: "CODEP" as const,
      codep: codep.code,
      region: codep.region,
    };
    const count = codep.code === MULTI_CODEP ? 6 : 4;
    for (let i = 0; i < count; i++) add(base, i === 0 ? "INITIATEUR" : rng.weighted(CODEP_BREVETS));
  }
  return specs.sort((a, b) => a.day - b.day || a.order - b.order);
}

function sessionTitle(rng: Rng, brevet: string, day: number, place: DemoPlace): string {
  const date = isoOf(day);
  const annee = date.slice(0, 4);
  const month = +date.slice(5, 7) - 1;
  const mois = MONTHS[month];
  const saison = SEASONS[month];
  const ville = place.ville;
  const hommage = rng.pick(HOMMAGES);
  const titles: Record<string, string[]> = {
    N1: [`N1 ${saison} ${annee}`, `Niveau 1 – ${mois} ${annee}`, `Passage N1 ${ville} ${mois} ${annee}`],
    N2: [`N2 ${saison} ${annee}`, `Niveau 2 – ${mois} ${annee}`, `Validation N2 ${ville} ${mois} ${annee}`],
    N3: [`N3 ${saison} ${annee}`, `Niveau 3 – ${ville} ${annee}`, `Stage N3 ${mois} ${annee}`],
    PA20: [`PA20 ${mois} ${annee}`, `Autonome 20 m – ${saison} ${annee}`],
    PE40: [`PE40 ${mois} ${annee}`, `Encadré 40 m – ${saison} ${annee}`],
    PA40: [`PA40 ${saison} ${annee}`, `Autonome 40 m – ${ville} ${mois} ${annee}`],
    PE60: [`PE60 ${mois} ${annee}`, `Encadré 60 m – ${ville} ${annee}`],
    N5: [`Directeur de plongée N5 – ${annee}`, `N5 ${ville} ${mois} ${annee}`],
    RIFAP: [`RIFAP ${mois} ${annee}`, `Formation RIFAP – ${saison} ${annee}`, `RIFAP ${ville} ${mois} ${annee}`],
    NITROX: [`Nitrox ${mois} ${annee}`, `Plongeur Nitrox – ${saison} ${annee}`],
    "NITROX-C": [`Nitrox confirmé ${mois} ${annee}`, `Nitrox confirmé – ${ville} ${annee}`],
    BRONZE: [`Plongeur de Bronze – ${mois} ${annee}`, `Enfants : Bronze ${saison} ${annee}`],
    ARGENT: [`Plongeur d'Argent – ${mois} ${annee}`, `Enfants : Argent ${saison} ${annee}`],
    OR: [`Plongeur d'Or – ${mois} ${annee}`, `Enfants : Or ${saison} ${annee}`],
    INITIATEUR: [
      `Initiateur ${ville} ${mois} ${annee}`,
      `Session Initiateur – ${ville}`,
      `Initiateur ${ville} ${mois} ${annee} – en l'honneur de ${hommage}`,
    ],
    "GP-N4": [`Session Niveau 4 – ${ville}`, `Guide de palanquée ${saison} ${annee}`, `N4 ${ville} ${mois} ${annee}`],
    MF1: [`MF1 ${ville} ${mois} ${annee}`, `Examen MF1 – ${saison} ${annee}`, `MF1 ${annee} – promotion ${hommage}`],
    TIV: [`TIV ${mois} ${annee}`, `Examen TIV – ${ville}`, `TIV ${ville} ${annee}`],
    ANTEOR: [`ANTEOR ${mois} ${annee}`, `Formation ANTEOR – ${ville}`],
  };
  return rng.pick(titles[brevet]);
}

/** Last day: most sessions are one day or a weekend; GP-N4 at most 4 exam days. */
function endDay(rng: Rng, brevet: string, day: number): number | null {
  if (brevet === "GP-N4") return day + rng.int(2, 3);
  if (brevet === "MF1") return day + 2;
  return rng.chance(0.45) ? day + 1 : null;
}

type WorldSession = NonNullable<WorldInput["sessions"]>[number];
type JuryRow = { licence: string; role: "president" | "delegue" | "membre" };
type CandidateRow = { licence: string; equivalence?: string };

function makeSessions(rng: Rng, people: Person[]): WorldSession[] {
  const byClub = group(people, (p) => p.club.code);
  const byCodep = group(people, (p) => p.codep);
  const byRegion = group(people, (p) => p.region);
  const byAutorisation = new Map<string, Person[]>();
  for (const p of people) {
    for (const organiser of p.autorisations) {
      if (!byAutorisation.has(organiser)) byAutorisation.set(organiser, []);
      byAutorisation.get(organiser)!.push(p);
    }
  }
  const byLicence = new Map(people.map((p) => [p.licence, p]));

  const sessions: WorldSession[] = [];
  for (const spec of makeSpecs(rng)) {
    const tiers = [
      spec.club ? byClub.get(spec.club.code)! : [],
      spec.club ? byCodep.get(spec.club.codep)! : spec.codep ? byCodep.get(spec.codep)! : [],
      byRegion.get(spec.region)!,
      people,
    ].filter((tier) => tier.length > 0);
    const scopePeople = tiers[0];
    const day = spec.day;

    let brevet = spec.brevet;
    let status = spec.want;
    const presidents = (code: string, strict: boolean) =>
      (strict ? (byAutorisation.get(spec.organiser) ?? []) : scopePeople).filter(
        (p) => holdsPrerogative(p, CATALOGUE[code].jury, day) && (!strict || hasValidLicence(p, day)),
      );
    let pool = presidents(brevet, true);
    if (pool.length === 0 && status === "cloturee" && spec.level === "CLUB") {
      brevet = ["N2", "N1", "RIFAP"].find((code) => presidents(code, true).length > 0) ?? brevet;
      pool = presidents(brevet, true);
    }
    if (pool.length === 0) {
      status = "en_creation";
      pool = presidents(brevet, false);
    }

    // Jury first: nobody sits on both sides.
    const jury: JuryRow[] = [];
    const taken = new Set<Person>();
    const seat = (p: Person, role: "president" | "delegue" | "membre") => {
      jury.push({ licence: p.licence, role });
      taken.add(p);
    };
    const shuffledPool = rng.shuffle(pool);
    if (shuffledPool.length > 0) seat(shuffledPool[0], "president");
    if (shuffledPool.length > 1 && rng.chance(0.25)) seat(shuffledPool[1], "delegue");
    if (rng.chance(0.35)) {
      const member = rng
        .shuffle(scopePeople)
        .find(
          (p) =>
            !taken.has(p) && hasValidLicence(p, day) && ["INITIATEUR", "MF1", "GP-N4"].some((c) => holdsBy(p, c, day)),
        );
      if (member) seat(member, "membre");
    }

    // Candidates: eligible ones, from the club outwards.
    const wanted = 1 + Math.floor(((rng.next() + rng.next()) / 2) * 8);
    const candidats: CandidateRow[] = [];
    const add = (p: Person, equivalence?: string) => {
      candidats.push(equivalence ? { licence: p.licence, equivalence } : { licence: p.licence });
      taken.add(p);
    };
    if (status === "cloturee" && brevet === "N2" && rng.chance(0.2)) {
      const equivalence = rng.pick(N1_EQUIVALENCES);
      const newcomer = findIn(
        rng,
        tiers,
        (p) => !taken.has(p) && candidateProblems(p, brevet, day, equivalence).length === 0 && !p.held.has("N1"),
      );
      if (newcomer) add(newcomer, equivalence);
    }
    for (const tier of tiers) {
      if (candidats.length >= wanted) break;
      for (const p of rng.shuffle(tier)) {
        if (candidats.length >= wanted) break;
        if (!taken.has(p) && candidateProblems(p, brevet, day).length === 0) add(p);
      }
    }
    if (candidats.length === 0) status = "en_creation";
    if (status === "en_creation" && candidats.length < 8 && rng.chance(0.35)) {
      // A realistic mistake: someone from the club who is not eligible (lapsed licence, too young, …).
      const mistake = rng
        .shuffle(scopePeople)
        .find((p) => !taken.has(p) && candidateProblems(p, brevet, day).length > 0);
      if (mistake) add(mistake);
    }

    if (status === "cloturee") {
      for (const row of candidats) byLicence.get(row.licence)!.held.set(brevet, day);
    }

    const place = pickPlace(rng, spec, brevet, day);
    const fin = endDay(rng, brevet, day);
    sessions.push({
      intitule: sessionTitle(rng, brevet, day, place),
      organisateur: spec.organiser,
      brevet,
      lieu: place.lieu,
      debut: isoOf(day),
      ...(fin !== null ? { fin: isoOf(fin) } : {}),
      statut: status,
      candidats,
      jury,
    });
  }
  return sessions;
}

/** A pool in winter and for classroom exams; otherwise a pool, a pit, a lake or the sea. */
function pickPlace(rng: Rng, spec: Spec, brevet: string, day: number): DemoPlace {
  const codep = spec.club?.codep ?? spec.codep ?? rng.pick(CODEPS.filter((c) => c.region === spec.region)).code;
  const month = +isoOf(day).slice(5, 7);
  const indoorOnly = month <= 3 || month >= 11 || brevet === "TIV" || brevet === "ANTEOR";
  return rng.pick(PLACES[codep].filter((place) => !(indoorOnly && place.outdoor)));
}

function group<K>(people: Person[], key: (p: Person) => K): Map<K, Person[]> {
  const out = new Map<K, Person[]>();
  for (const p of people) {
    if (!out.has(key(p))) out.set(key(p), []);
    out.get(key(p))!.push(p);
  }
  return out;
}

function findIn(rng: Rng, tiers: Person[][], test: (p: Person) => boolean): Person | undefined {
  for (const tier of tiers) {
    const found = rng.shuffle(tier).find(test);
    if (found) return found;
  }
  return undefined;
}

/**
 * The person behind moniteur@demo.fr: an MF1 (not MF2) of the demo club who presides one of its
 * drafts dated before the future ones, so that "Vérifier" on that draft shows the effect of
 * their authorisation; failing that, the demo club's first MF1. The first such, in the world's order.
 */
function pickInstructor(people: Person[], sessions: WorldSession[]): Person {
  const mf1 = people.filter((p) => p.club.code === DEMO_CLUB && p.held.has("MF1") && !p.held.has("MF2"));
  const presidesDraft = (p: Person) =>
    sessions.some(
      (s) =>
        s.organisateur === DEMO_CLUB &&
        s.statut === "en_creation" &&
        s.debut < isoOf(FUTURE_FIRST) &&
        (s.jury ?? []).some((j) => j.licence === p.licence && j.role === "president"),
    );
  return mf1.find(presidesDraft) ?? mf1[0];
}

// ---------------------------------------------------------------------------------------

/** The demo world. Same seed, same world. */
export function generateDemoWorld(seed = 20261127): WorldInput {
  const rng = makeRng(seed);
  const people = makePeople(rng);
  giveBrevets(rng, people);
  giveAutorisations(rng, people);
  const sessions = makeSessions(rng, people);
  const instructor = pickInstructor(people, sessions);

  return {
    structures: [
      { code: NATIONAL.code, type: "NATIONAL", name: NATIONAL.name, parent: null },
      ...REGIONS.map((r) => ({ code: r.code, type: "REGION" as const, name: r.name, parent: NATIONAL.code })),
      ...CODEPS.map((c) => ({ code: c.code, type: "CODEP" as const, name: c.name, parent: c.region })),
      ...CLUBS.map((c) => ({ code: c.code, type: c.type, name: c.name, parent: c.codep })),
    ],
    commissions: COMMISSIONS.map((c) => ({ ...c })),
    licensees: people.map((p) => ({
      licence: p.licence,
      nom: p.nom,
      prenom: p.prenom,
      naissance: p.naissance,
      structure: p.club.code,
      licences: [...p.licences].map(([saison, statut]) => ({ saison, statut })),
      brevets: [...p.held]
        .sort(([a, da], [b, db]) => da - db || a.localeCompare(b))
        .map(([code, day]) => ({ code, date: isoOf(day) })),
      autorisations: p.autorisations.map((organisateur) => ({
        organisateur,
        date: isoOf(p.authorisedOn.get(organisateur)!),
      })),
    })),
    users: ACCOUNTS.map((a) => ({
      email: a.email,
      password: DEMO_PASSWORD,
      nom: a.instructor ? `${instructor.prenom} ${instructor.nom}` : a.nom,
      scopes: a.scopes.map((s) => ({ ...s })),
      ...(a.admin ? { admin: true } : {}),
      ...(a.instructor ? { licence: instructor.licence } : {}),
    })),
    sessions,
  };
}

/** The demo world's pending invitation, so that the administration screens are not empty. */
export const DEMO_INVITED = { email: "invite@demo.fr", name: "Inès Invitée" };

/**
 * Adds to a freshly loaded demo world an account invited by the administrator and not yet
 * accepted (state `invited`, no password). The link itself is not kept anywhere: only its digest.
 */
export async function addDemoInvitation(db: Kysely<Database>, now = new Date()): Promise<void> {
  const admin = await db.selectFrom("users").select("id").where("email", "=", "admin@demo.fr").executeTakeFirst();
  const club = await db.selectFrom("organisers").select("id").where("code", "=", DEMO_CLUB).executeTakeFirst();
  if (!admin || !club) return;
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .insertInto("users")
      .values({
        email: DEMO_INVITED.email,
        password_hash: "",
        name: DEMO_INVITED.name,
        name_search: normalizeName(DEMO_INVITED.name),
        is_admin: 0,
        licensee_id: null,
        created_at: now.toISOString(),
        state: "invited",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("user_scopes").values({ user_id: user.id, organiser_id: club.id, role: "lecteur" }).execute();
    await trx
      .insertInto("password_tokens")
      .values({
        user_id: user.id,
        purpose: "invitation",
        token_digest: createHash("sha256").update(randomBytes(32)).digest("hex"),
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + 7 * 24 * 60 * 60 * 1000).toISOString(),
        created_by: admin.id,
      })
      .execute();
  });
}
