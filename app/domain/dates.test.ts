import { describe, expect, it } from "vitest";
import { daysBetween, parseUserDate, todayInParis } from "./dates";
import { checkSessionDates } from "./session-dates";

describe("parseUserDate", () => {
  it.each([
    ["2026-06-15", "2026-06-15"],
    ["15/06/2026", "2026-06-15"],
    ["5/6/2026", "2026-06-05"],
    [" 15.06.2026 ", "2026-06-15"],
    ["29/02/2024", "2024-02-29"],
    ["29/02/2026", null],
    ["2026-02-30", null],
    ["15/13/2026", null],
    ["demain", null],
    ["", null],
  ])("%s → %s", (raw, expected) => {
    expect(parseUserDate(raw)).toBe(expected);
  });
});

describe("dates", () => {
  it("counts days across a month end", () => {
    expect(daysBetween("2026-06-29", "2026-07-02")).toBe(3);
  });
  it("gives today in Paris, not in UTC", () => {
    expect(todayInParis(new Date("2026-06-14T22:30:00Z"))).toBe("2026-06-15");
  });
});

describe("checkSessionDates", () => {
  it("accepts no end date", () => expect(checkSessionDates("N2", "2026-06-15", null)).toBeNull());
  it("refuses an end before the start", () =>
    expect(checkSessionDates("N2", "2026-06-15", "2026-06-14")).toBe(
      "La date de fin ne peut pas précéder la date de début",
    ));
  it("allows 4 GP-N4 exam days, not 5", () => {
    expect(checkSessionDates("GP-N4", "2026-06-15", "2026-06-18")).toBeNull();
    expect(checkSessionDates("GP-N4", "2026-06-15", "2026-06-19")).toBe(
      "Une session GP-N4 dure au plus 4 jours d'examen",
    );
  });
});
