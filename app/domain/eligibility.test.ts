import { describe, expect, it } from "vitest";
import {
  ageFact,
  candidateFindings,
  candidateSummary,
  juryFindings,
  jurySummary,
  licenceFact,
  type CatalogueCertification,
  type PersonFacts,
  type SessionRules,
} from "./eligibility";

function certification(overrides: Partial<CatalogueCertification>): CatalogueCertification {
  return {
    code: "N1",
    name: "Plongeur Niveau 1",
    commissionCode: "TECHNIQUE",
    levels: ["CLUB"],
    examinable: true,
    minAge: 14,
    maxAge: null,
    ageReference: "session_start",
    juryPrerogative: "E3",
    equivalenceOnly: false,
    prerequisites: [],
    equivalenceCodes: [],
    gridCode: null,
    ...overrides,
  };
}

const ORGANISER = 7;

function rules(cert: Partial<CatalogueCertification> = {}, startDate = "2026-11-28"): SessionRules {
  return {
    startDate,
    organiserId: ORGANISER,
    certification: certification(cert),
    equivalences: { "CMAS-1": "N1", "CMAS-2": "N2", "CMAS-3": "N3" },
    prerogatives: { E3: ["MF1", "MF2"], E4: ["MF2"] },
  };
}

function person(overrides: Partial<PersonFacts> = {}): PersonFacts {
  return {
    licences: [{ season: 2027, status: "validee" }],
    birthDate: "1990-01-01",
    certifications: [],
    authorisedOrganiserIds: [],
    ...overrides,
  };
}

const validated = (season: number) => ({ season, status: "validee" as const });
const waiting = (season: number) => ({ season, status: "en_attente" as const });

describe("licence in words, on the session's start date", () => {
  it.each([
    ["a validated licence of the season", [validated(2026)], "2026-06-13", "licence 2026 validée"],
    ["a licence still waiting", [waiting(2026)], "2026-06-13", "licence 2026 en attente"],
    // From 15 September, next season's licence covers the day.
    ["next season's licence from 15 September", [validated(2027)], "2026-09-15", "licence 2027 validée"],
    ["next season's licence waiting", [waiting(2027)], "2026-11-28", "licence 2027 en attente"],
    ["next season's licence on 14 September", [validated(2027)], "2026-09-14", "aucune licence 2026 (dernière : 2027)"],
    ["an old licence", [validated(2024)], "2026-06-13", "aucune licence 2026 (dernière : 2024)"],
    ["no licence at all", [], "2026-06-13", "aucune licence"],
  ])("%s", (_label, licences, day, expected) => {
    expect(licenceFact(licences, day)).toBe(expected);
  });
});

describe("age in words", () => {
  it.each([
    ["2015-11-29", "2026-11-28", "10 ans au 28/11/2026"],
    ["2015-11-28", "2026-11-28", "11 ans au 28/11/2026"],
    ["2025-01-01", "2026-11-28", "1 an au 28/11/2026"],
  ])("born %s, on %s", (birth, day, expected) => {
    expect(ageFact(birth, day)).toBe(expected);
  });
});

describe("a candidate's findings: the exact messages and the facts behind them", () => {
  it("a child of 11 with a licence waiting, for N1", () => {
    const findings = candidateFindings(
      rules(),
      person({ birthDate: "2015-06-01", licences: [{ season: 2027, status: "en_attente" }] }),
      null,
    );
    expect(findings).toEqual([
      { message: "La licence du licencié n'est pas validée", fact: "licence 2027 en attente" },
      { message: "le licencié doit avoir un age >= 14 ans", fact: "11 ans au 28/11/2026" },
    ]);
  });

  it("someone who already holds the brevet", () => {
    const findings = candidateFindings(
      rules(),
      person({ certifications: [{ code: "N1", obtainedOn: "2020-05-01" }] }),
      null,
    );
    expect(findings).toEqual([{ message: "Ce brevet est déjà attribué au licencié", fact: "détient déjà N1" }]);
  });

  it("missing prerequisites, an alternative written with « ou »", () => {
    const findings = candidateFindings(
      rules({ code: "PA40", prerequisites: [["N2", "PA20"], ["RIFAP"]], minAge: 18 }),
      person({ certifications: [{ code: "RIFAP", obtainedOn: "2020-01-01" }] }),
      null,
    );
    expect(findings).toEqual([
      { message: "Le licencié n'a pas les brevets requis", fact: "manque N2 ou PA20 au 28/11/2026" },
    ]);
  });

  it("an equivalence brevet without its equivalence", () => {
    const findings = candidateFindings(
      rules({ code: "GP-ASSOCIE", equivalenceOnly: true, equivalenceCodes: ["CMAS-3"], minAge: 18 }),
      person(),
      "CMAS-2",
    );
    expect(findings).toEqual([
      {
        message: "Equivalence non renseignée ou inconnue",
        fact: "l'équivalence CMAS-2 ne donne pas GP-ASSOCIE (attendue : CMAS-3)",
      },
    ]);
  });

  it("too old for a children's brevet, age read on the start date", () => {
    const findings = candidateFindings(
      rules({ code: "BRONZE", minAge: 8, maxAge: 13 }),
      person({ birthDate: "2012-11-28" }),
      null,
    );
    expect(findings).toEqual([{ message: "le licencié doit avoir un age <= 13 ans", fact: "14 ans au 28/11/2026" }]);
  });

  it("nothing for an eligible candidate, and the summary in plain words", () => {
    expect(candidateFindings(rules(), person(), null)).toEqual([]);
    expect(candidateSummary(rules(), person())).toEqual(["licence 2027 validée", "36 ans au 28/11/2026"]);
  });
});

describe("a président's findings", () => {
  it("no licence, no prerogative, no authorisation", () => {
    const findings = juryFindings(
      rules(),
      person({ licences: [], certifications: [{ code: "INITIATEUR", obtainedOn: "2010-01-01" }] }),
      "president",
    );
    expect(findings).toEqual([
      { message: "La licence du moniteur n'est pas valide", fact: "aucune licence" },
      { message: "Le formateur n'a pas les brevets requis", fact: "ne détient ni MF1 ni MF2 au 28/11/2026" },
      {
        message: "Le moniteur n'a pas donné son autorisation à la structure",
        fact: "aucune autorisation donnée à cet organisateur",
      },
    ]);
  });

  it("a membre du jury is never checked", () => {
    expect(juryFindings(rules(), undefined, "membre")).toEqual([]);
  });

  it("the summary tells the teaching grades and the authorisation", () => {
    const instructor = person({
      certifications: [
        { code: "N3", obtainedOn: "2000-01-01" },
        { code: "MF1", obtainedOn: "2005-01-01" },
        { code: "INITIATEUR", obtainedOn: "2003-01-01" },
      ],
      authorisedOrganiserIds: [ORGANISER],
    });
    expect(jurySummary(rules(), instructor)).toEqual([
      "licence 2027 validée",
      "enseignement : INITIATEUR, MF1",
      "a autorisé cet organisateur",
    ]);
    expect(jurySummary(rules(), person())).toEqual([
      "licence 2027 validée",
      "aucun brevet d'enseignant",
      "n'a pas autorisé cet organisateur",
    ]);
  });
});
