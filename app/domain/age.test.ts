import { describe, expect, it } from "vitest";
import { ageOn } from "./age";

describe("ageOn (whole years, calendar dates)", () => {
  it.each([
    ["birthday that day", "2010-06-15", "2026-06-15", 16],
    ["one day short", "2010-06-15", "2026-06-14", 15],
    ["day after the birthday", "2010-06-15", "2026-06-16", 16],
    ["earlier month, later day", "2010-06-15", "2026-05-31", 15],
    ["later month, earlier day", "2010-06-15", "2026-07-01", 16],
    ["1 January, born 1 January", "2006-01-01", "2026-01-01", 20],
    ["1 January, born 2 January", "2006-01-02", "2026-01-01", 19],
    ["31 December", "2006-12-31", "2026-12-31", 20],
    ["the birth day itself", "2026-06-15", "2026-06-15", 0],
    // Decision: born on 29 February, the birthday falls on 1 March in non-leap years.
    ["born 29 Feb, 28 Feb of a non-leap year", "2008-02-29", "2026-02-28", 17],
    ["born 29 Feb, 1 Mar of a non-leap year", "2008-02-29", "2026-03-01", 18],
    ["born 29 Feb, 28 Feb of a leap year", "2008-02-29", "2028-02-28", 19],
    ["born 29 Feb, 29 Feb of a leap year", "2008-02-29", "2028-02-29", 20],
    ["born 29 Feb, 28 Feb 2100 (not leap)", "2084-02-29", "2100-02-28", 15],
    ["born 29 Feb, 29 Feb 2000 (leap)", "1980-02-29", "2000-02-29", 20],
  ])("%s: born %s, on %s → %i", (_label, birthDate, day, expected) => {
    expect(ageOn(birthDate, day)).toBe(expected);
  });

  it("refuses a date that is not YYYY-MM-DD", () => {
    expect(() => ageOn("15/06/2010", "2026-06-15")).toThrow(RangeError);
  });
});
