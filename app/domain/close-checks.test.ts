import { describe, expect, it } from "vitest";
import {
  type CatalogueCertification,
  type CloseCheckInput,
  checkClose,
  MESSAGES,
  maxAge,
  minAge,
} from "./close-checks";
import type { OrganiserFacts } from "./organiser-rights";
import { BREVETS, EQUIVALENCES, PREROGATIVES, type CatalogueBrevet } from "../../test/support/catalogue";

// --- Catalogue fixture, from domain.md §3 -------------------------------------------------

function certification(brevet: CatalogueBrevet): CatalogueCertification {
  return {
    code: brevet.code,
    name: brevet.code,
    commissionCode: "TECHNIQUE",
    levels: brevet.levels,
    examinable: true,
    minAge: brevet.minAge,
    maxAge: brevet.maxAge,
    ageReference: brevet.yearStart ? "year_start" : "session_start",
    juryPrerogative: brevet.jury,
    equivalenceOnly: brevet.equivalenceOnly.length > 0,
    prerequisites: brevet.prerequisites,
    equivalenceCodes: brevet.equivalenceOnly,
    gridCode: brevet.grid,
  };
}

/** The catalogue (test/support/catalogue.ts), with a qualification held but never passed and another commission's brevet. */
const CATALOGUE: Record<string, CatalogueCertification> = {
  ...Object.fromEntries(Object.values(BREVETS).map((brevet) => [brevet.code, certification(brevet)])),
  "MON-NITROX-C": {
    ...certification(BREVETS.N1),
    code: "MON-NITROX-C",
    name: "MON-NITROX-C",
    levels: ["NATIONAL"],
    examinable: false,
    minAge: null,
    juryPrerogative: null,
  },
  // Another commission's brevet, whose jury needs no prerogative.
  A1: {
    ...certification(BREVETS.N1),
    code: "A1",
    name: "A1",
    commissionCode: "APNEE",
    minAge: 12,
    juryPrerogative: null,
  },
};

// --- A small world ---------------------------------------------------------------------------

const START = "2026-06-15";
const TODAY = "2026-06-20";
const ORGANISER_ID = 7;
const OTHER_ORGANISER_ID = 8;
const LONG_AGO = "2020-01-01";

type Person = CloseCheckInput["people"][number];
type Candidate = CloseCheckInput["candidates"][number];
type JuryMember = CloseCheckInput["jury"][number];

/** An organiser allowed to organise the brevet: a club, or the technical commission of the right committee. */
function organiserFor(code: string): OrganiserFacts {
  const level = CATALOGUE[code].levels[0];
  return level === "CLUB"
    ? { structureType: "CLUB", commissionCode: null }
    : { structureType: level, commissionCode: "TECHNIQUE" };
}

/** An adult with a validated 2026 licence and every prerequisite of `code` (first choice of each group), held long ago. */
function candidatePerson(code: string, overrides: Partial<Person> = {}): Person {
  return {
    licences: [{ season: 2026, status: "validee" }],
    birthDate: "1990-01-01",
    certifications: CATALOGUE[code].prerequisites.map((group) => ({ code: group[0], obtainedOn: LONG_AGO })),
    authorisedOrganiserIds: [],
    ...overrides,
  };
}

/** An instructor holding every prerogative, licensed, who authorised the organiser. */
function instructor(overrides: Partial<Person> = {}): Person {
  return {
    licences: [{ season: 2026, status: "validee" }],
    birthDate: "1970-03-10",
    certifications: ["MF1", "MF2", "MON-NITROX-C", "MON-TRIMIX", "ANTEOR"].map((code) => ({
      code,
      obtainedOn: LONG_AGO,
    })),
    authorisedOrganiserIds: [ORGANISER_ID],
    ...overrides,
  };
}

const PRESIDENT: JuryMember = { id: 100, licenseeId: 1000, role: "president" };

interface WorldOptions {
  code?: string;
  startDate?: string;
  today?: string;
  organiser?: OrganiserFacts;
  candidates?: Candidate[];
  jury?: JuryMember[];
  people?: Record<number, Person>;
}

/** By default: one qualified N1 candidate (licensee 1), one qualified président (licensee 1000). */
function world(options: WorldOptions = {}): CloseCheckInput {
  const code = options.code ?? "N1";
  const candidates = options.candidates ?? [{ id: 10, licenseeId: 1, equivalenceCode: null }];
  const people: Record<number, Person> = { 1000: instructor() };
  for (const candidate of candidates) people[candidate.licenseeId] = candidatePerson(code);
  return {
    today: options.today ?? TODAY,
    session: {
      startDate: options.startDate ?? START,
      certificationCode: code,
      organiserId: ORGANISER_ID,
      organiser: options.organiser ?? organiserFor(code),
    },
    catalogue: CATALOGUE,
    equivalences: EQUIVALENCES,
    prerogatives: PREROGATIVES,
    candidates,
    jury: options.jury ?? [PRESIDENT],
    people: { ...people, ...options.people },
  };
}

const held = (...codes: string[]) => codes.map((code) => ({ code, obtainedOn: LONG_AGO }));

// --- Messages ------------------------------------------------------------------------------------

describe("messages (domain.md §5, exact texts)", () => {
  it.each([
    [MESSAGES.licenceNotValidated, "La licence du licencié n'est pas validée"],
    [MESSAGES.alreadyHolds, "Ce brevet est déjà attribué au licencié"],
    [MESSAGES.equivalenceUnknown, "Equivalence non renseignée ou inconnue"],
    [MESSAGES.missingPrerequisites, "Le licencié n'a pas les brevets requis"],
    [minAge(14), "le licencié doit avoir un age >= 14 ans"],
    [maxAge(13), "le licencié doit avoir un age <= 13 ans"],
    [MESSAGES.minAge(20), "le licencié doit avoir un age >= 20 ans"],
    [MESSAGES.maxAge(13), "le licencié doit avoir un age <= 13 ans"],
    [MESSAGES.marksIncomplete, "Notes incomplètes pour ce candidat"],
    [MESSAGES.juryLicenceInvalid, "La licence du moniteur n'est pas valide"],
    [MESSAGES.juryLacksPrerogative, "Le formateur n'a pas les brevets requis"],
    [MESSAGES.juryNotAuthorised, "Le moniteur n'a pas donné son autorisation à la structure"],
    [MESSAGES.noCandidate, "La session ne comporte aucun candidat"],
    [MESSAGES.noPresidentOrDelegate, "Au moins un président de jury ou un délégué est obligatoire"],
    [MESSAGES.dateInFuture, "La date de la session est dans le futur"],
    [MESSAGES.organiserMayNotOrganise, "Cet organisateur ne peut pas organiser ce brevet"],
  ])("%s", (actual, expected) => {
    expect(actual).toBe(expected);
  });
});

// --- Candidates ----------------------------------------------------------------------------------

/** The errors of a single candidate (licensee 1) of a `code` session. */
function candidateErrors(
  code: string,
  person: Partial<Person>,
  equivalenceCode: string | null = null,
  startDate = START,
): string[] {
  const input = world({
    code,
    startDate,
    today: "2030-01-01",
    candidates: [
      {
        id: 10,
        licenseeId: 1,
        equivalenceCode,
        grid: CATALOGUE[code].gridCode ? { complete: true, admitted: true } : undefined,
      },
    ],
    people: { 1: candidatePerson(code, person) },
  });
  return checkClose(input).candidates[0].errors;
}

describe("candidate: licence covering the session start date (domain.md §2)", () => {
  const validated2026 = { licences: [{ season: 2026, status: "validee" as const }] };
  it.each([
    ["validated 2026 licence, session on 15 September 2025", validated2026, "2025-09-15", []],
    ["validated 2026 licence, session on 31 December 2026", validated2026, "2026-12-31", []],
    [
      "validated 2026 licence, session on 14 September 2025",
      validated2026,
      "2025-09-14",
      ["La licence du licencié n'est pas validée"],
    ],
    [
      "validated 2026 licence, session on 1 January 2027",
      validated2026,
      "2027-01-01",
      ["La licence du licencié n'est pas validée"],
    ],
    [
      "2026 licence en attente",
      { licences: [{ season: 2026, status: "en_attente" as const }] },
      START,
      ["La licence du licencié n'est pas validée"],
    ],
    ["no licence", { licences: [] }, START, ["La licence du licencié n'est pas validée"]],
  ])("%s → %j", (_label, person, startDate, expected) => {
    expect(candidateErrors("N1", person, null, startDate)).toEqual(expected);
  });
});

describe("candidate: already holds the brevet", () => {
  it.each([
    ["holds N2 since long ago", held("N1", "N2"), null, ["Ce brevet est déjà attribué au licencié"]],
    [
      "obtained N2 on the start date",
      [...held("N1"), { code: "N2", obtainedOn: START }],
      null,
      ["Ce brevet est déjà attribué au licencié"],
    ],
    // A brevet is held once: obtained after the start date (a session closed since), it counts.
    [
      "obtained N2 the day after the start date",
      [...held("N1"), { code: "N2", obtainedOn: "2026-06-16" }],
      null,
      ["Ce brevet est déjà attribué au licencié"],
    ],
    ["an equivalence of N2 (CMAS-2) is not holding N2", held("N1"), "CMAS-2", []],
  ])("%s → %j", (_label, certifications, equivalenceCode, expected) => {
    expect(candidateErrors("N2", { certifications }, equivalenceCode)).toEqual(expected);
  });
});

describe("candidate: equivalences and prerequisites (domain.md §3)", () => {
  const equivalenceError = "Equivalence non renseignée ou inconnue";
  const prerequisitesError = "Le licencié n'a pas les brevets requis";
  it.each([
    ["N2 with N1", "N2", held("N1"), null, []],
    ["N2 without N1", "N2", [], null, [prerequisitesError]],
    ["N3 with N2 but no RIFAP (every group is required)", "N3", held("N1", "N2"), null, [prerequisitesError]],
    ["N3 with N2 and RIFAP", "N3", held("N2", "RIFAP"), null, []],
    ["PA40 with PA20 only (the alternative N2|PA20)", "PA40", held("N1", "PA20"), null, []],
    ["PA40 with N2 only", "PA40", held("N1", "N2"), null, []],
    ["PA40 with neither N2 nor PA20", "PA40", held("N1"), null, [prerequisitesError]],
    ["N2 through an equivalence (CMAS-1)", "N2", [], "CMAS-1", []],
    ["N3 through an equivalence (ANMP-N2) and RIFAP held", "N3", held("RIFAP"), "ANMP-N2", []],
    ["N2 with an equivalence that does not cover N1 (BEES1 ≡ MF1)", "N2", [], "BEES1", [prerequisitesError]],
    ["N2 with an unknown equivalence", "N2", [], "CMAS-9", [equivalenceError, prerequisitesError]],
    ["N2 with an unknown equivalence but N1 held", "N2", held("N1"), "CMAS-9", [equivalenceError]],
    ["N1 with an equivalence code, known", "N1", [], "PADI-OW", []],
    ["prerequisite obtained on the start date", "N2", [{ code: "N1", obtainedOn: START }], null, []],
    [
      "prerequisite obtained the day after the start date",
      "N2",
      [{ code: "N1", obtainedOn: "2026-06-16" }],
      null,
      [prerequisitesError],
    ],
    ["GP-ASSOCIE (by equivalence only) with CMAS-3", "GP-ASSOCIE", [], "CMAS-3", []],
    ["GP-ASSOCIE without an equivalence code", "GP-ASSOCIE", [], null, [equivalenceError]],
    ["GP-ASSOCIE with a code not listed for it (CMAS-2)", "GP-ASSOCIE", [], "CMAS-2", [equivalenceError]],
    ["GP-ASSOCIE with an unknown code (reported once)", "GP-ASSOCIE", [], "XYZ", [equivalenceError]],
  ])("%s → %j", (_label, code, certifications, equivalenceCode, expected) => {
    expect(candidateErrors(code, { certifications }, equivalenceCode)).toEqual(expected);
  });
});

describe("candidate: a brevet by equivalence only", () => {
  it("checks its equivalence, not the prerequisites the catalogue may list", () => {
    const input = world({
      code: "GP-ASSOCIE",
      candidates: [{ id: 10, licenseeId: 1, equivalenceCode: "CMAS-3" }],
      people: { 1: candidatePerson("GP-ASSOCIE", { certifications: [] }) },
    });
    input.catalogue = {
      ...CATALOGUE,
      "GP-ASSOCIE": { ...CATALOGUE["GP-ASSOCIE"], prerequisites: [["GP-N4"], ["RIFAP"]] },
    };
    expect(checkClose(input).candidates[0].errors).toEqual([]);
  });
});

describe("candidate: age bounds, session on 2026-06-15", () => {
  it.each([
    ["N1 (≥ 14), 14 that day", "N1", "2012-06-15", []],
    ["N1 (≥ 14), one day short of 14", "N1", "2012-06-16", ["le licencié doit avoir un age >= 14 ans"]],
    ["N2 (≥ 16), 16 that day", "N2", "2010-06-15", []],
    ["N2 (≥ 16), one day short of 16", "N2", "2010-06-16", ["le licencié doit avoir un age >= 16 ans"]],
    ["BRONZE (8–13), 13, one day short of 14", "BRONZE", "2012-06-16", []],
    ["BRONZE (8–13), 14 that day", "BRONZE", "2012-06-15", ["le licencié doit avoir un age <= 13 ans"]],
    ["BRONZE (8–13), 8 that day", "BRONZE", "2018-06-15", []],
    ["BRONZE (8–13), one day short of 8", "BRONZE", "2018-06-16", ["le licencié doit avoir un age >= 8 ans"]],
    ["OR (10–13), one day short of 10", "OR", "2016-06-16", ["le licencié doit avoir un age >= 10 ans"]],
    ["MF2 (≥ 20 on 1 January), 20 on 1 January 2026", "MF2", "2006-01-01", []],
    [
      "MF2 (≥ 20 on 1 January), 20 on the start date but 19 on 1 January",
      "MF2",
      "2006-01-02",
      ["le licencié doit avoir un age >= 20 ans"],
    ],
    ["ANTEOR (no bound), aged 15", "ANTEOR", "2011-01-01", []],
  ])("%s → %j", (_label, code, birthDate, expected) => {
    expect(candidateErrors(code, { birthDate })).toEqual(expected);
  });
});

describe("candidate: several errors at once, in the order of domain.md §5", () => {
  it("reports licence, prerequisites and age together", () => {
    const errors = candidateErrors("N2", {
      licences: [{ season: 2026, status: "en_attente" }],
      certifications: [],
      birthDate: "2010-06-16",
    });
    expect(errors).toEqual([
      "La licence du licencié n'est pas validée",
      "Le licencié n'a pas les brevets requis",
      "le licencié doit avoir un age >= 16 ans",
    ]);
  });

  it("reports every candidate rule of a grid session in table order", () => {
    const input = world({
      code: "INITIATEUR",
      candidates: [{ id: 10, licenseeId: 1, equivalenceCode: "XYZ", grid: { complete: false, admitted: false } }],
      people: {
        1: {
          licences: [{ season: 2025, status: "validee" }],
          birthDate: "2008-06-16",
          certifications: held("INITIATEUR"),
          authorisedOrganiserIds: [],
        },
      },
    });
    expect(checkClose(input).candidates[0].errors).toEqual([
      "La licence du licencié n'est pas validée",
      "Ce brevet est déjà attribué au licencié",
      "Equivalence non renseignée ou inconnue",
      "Le licencié n'a pas les brevets requis",
      "le licencié doit avoir un age >= 18 ans",
      "Notes incomplètes pour ce candidat",
    ]);
  });
});

// --- Jury ----------------------------------------------------------------------------------------

describe("jury président / délégué (domain.md §5, §6)", () => {
  const licenceError = "La licence du moniteur n'est pas valide";
  const prerogativeError = "Le formateur n'a pas les brevets requis";
  const authorisationError = "Le moniteur n'a pas donné son autorisation à la structure";

  it.each<[string, string, JuryMember["role"], Partial<Person>, string[]]>([
    ["président MF2, N1 (E3)", "N1", "president", {}, []],
    ["délégué MF1 only, N1 (E3)", "N1", "delegue", { certifications: held("MF1") }, []],
    [
      "président MF1 only, INITIATEUR (E4)",
      "INITIATEUR",
      "president",
      { certifications: held("MF1") },
      [prerogativeError],
    ],
    ["président MF2, INITIATEUR (E4)", "INITIATEUR", "president", { certifications: held("MF1", "MF2") }, []],
    [
      "président MF2 without MON-NITROX-C, NITROX",
      "NITROX",
      "president",
      { certifications: held("MF1", "MF2") },
      [prerogativeError],
    ],
    ["président with MON-NITROX-C, NITROX", "NITROX", "president", { certifications: held("MON-NITROX-C") }, []],
    [
      "président MF2 obtained on the start date, N1",
      "N1",
      "president",
      { certifications: [{ code: "MF2", obtainedOn: START }] },
      [],
    ],
    [
      "président MF2 obtained the day after the start date, N1",
      "N1",
      "president",
      { certifications: [{ code: "MF2", obtainedOn: "2026-06-16" }] },
      [prerogativeError],
    ],
    [
      "président without ANTEOR, ANTEOR session",
      "ANTEOR",
      "president",
      { certifications: held("MF2") },
      [prerogativeError],
    ],
    ["président with no certification, A1 (no prerogative required)", "A1", "president", { certifications: [] }, []],
    [
      "président, licence en attente",
      "N1",
      "president",
      { licences: [{ season: 2026, status: "en_attente" }] },
      [licenceError],
    ],
    [
      "président, licence of the previous season",
      "N1",
      "president",
      { licences: [{ season: 2025, status: "validee" }] },
      [licenceError],
    ],
    [
      "président who authorised another organiser only",
      "N1",
      "president",
      { authorisedOrganiserIds: [OTHER_ORGANISER_ID] },
      [authorisationError],
    ],
    ["délégué who authorised nobody", "N1", "delegue", { authorisedOrganiserIds: [] }, [authorisationError]],
    [
      "délégué with three errors at once",
      "INITIATEUR",
      "delegue",
      {
        licences: [{ season: 2026, status: "en_attente" }],
        certifications: held("MF1"),
        authorisedOrganiserIds: [OTHER_ORGANISER_ID],
      },
      [licenceError, prerogativeError, authorisationError],
    ],
  ])("%s → %j", (_label, code, role, person, expected) => {
    const input = world({
      code,
      candidates: [
        {
          id: 10,
          licenseeId: 1,
          equivalenceCode: null,
          grid: CATALOGUE[code].gridCode ? { complete: true, admitted: true } : undefined,
        },
      ],
      jury: [{ id: 100, licenseeId: 1000, role }],
      people: { 1000: instructor(person) },
    });
    const verdict = checkClose(input);
    expect(verdict.jury).toEqual([{ id: 100, licenseeId: 1000, role, errors: expected, facts: expect.any(Array) }]);
    expect(verdict.ok).toBe(expected.length === 0);
  });

  it("never checks a membre du jury (not even their facts)", () => {
    const input = world({ jury: [PRESIDENT, { id: 101, licenseeId: 2000, role: "membre" }] });
    // Licensee 2000 is not in `people`: no licence, no brevet, no authorisation.
    const verdict = checkClose(input);
    expect(verdict.jury[1]).toEqual({ id: 101, licenseeId: 2000, role: "membre", errors: [], facts: [] });
    expect(verdict.ok).toBe(true);
  });
});

// --- Session ---------------------------------------------------------------------------------

describe("session-level checks", () => {
  const noCandidate = "La session ne comporte aucun candidat";
  const noPresident = "Au moins un président de jury ou un délégué est obligatoire";
  const future = "La date de la session est dans le futur";
  const mayNot = "Cet organisateur ne peut pas organiser ce brevet";
  const REGION = { structureType: "REGION", commissionCode: "TECHNIQUE" } as const;
  const CLUB_ORGANISER = { structureType: "CLUB", commissionCode: null } as const;

  it.each<[string, WorldOptions, string[]]>([
    ["a complete N1 session", {}, []],
    ["no candidate", { candidates: [] }, [noCandidate]],
    ["no jury at all", { jury: [] }, [noPresident]],
    ["only a membre du jury", { jury: [{ id: 101, licenseeId: 1000, role: "membre" }] }, [noPresident]],
    ["a délégué and no président", { jury: [{ ...PRESIDENT, role: "delegue" }] }, []],
    ["starts today", { startDate: TODAY }, []],
    ["starts tomorrow", { startDate: "2026-06-21" }, [future]],
    [
      "a club organising GP-N4",
      {
        code: "GP-N4",
        organiser: CLUB_ORGANISER,
        candidates: [{ id: 10, licenseeId: 1, equivalenceCode: null, grid: { complete: true, admitted: true } }],
      },
      [mayNot],
    ],
    ["a region's technical commission organising N1 (club only)", { organiser: REGION }, [mayNot]],
    [
      "a CODEP's technical commission organising INITIATEUR",
      {
        code: "INITIATEUR",
        organiser: { structureType: "CODEP", commissionCode: "TECHNIQUE" },
        candidates: [{ id: 10, licenseeId: 1, equivalenceCode: null, grid: { complete: true, admitted: true } }],
      },
      [],
    ],
    [
      "all four at once, in order",
      {
        code: "GP-N4",
        organiser: CLUB_ORGANISER,
        candidates: [],
        jury: [{ id: 101, licenseeId: 1000, role: "membre" }],
        startDate: "2026-07-01",
      },
      [noCandidate, noPresident, future, mayNot],
    ],
  ])("%s → %j", (_label, options, expected) => {
    const verdict = checkClose(world(options));
    expect(verdict.sessionErrors).toEqual(expected);
    expect(verdict.ok).toBe(expected.length === 0);
  });
});

// --- Result -------------------------------------------------------------------------------------

describe("awards", () => {
  const three: Candidate[] = [
    { id: 13, licenseeId: 3, equivalenceCode: null },
    { id: 11, licenseeId: 1, equivalenceCode: null },
    { id: 12, licenseeId: 2, equivalenceCode: null },
  ];

  it("awards every candidate of a session without grid, dated on the start date, in input order", () => {
    const verdict = checkClose(world({ code: "N2", candidates: three }));
    expect(verdict.ok).toBe(true);
    expect(verdict.candidates.map((candidate) => [candidate.id, candidate.awarded])).toEqual([
      [13, true],
      [11, true],
      [12, true],
    ]);
    expect(verdict.awards).toEqual([
      { licenseeId: 3, certificationCode: "N2", obtainedOn: START },
      { licenseeId: 1, certificationCode: "N2", obtainedOn: START },
      { licenseeId: 2, certificationCode: "N2", obtainedOn: START },
    ]);
  });

  it("awards nobody when one candidate has an error", () => {
    const verdict = checkClose(
      world({ code: "N2", candidates: three, people: { 2: candidatePerson("N2", { certifications: [] }) } }),
    );
    expect(verdict.ok).toBe(false);
    expect(verdict.candidates.map((candidate) => [candidate.id, candidate.errors.length, candidate.awarded])).toEqual([
      [13, 0, true],
      [11, 0, true],
      [12, 1, false],
    ]);
    expect(verdict.awards).toEqual([]);
  });

  it("awards nobody when the jury has an error", () => {
    const verdict = checkClose(world({ people: { 1000: instructor({ authorisedOrganiserIds: [] }) } }));
    expect(verdict.ok).toBe(false);
    expect(verdict.candidates[0].awarded).toBe(true);
    expect(verdict.awards).toEqual([]);
  });

  it("awards nobody when the session has an error", () => {
    const verdict = checkClose(world({ startDate: "2026-06-21" }));
    expect(verdict.ok).toBe(false);
    expect(verdict.awards).toEqual([]);
  });
});

describe("grid sessions (INITIATEUR)", () => {
  const gridWorld = (grids: (Candidate["grid"] | undefined)[]) =>
    world({
      code: "INITIATEUR",
      candidates: grids.map((grid, index) => ({ id: 10 + index, licenseeId: 1 + index, equivalenceCode: null, grid })),
    });

  it.each([
    ["marks incomplete", { complete: false, admitted: false }, ["Notes incomplètes pour ce candidat"], false, false],
    ["complete, ajourné: no error, not awarded", { complete: true, admitted: false }, [], false, true],
    ["complete, admis: awarded", { complete: true, admitted: true }, [], true, true],
    // Decision: a candidate of a grid brevet without any grid result has incomplete marks.
    ["no grid result at all", undefined, ["Notes incomplètes pour ce candidat"], false, false],
  ])("%s", (_label, grid, errors, awarded, ok) => {
    const verdict = checkClose(gridWorld([grid]));
    expect(verdict.candidates[0]).toEqual({ id: 10, licenseeId: 1, errors, facts: errors.map(() => null), awarded });
    expect(verdict.ok).toBe(ok);
    expect(verdict.awards).toEqual(
      awarded ? [{ licenseeId: 1, certificationCode: "INITIATEUR", obtainedOn: START }] : [],
    );
  });

  it("awards the admis and not the ajournés", () => {
    const verdict = checkClose(
      gridWorld([
        { complete: true, admitted: false },
        { complete: true, admitted: true },
      ]),
    );
    expect(verdict.ok).toBe(true);
    expect(verdict.awards).toEqual([{ licenseeId: 2, certificationCode: "INITIATEUR", obtainedOn: START }]);
  });
});

describe("inconsistent input", () => {
  it("throws when a candidate's facts are missing", () => {
    const input = world();
    delete input.people[1];
    expect(() => checkClose(input)).toThrow(/licensee 1\b/);
  });

  it("throws when the session's brevet is not in the catalogue", () => {
    const input = world();
    input.session.certificationCode = "N9";
    expect(() => checkClose(input)).toThrow(/N9/);
  });
});
