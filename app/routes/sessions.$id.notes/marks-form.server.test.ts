import { describe, expect, it } from "vitest";
import type { Grid } from "~/domain/grid";
import { readMarksForm } from "./marks-form.server";

const grid = {
  tests: [
    { id: 7, code: "PMT", kind: "mark" },
    { id: 8, code: "SECU", kind: "done" },
  ],
} as unknown as Grid;

function form(cells: Record<string, string>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(cells)) data.append(name, value);
  return data;
}

describe("readMarksForm", () => {
  it("reads every cell of every candidate; an empty or missing cell is no mark", () => {
    const read = readMarksForm(form({ "m.3.7": "12,5", "m.3.8": "Fait", "m.4.7": " np " }), grid, [3, 4]);
    expect(read.errors).toEqual({});
    expect(read.marks).toEqual([
      { candidateId: 3, testId: 7, mark: { value: 12.5 } },
      { candidateId: 3, testId: 8, mark: { code: "FAIT" } },
      { candidateId: 4, testId: 7, mark: { code: "NP" } },
      { candidateId: 4, testId: 8, mark: null },
    ]);
    expect(read.values).toEqual({ "m.3.7": "12,5", "m.3.8": "Fait", "m.4.7": " np ", "m.4.8": "" });
  });

  it("says why a cell is refused, beside what was typed", () => {
    const read = readMarksForm(form({ "m.3.7": "25", "m.3.8": "Fait" }), grid, [3]);
    expect(read.errors).toEqual({ "m.3.7": "Note invalide « 25 » : une note va de 0 à 20, ou NP / NF" });
    expect(read.values["m.3.7"]).toBe("25");
  });

  it("leaves out the cells of a test covered by a kept part, and ignores cells of other candidates", () => {
    const read = readMarksForm(form({ "m.3.7": "abc", "m.9.7": "abc", "m.3.8": "Fait" }), grid, [3], () => ["PMT"]);
    expect(read.errors).toEqual({});
    expect(read.marks).toEqual([{ candidateId: 3, testId: 8, mark: { code: "FAIT" } }]);
  });
});
