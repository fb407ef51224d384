import { describe, expect, it } from "vitest";
import { formatCount, formatDate, formatDateRange, formatDateTime, plural } from "./format";

describe("formatDateTime", () => {
  it("shows a timestamp in Paris time, summer and winter", () => {
    expect(formatDateTime("2026-06-15T12:30:00.000Z")).toBe("15/06/2026 à 14:30");
    expect(formatDateTime("2026-01-05T08:05:00.000Z")).toBe("05/01/2026 à 09:05");
  });

  it("follows the change of time in March and October", () => {
    expect(formatDateTime("2026-03-29T00:59:00.000Z")).toBe("29/03/2026 à 01:59");
    expect(formatDateTime("2026-03-29T01:00:00.000Z")).toBe("29/03/2026 à 03:00");
    expect(formatDateTime("2026-10-25T00:30:00.000Z")).toBe("25/10/2026 à 02:30");
    expect(formatDateTime("2026-10-25T01:30:00.000Z")).toBe("25/10/2026 à 02:30");
  });

  it("crosses midnight and the new year in Paris, not in UTC", () => {
    expect(formatDateTime("2026-12-31T23:30:00.000Z")).toBe("01/01/2027 à 00:30");
  });

  it("shows nothing for no timestamp", () => {
    expect(formatDateTime(null)).toBe("");
    expect(formatDateTime("")).toBe("");
  });
});

describe("formatDate and formatDateRange", () => {
  it("writes calendar dates the French way", () => {
    expect(formatDate("2026-06-15")).toBe("15/06/2026");
    expect(formatDateRange("2026-06-15", null)).toBe("15/06/2026");
    expect(formatDateRange("2026-06-15", "2026-06-15")).toBe("15/06/2026");
    expect(formatDateRange("2026-06-15", "2026-06-17")).toBe("du 15/06/2026 au 17/06/2026");
  });
});

describe("formatCount", () => {
  it("groups thousands with a narrow no-break space", () => {
    expect(formatCount(7)).toBe("7");
    expect(formatCount(1000)).toBe("1\u202f000");
    expect(formatCount(1_000_000)).toBe("1\u202f000\u202f000");
  });
});

describe("plural", () => {
  it("agrees with the count: the singular for 0 and 1, the plural from 2", () => {
    expect(plural(0, "candidat ajouté", "candidats ajoutés")).toBe("0 candidat ajouté");
    expect(plural(1, "candidat ajouté", "candidats ajoutés")).toBe("1 candidat ajouté");
    expect(plural(2, "candidat ajouté", "candidats ajoutés")).toBe("2 candidats ajoutés");
  });

  it("writes the number as asked", () => {
    expect(plural(27351, "session", "sessions", formatCount)).toBe("27\u202f351 sessions");
  });
});
