import { describe, expect, it } from "vitest";
import { formatDecimal, formatMark, markFromRow, markToRow, parseMark, type Mark } from "./marks";

const RANGE = "une note va de 0 à 20, ou NP / NF";

describe("parseMark, marked tests (out of 20)", () => {
  it.each<[string, Mark | null]>([
    ["12", { value: 12 }],
    ["12.5", { value: 12.5 }],
    ["12,5", { value: 12.5 }],
    [" 12 ", { value: 12 }],
    ["4,99", { value: 4.99 }],
    ["0", { value: 0 }],
    ["20", { value: 20 }],
    ["20,00", { value: 20 }],
    ["NP", { code: "NP" }],
    ["np", { code: "NP" }],
    ["NF", { code: "NF" }],
    ["nf", { code: "NF" }],
    ["", null],
    ["   ", null],
  ])("« %s » is read", (raw, mark) => {
    expect(parseMark(raw, "mark")).toEqual({ ok: true, mark });
  });

  it.each([
    ["21", `Note invalide « 21 » : ${RANGE}`],
    ["20,01", `Note invalide « 20,01 » : ${RANGE}`],
    ["-1", `Note invalide « -1 » : ${RANGE}`],
    ["douze", `Note invalide « douze » : ${RANGE}`],
    ["12,5,1", `Note invalide « 12,5,1 » : ${RANGE}`],
    ["Fait", `Note invalide « Fait » : ${RANGE}`],
    ["12,555", "Note invalide « 12,555 » : au plus deux décimales"],
  ])("« %s » is refused", (raw, error) => {
    expect(parseMark(raw, "mark")).toEqual({ ok: false, error });
  });
});

describe("parseMark, fait / non fait tests", () => {
  it.each<[string, Mark | null]>([
    ["Fait", { code: "FAIT" }],
    ["fait", { code: "FAIT" }],
    ["FAIT", { code: "FAIT" }],
    ["Non fait", { code: "NON_FAIT" }],
    ["NON FAIT", { code: "NON_FAIT" }],
    ["non-fait", { code: "NON_FAIT" }],
    ["NON_FAIT", { code: "NON_FAIT" }],
    [" non  fait ", { code: "NON_FAIT" }],
    ["NF", { code: "NON_FAIT" }],
    ["NP", { code: "NP" }],
    ["np", { code: "NP" }],
    ["", null],
  ])("« %s » is read", (raw, mark) => {
    expect(parseMark(raw, "done")).toEqual({ ok: true, mark });
  });

  it.each(["12", "oui", "faite non"])("« %s » is refused", (raw) => {
    expect(parseMark(raw, "done")).toEqual({
      ok: false,
      error: `Valeur invalide « ${raw} » : attendu Fait, Non fait ou NP`,
    });
  });
});

describe("formatMark", () => {
  it.each<[Mark | null, string]>([
    [{ value: 12.5 }, "12,5"],
    [{ value: 12 }, "12"],
    [{ value: 4.99 }, "4,99"],
    [{ value: 10.05 }, "10,05"],
    [{ value: 0 }, "0"],
    [{ code: "NP" }, "NP"],
    [{ code: "NF" }, "NF"],
    [{ code: "FAIT" }, "Fait"],
    [{ code: "NON_FAIT" }, "Non fait"],
    [null, ""],
  ])("%j → « %s »", (mark, text) => {
    expect(formatMark(mark)).toBe(text);
  });

  it.each(["0", "4,99", "12,5", "20", "NP", "NF"])("reads back what it writes: « %s »", (text) => {
    const parsed = parseMark(text, "mark");
    expect(parsed.ok && formatMark(parsed.mark)).toBe(text);
  });
});

describe("formatDecimal", () => {
  it.each([
    [75, "75"],
    [69.5, "69,5"],
    [0.1 + 0.2, "0,3"],
    [19.98, "19,98"],
    [319.5, "319,5"],
  ])("%d → %s", (value, text) => {
    expect(formatDecimal(value)).toBe(text);
  });
});

describe("marks rows", () => {
  it.each<[{ value: number | null; code: string | null }, Mark | null]>([
    [{ value: 12.5, code: null }, { value: 12.5 }],
    [{ value: null, code: "NP" }, { code: "NP" }],
    [{ value: null, code: "NON_FAIT" }, { code: "NON_FAIT" }],
    [{ value: null, code: "ABS" }, null],
    [{ value: null, code: null }, null],
  ])("%j → %j", (row, mark) => {
    expect(markFromRow(row)).toEqual(mark);
  });

  it("writes a mark to the value and code columns", () => {
    expect(markToRow({ value: 7.25 })).toEqual({ value: 7.25, code: null });
    expect(markToRow({ code: "NF" })).toEqual({ value: null, code: "NF" });
  });
});
