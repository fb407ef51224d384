import { describe, expect, it } from "vitest";
import {
  cleanText,
  displayValue,
  readDate,
  readLicence,
  readMark,
  readOption,
  readText,
  serialToIso,
} from "./import-cells";

const utc = (iso: string, time = "00:00:00") => new Date(`${iso}T${time}Z`);
const serial1900 = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;

describe("text cells", () => {
  it.each([
    ["  Lefèvre  ", "Lefèvre"],
    ["Jean\u00a0 François", "Jean François"],
    ["Jean\tFrançois\n", "Jean François"],
    ["\u200bMoreau\ufeff", "Moreau"],
    ["Da\u202fSilva", "Da Silva"],
    ["'=Dupré", "=Dupré"],
    ["'+33", "+33"],
    ["l'Hôte", "l'Hôte"],
    [12345, "12345"],
    [null, ""],
  ] as const)("%j → %j", (value, expected) => {
    expect(cleanText(value)).toBe(expected);
  });

  it("refuses a text over its column's length", () => {
    expect(readText("x".repeat(201), 200)).toEqual({
      ok: false,
      message: "Texte trop long (201 caractères, 200 au plus)",
    });
    expect(readText("x".repeat(200), 200)).toEqual({ ok: true, value: "x".repeat(200) });
  });
});

describe("licence cells", () => {
  it.each([
    ["A-75-100001", "A-75-100001"],
    [" a-75-100001 ", "A-75-100001"],
    ["A – 75 – 100001".replace(/ /g, ""), "A-75-100001"],
    ["A 75 100001".replace(/ /g, "-"), "A-75-100001"],
    ["A75100001", "A-75-100001"],
  ])("%j is read as %j", (value, expected) => {
    expect(readLicence(value)).toEqual({ ok: true, value: expected });
  });

  it.each(["75-100001", "A-7-100001", "A-75-123", "AB-75-100001", "licence"])(
    "%j is refused with the expected format",
    (value) => {
      expect(readLicence(value)).toEqual({
        ok: false,
        message: `Numéro de licence invalide « ${value} » : format attendu A-12-345678`,
      });
    },
  );
});

describe("date cells", () => {
  it.each([
    ["a real date (UTC wall-clock, as exceljs gives it)", utc("2026-06-15"), "2026-06-15"],
    ["a real date with a time of day", utc("2026-06-15", "23:59:59"), "2026-06-15"],
    ["a date serial (1900 system)", 46188, "2026-06-15"],
    ["a serial with a time fraction", 46188.75, "2026-06-15"],
    ["text JJ/MM/AAAA", "15/06/2026", "2026-06-15"],
    ["text J/M/AAAA", "5/6/2026", "2026-06-05"],
    ["text JJ-MM-AAAA", "15-06-2026", "2026-06-15"],
    ["text JJ.MM.AAAA", "15.06.2026", "2026-06-15"],
    ["text AAAA-MM-JJ", "2026-06-15", "2026-06-15"],
    ["ISO text with a time", "2026-06-15T00:00:00.000Z", "2026-06-15"],
    ["text with stray spaces", " 15/06/2026\u00a0", "2026-06-15"],
    ["a serial typed as text", "46188", "2026-06-15"],
    ["29 February of a leap year", "29/02/2028", "2028-02-29"],
  ])("%s", (_, value, expected) => {
    expect(readDate(value)).toEqual({ ok: true, value: expected });
  });

  it("reads serials of the 1904 date system", () => {
    expect(serialToIso(46188 - 1462, true)).toBe("2026-06-15");
    expect(readDate(46188 - 1462, { date1904: true })).toEqual({ ok: true, value: "2026-06-15" });
  });

  it("an empty cell is no date", () => {
    expect(readDate(null)).toEqual({ ok: true, value: null });
    expect(readDate("  ")).toEqual({ ok: true, value: null });
  });

  it.each([
    ["31/02/2026", "31/02/2026"],
    ["15/06/26", "15/06/26"],
    ["2026-13-01", "2026-13-01"],
    ["le 15 juin", "le 15 juin"],
    [-3, "-3"],
    [0.5, "0,5"],
    [new Date(Number.NaN), ""],
  ])("%j is refused", (value, shown) => {
    expect(readDate(value)).toEqual({ ok: false, message: `Date invalide « ${shown} » : format attendu JJ/MM/AAAA` });
  });
});

describe("date cells within a plausible window", () => {
  const window = { min: "2000-01-01", max: "2100-12-31" };

  it.each([
    ["a year typed as a number (a serial: 18/07/1905)", 2026, "2026"],
    ["a day typed as a number (a serial: 12/01/1900)", 12, "12"],
    ["the same in a date-formatted cell (exceljs gives the date)", utc("1905-07-18"), "18/07/1905"],
    ["a year typed as text", "2026", "2026"],
    ["the day before the window", "31/12/1999", "31/12/1999"],
    ["the day after the window", "2101-01-01", "2101-01-01"],
  ])("%s is refused", (_, value, shown) => {
    expect(readDate(value, window)).toEqual({
      ok: false,
      message: `Date invalide « ${shown} » : format attendu JJ/MM/AAAA`,
    });
  });

  it("its bounds are days of the window; an empty cell stays no date", () => {
    expect(readDate("01/01/2000", window)).toEqual({ ok: true, value: "2000-01-01" });
    expect(readDate(utc("2100-12-31"), window)).toEqual({ ok: true, value: "2100-12-31" });
    expect(readDate(null, window)).toEqual({ ok: true, value: null });
  });

  it("a bound alone: a birth date up to the session's start", () => {
    expect(readDate("2026-06-15", { max: "2026-06-15" })).toEqual({ ok: true, value: "2026-06-15" });
    expect(readDate("2026-06-16", { max: "2026-06-15" }).ok).toBe(false);
    expect(readDate(serial1900("1905-07-18"), { min: "1910-01-01" }).ok).toBe(false);
  });
});

describe("mark cells", () => {
  it.each([
    [12, { value: 12 }],
    [12.5, { value: 12.5 }],
    [12.299999999999999, { value: 12.3 }],
    ["12,5", { value: 12.5 }],
    [" 12.75 ", { value: 12.75 }],
    ["20", { value: 20 }],
    [0, { value: 0 }],
    ["np", { code: "NP" }],
    [" NF ", { code: "NF" }],
  ])("%j → %j", (value, mark) => {
    expect(readMark(value, "mark")).toEqual({ ok: true, value: mark });
  });

  it.each([
    ["Fait", { code: "FAIT" }],
    ["non fait", { code: "NON_FAIT" }],
    ["NON FAIT", { code: "NON_FAIT" }],
    ["NF", { code: "NON_FAIT" }],
    ["np", { code: "NP" }],
  ])("a fait / non fait test: %j → %j", (value, mark) => {
    expect(readMark(value, "done")).toEqual({ ok: true, value: mark });
  });

  it("an empty cell is no mark", () => {
    expect(readMark(null, "mark")).toEqual({ ok: true, value: null });
    expect(readMark(" ", "done")).toEqual({ ok: true, value: null });
  });

  it.each([
    [21, "Note invalide « 21 » : une note va de 0 à 20, ou NP / NF"],
    ["20,5", "Note invalide « 20,5 » : une note va de 0 à 20, ou NP / NF"],
    [-1, "Note invalide « -1 » : une note va de 0 à 20, ou NP / NF"],
    ["abs", "Note invalide « abs » : une note va de 0 à 20, ou NP / NF"],
    ["12,345", "Note invalide « 12,345 » : au plus deux décimales"],
    [utc("2026-05-12"), "Note invalide « 12/05/2026 » : une note va de 0 à 20, ou NP / NF"],
  ])("%j is refused", (value, message) => {
    expect(readMark(value, "mark")).toEqual({ ok: false, message });
  });

  it("a fait / non fait test refuses a number", () => {
    expect(readMark(12, "done")).toEqual({
      ok: false,
      message: "Valeur invalide « 12 » : attendu Fait, Non fait ou NP",
    });
  });
});

describe("dropdown cells", () => {
  const roles = [
    { label: "Président de jury", code: "president" },
    { label: "Délégué", code: "delegue" },
  ];
  const unknown = (shown: string) => `Rôle inconnu « ${shown} »`;
  it.each(["Président de jury", "président de jury", "PRESIDENT DE JURY", "  Président   de jury ", "president"])(
    "%j names the président",
    (value) => {
      expect(readOption(value, roles, unknown)).toEqual({ ok: true, value: roles[0] });
    },
  );
  it("an unknown value is refused, an empty one is none", () => {
    expect(readOption("Secrétaire", roles, unknown)).toEqual({ ok: false, message: "Rôle inconnu « Secrétaire »" });
    expect(readOption(null, roles, unknown)).toEqual({ ok: true, value: null });
  });
});

describe("values shown in messages", () => {
  it.each([
    [utc("2026-06-15"), "15/06/2026"],
    [12.5, "12,5"],
    [true, "VRAI"],
    ["a\nb", "a b"],
    [null, ""],
  ] as const)("%j → %j", (value, shown) => {
    expect(displayValue(value)).toBe(shown);
  });
});
