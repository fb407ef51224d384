import { describe, expect, it } from "vitest";
import { hasValidLicence, LICENCE_STATE_LABELS, licencePeriod, licenceState } from "./licence";

describe("licencePeriod", () => {
  it("runs from 15 September of the previous year to 31 December of the season", () => {
    expect(licencePeriod(2026)).toEqual({ from: "2025-09-15", to: "2026-12-31" });
  });
});

describe("hasValidLicence (domain.md §2)", () => {
  const validated2026 = [{ season: 2026, status: "validee" as const }];
  const pending2026 = [{ season: 2026, status: "en_attente" as const }];

  it.each([
    ["validated, 15 September of Y-1 (first day)", validated2026, "2025-09-15", true],
    ["validated, 31 December of Y (last day)", validated2026, "2026-12-31", true],
    ["validated, mid-season", validated2026, "2026-06-15", true],
    ["validated, 14 September of Y-1 (day before)", validated2026, "2025-09-14", false],
    ["validated, 1 January of Y+1 (day after)", validated2026, "2027-01-01", false],
    ["en attente, mid-season", pending2026, "2026-06-15", false],
    ["no licence at all", [], "2026-06-15", false],
    [
      "an expired validated licence and a pending current one",
      [{ season: 2025, status: "validee" as const }, ...pending2026],
      "2026-06-15",
      false,
    ],
    [
      "a pending licence and a validated one for the same day",
      [...pending2026, { season: 2027, status: "validee" as const }],
      "2026-10-01",
      true,
    ],
  ])("%s → %s", (_label, licences, day, expected) => {
    expect(hasValidLicence(licences, day)).toBe(expected);
  });
});

describe("licenceState", () => {
  it.each([
    ["validated and covering the day", [{ season: 2026, status: "validee" as const }], "2026-12-31", "valide"],
    [
      "validated wins over pending",
      [
        { season: 2026, status: "en_attente" as const },
        { season: 2026, status: "validee" as const },
      ],
      "2026-03-01",
      "valide",
    ],
    ["pending and covering the day", [{ season: 2026, status: "en_attente" as const }], "2025-09-15", "en_attente"],
    ["validated but over", [{ season: 2026, status: "validee" as const }], "2027-01-01", "expiree"],
    ["pending but not yet started", [{ season: 2026, status: "en_attente" as const }], "2025-09-14", "expiree"],
    ["no licence", [], "2026-06-15", "expiree"],
  ])("%s → %s", (_label, licences, day, expected) => {
    expect(licenceState(licences, day)).toBe(expected);
  });

  it("labels each state in French", () => {
    expect(LICENCE_STATE_LABELS).toEqual({ valide: "Valide", en_attente: "En attente", expiree: "Expirée" });
  });
});
