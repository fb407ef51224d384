/**
 * The "Total" and "Résultat indicatif" formulas of a graded template, built from the grid
 * data (domain.md §7): a convenience for the person filling the file, never read back (the
 * import reads the marks; the official result is computed at closing). GP-N4 partial credit
 * is not computed here.
 *
 * NP, NF and text count 0 (`N()`); a blank test leaves the result "Incomplet".
 */
import type { CandidateKey, ResolvedColumn, ResolvedTable, Grid } from "./spec";

function columnsOf(table: ResolvedTable<CandidateKey>) {
  const byKey = new Map(table.columns.map((c) => [c.key, c]));
  const get = (key: CandidateKey): ResolvedColumn<CandidateKey> => {
    const column = byKey.get(key);
    if (!column) throw new Error(`No column ${key}.`);
    return column;
  };
  return { get, tests: table.columns.filter((c) => c.test) };
}

function points(cells: { letter: string; coefficient: number }[], row: number): string {
  return cells
    .map((c) => (c.coefficient === 1 ? `N(${c.letter}${row})` : `N(${c.letter}${row})*${c.coefficient}`))
    .join("+");
}

/** `IF($A2="","",N(F2)+N(G2)*2+…)`: the weighted sum, blank on a row without licence. */
export function totalFormula(table: ResolvedTable<CandidateKey>, row: number): string {
  const { get, tests } = columnsOf(table);
  const licence = get("licence").letter;
  const marked = tests
    .filter((c) => c.test!.kind === "mark")
    .map((c) => ({ letter: c.letter, coefficient: c.test!.coefficient }));
  const sum = marked.length > 0 ? points(marked, row) : "0";
  return `IF($${licence}${row}="","",${sum})`;
}

/**
 * `Admis` when every test is marked, no mark is eliminatory (NP/NF, below the grid's or the
 * test's bound, "Non fait"), every group reaches its minimum and the total its pass mark;
 * `Ajourné` otherwise; `Incomplet` while a test is blank.
 */
export function resultFormula(table: ResolvedTable<CandidateKey>, grid: Grid, row: number): string {
  const { get, tests } = columnsOf(table);
  const licence = get("licence").letter;
  const total = get("total").letter;
  const letterOf = new Map(tests.map((c) => [c.test!.code, c.letter]));
  const conditions: string[] = [];
  for (const column of tests) {
    const test = column.test!;
    const cell = `${column.letter}${row}`;
    if (test.kind === "done") {
      conditions.push(`UPPER(TRIM(${cell}))="FAIT"`);
      continue;
    }
    conditions.push(`ISNUMBER(${cell})`);
    const bound = test.eliminatoryBelow ?? grid.eliminatoryBelow;
    if (bound > 0) conditions.push(`${cell}>=${bound}`);
  }
  for (const group of grid.groups) {
    const members = group.testCodes
      .map((code) => grid.tests.find((t) => t.code === code))
      .filter((t): t is NonNullable<typeof t> => t !== undefined && t.kind === "mark")
      .map((t) => ({ letter: letterOf.get(t.code)!, coefficient: t.coefficient }));
    if (members.length > 0) conditions.push(`${points(members, row)}>=${group.minPoints}`);
  }
  conditions.push(`N(${total}${row})>=${grid.passTotal}`);
  const first = tests[0].letter;
  const last = tests[tests.length - 1].letter;
  return (
    `IF($${licence}${row}="","",IF(COUNTBLANK(${first}${row}:${last}${row})>0,"Incomplet",` +
    `IF(AND(${conditions.join(",")}),"Admis","Ajourné")))`
  );
}
