import { describe, expect, it } from "vitest";
import { JURY_ROLE_OPTIONS } from "./blocks";
import { findOption, locateFields, locateTable, normalizeHeader } from "./headers";
import { resolveTemplate } from "./resolve";
import { findTemplate } from "./templates";
import type { Grid } from "./spec";

const grid: Grid = {
  id: 1,
  code: "INITIATEUR",
  version: 1,
  label: "Initiateur",
  maxTotal: 140,
  passTotal: 70,
  eliminatoryBelow: 5,
  tests: [
    { id: 1, code: "mannequin", label: "Mannequin", coefficient: 1, kind: "mark", eliminatoryBelow: 10 },
    { id: 2, code: "reglementation", label: "Réglementation", coefficient: 2, kind: "mark", eliminatoryBelow: null },
  ],
  groups: [],
  partialCredit: null,
};
const resolved = resolveTemplate(findTemplate("session-initiateur")!, {
  certifications: [{ label: "Initiateur (E1)", code: "INITIATEUR" }],
  equivalences: [{ label: "CMAS-2", code: "CMAS-2" }],
  grid,
});

describe("header texts", () => {
  it.each([
    ["  Réglementation   (×2) ", "reglementation (x2)"],
    ["REGLEMENTATION (x2)", "reglementation (x2)"],
    ["Date de début :", "date de debut"],
    ["Date de début : ", "date de debut"],
    [" Nom *  ", "nom"],
    [null, ""],
  ])("compare without case, accents, spacing, × or a trailing colon: %j reads %j", (text, expected) => {
    expect(normalizeHeader(text)).toBe(expected);
  });

  it("locate the candidates table wherever its header row is, extra columns reported", () => {
    const rows = [
      [],
      ["Candidats"],
      [
        "licence",
        "NOM",
        "Prénom ",
        "Remarque",
        "Date de naissance",
        "Équivalence",
        "Mannequin (x1)",
        "Réglementation (×2)",
      ],
    ];
    const located = locateTable(rows, resolved.candidates)!;
    expect(located.headerRow).toBe(3);
    expect(Object.fromEntries(located.columns)).toEqual({
      licence: 1,
      lastName: 2,
      firstName: 3,
      birthDate: 5,
      equivalence: 6,
      "test:mannequin": 7,
      "test:reglementation": 8,
    });
    expect(located.unknown).toEqual([{ column: 4, text: "Remarque" }]);
  });

  it("do not locate a table whose required header is missing", () => {
    expect(locateTable([["Licence", "Prénom"]], resolved.candidates)).toBeNull();
  });

  it("locate header fields by label, the value to their right", () => {
    const rows = [["Session Initiateur"], [], [null, "Brevet passé", "Initiateur (E1)"], [null, "lieu", "Fosse"]];
    expect(Object.fromEntries(locateFields(rows, resolved.header))).toEqual({
      certification: { row: 3, column: 3 },
      place: { row: 4, column: 3 },
    });
  });

  it("find a dropdown option by label or code, any case", () => {
    expect(findOption(JURY_ROLE_OPTIONS, "président DE JURY")?.code).toBe("president");
    expect(findOption(JURY_ROLE_OPTIONS, "delegue")?.code).toBe("delegue");
    expect(findOption(JURY_ROLE_OPTIONS, "Juge")).toBeUndefined();
    expect(findOption(resolved.lists.certifications, "initiateur")?.code).toBe("INITIATEUR");
  });

  it("lay the grid test columns after the identity columns, then total and result", () => {
    expect(resolved.candidates.columns.map((c) => [c.letter, c.key, c.header])).toEqual([
      ["A", "licence", "Licence"],
      ["B", "lastName", "Nom"],
      ["C", "firstName", "Prénom"],
      ["D", "birthDate", "Date de naissance"],
      ["E", "equivalence", "Équivalence"],
      ["F", "test:mannequin", "Mannequin (×1)"],
      ["G", "test:reglementation", "Réglementation (×2)"],
      ["H", "total", "Total (sur 140)"],
      ["I", "result", "Résultat indicatif"],
    ]);
  });
});
