import { describe, expect, it } from "vitest";
import { mayOrganise } from "./organiser-rights";

const N2 = { commissionCode: "TECHNIQUE", levels: ["CLUB" as const], examinable: true };
const GPN4 = { commissionCode: "TECHNIQUE", levels: ["REGION" as const], examinable: true };
const TIV = { commissionCode: "TECHNIQUE", levels: ["REGION" as const, "CODEP" as const], examinable: true };
const A1 = { commissionCode: "APNEE", levels: ["CLUB" as const], examinable: true };
const MON_NITROX = { commissionCode: "TECHNIQUE", levels: ["NATIONAL" as const], examinable: false };

describe("mayOrganise", () => {
  it.each([
    ["a club, N2", { structureType: "CLUB" as const, commissionCode: null }, N2, true],
    ["an SCA, N2 (same rights as a club)", { structureType: "SCA" as const, commissionCode: null }, N2, true],
    ["a club, GP-N4", { structureType: "CLUB" as const, commissionCode: null }, GPN4, false],
    [
      "a region's technical commission, GP-N4",
      { structureType: "REGION" as const, commissionCode: "TECHNIQUE" },
      GPN4,
      true,
    ],
    ["a region's apnea commission, GP-N4", { structureType: "REGION" as const, commissionCode: "APNEE" }, GPN4, false],
    [
      "a CODEP's technical commission, TIV",
      { structureType: "CODEP" as const, commissionCode: "TECHNIQUE" },
      TIV,
      true,
    ],
    ["a club, an apnea brevet", { structureType: "CLUB" as const, commissionCode: null }, A1, true],
    [
      "the federation, a qualification never passed in a session",
      { structureType: "NATIONAL" as const, commissionCode: "TECHNIQUE" },
      MON_NITROX,
      false,
    ],
  ])("%s → %s", (_label, organiser, certification, expected) => {
    expect(mayOrganise(organiser, certification)).toBe(expected);
  });
});
