/**
 * Exam grids (domain.md §7): from marks to a result, Admis or Ajourné, with the reasons.
 *
 * A grid is data (tables `exam_grids`, `grid_tests`, `grid_groups`, `grid_group_tests`, see
 * migration 002); `gridFromRows` (grid-rows.ts) turns those rows into a `Grid`, `computeResult` applies it.
 * Points are computed in hundredths (integers) so that no floating-point drift can move a
 * candidate across a bound: 4,99 is below 5 and 39,5 + 40,5 is exactly 80.
 *
 * GP-N4 partial credit follows docs/decisions/005-gp-n4-partial-credit.md.
 */
import { isIsoDate } from "./dates";
import { formatDecimal, type Mark } from "./marks";

export interface GridTest {
  id: number;
  code: string;
  label: string;
  coefficient: number;
  kind: "mark" | "done";
  /** A stricter eliminatory bound for this test only (Initiateur Mannequin, MF1 Réglementation: 10). */
  eliminatoryBelow: number | null;
}

export interface GridGroup {
  code: string;
  label: string;
  minPoints: number;
  maxPoints: number;
  /** Member tests, in the grid's test order. */
  testCodes: string[];
}

/** One part of the exam a failed candidate may keep (GP-N4: `1+2` and `3`). */
export interface PartialCreditPart {
  code: string;
  /** `groupes 1 et 2`, `groupe 3` */
  label: string;
  /** The groups that make the part: the part covers every test of these groups. */
  groups: string[];
  /** Each group of the part must reach its minimum. */
  eachGroupAverage: boolean;
  /** No eliminatory mark (below a bound, NP, NF, non fait) among the part's tests. */
  noEliminatoryMark: boolean;
  /**
   * The rest of the exam must reach these points, summed over the tests of these groups.
   * The data may write `{ group: "3" }`; it is read as `{ groups: ["3"] }`.
   */
  otherMin: { groups: string[]; points: number } | null;
}

/** Typed view of `exam_grids.rules_json` → `partialCredit`. */
export interface PartialCreditRules {
  /** Only a candidate who sat every test (all marked, none NP) may keep a part. */
  requiresWholeExam: boolean;
  parts: PartialCreditPart[];
  /** A kept part is valid this many months from the first exam day... */
  validityMonths: number;
  validityFrom: "first_exam_day";
  /** ...for at most this many later sessions. */
  maxLaterSessions: number;
}

export interface Grid {
  id: number;
  code: string;
  version: number;
  label: string;
  maxTotal: number;
  passTotal: number;
  /** Any mark strictly below this eliminates. */
  eliminatoryBelow: number;
  /** In the grid's order (`sort_order`). */
  tests: GridTest[];
  /** In the grid's order (`sort_order`). */
  groups: GridGroup[];
  partialCredit: PartialCreditRules | null;
}

export interface GridResult {
  /**
   * Per test code: mark × coefficient; 0 for NP / NF and for done tests; null when missing.
   * Tests the candidate is exempt from are left out.
   */
  points: Record<string, number | null>;
  /** The groups checked (all of them, or those of the part still to take), in grid order. */
  groups: { code: string; label: string; points: number; maxPoints: number; minPoints: number; met: boolean }[];
  total: number;
  /** The grid's total, or the maximum of the part still to take. */
  maxTotal: number;
  /** Every test still to take has a mark. */
  complete: boolean;
  /** null while incomplete. */
  result: "admis" | "ajourne" | null;
  /** Why ajourné, in French: tests in grid order, then groups, then the total. Empty otherwise. */
  reasons: string[];
  /** GP-N4 parts earned in this session (only when ajourné after sitting the whole exam). */
  kept: { part: string; label: string; until: string }[];
}

export interface ComputeOptions {
  /**
   * First exam day (`YYYY-MM-DD`, the session start date), from which a kept part's validity
   * runs. Needed to report kept parts: without it `kept` is always empty.
   */
  firstExamDay?: string;
  /** Test codes the candidate does not take because a kept part covers them (see `exemptTestCodes`). */
  exempt?: string[];
}

interface TestOutcome {
  test: GridTest;
  /** Hundredths of a point; null when missing. */
  points: number | null;
  /** Why this test eliminates, or null. */
  eliminatory: string | null;
  notPresented: boolean;
}

/** Applies a grid to one candidate's marks, keyed by test code. */
export function computeResult(
  grid: Grid,
  marks: Record<string, Mark | null | undefined>,
  options: ComputeOptions = {},
): GridResult {
  const exempt = new Set(options.exempt ?? []);
  for (const code of exempt) {
    if (!grid.tests.some((test) => test.code === code))
      throw new Error(`Grid ${grid.code}: unknown exempt test ${code}`);
  }
  if (options.firstExamDay !== undefined && !isIsoDate(options.firstExamDay)) {
    throw new Error(`computeResult: firstExamDay must be YYYY-MM-DD, got ${options.firstExamDay}`);
  }
  const partOnly = exempt.size > 0;

  const outcomes = grid.tests
    .filter((test) => !exempt.has(test.code))
    .map((test) => evaluateTest(grid, test, marks[test.code]));
  const byCode = new Map(outcomes.map((outcome) => [outcome.test.code, outcome]));
  const sum = (codes: Iterable<string>) => {
    let total = 0;
    for (const code of codes) total += byCode.get(code)?.points ?? 0;
    return total;
  };

  // A group is checked only when none of its tests is exempt: a minimum over a sum cannot be
  // judged with a member missing. With a whole kept part exempt, its groups simply drop out.
  const groups = grid.groups
    .filter((group) => group.testCodes.every((code) => !exempt.has(code)))
    .map((group) => {
      const points = sum(group.testCodes);
      return { group, points, met: points >= group.minPoints * 100 };
    });

  const total = sum(byCode.keys());
  const maxTotal = partOnly
    ? outcomes.reduce((max, { test }) => max + (test.kind === "mark" ? test.coefficient * 20 : 0), 0)
    : grid.maxTotal;
  // The total pass mark applies to the whole exam only. A candidate taking one part is judged
  // on that part's group minimums and eliminatory bounds (decision 005); for GP-N4 every
  // minimum is 10/20 weighted, like the pass mark, so nothing is lost.
  const totalMet = partOnly || total >= grid.passTotal * 100;

  const complete = outcomes.every((outcome) => outcome.points !== null);
  const failed =
    outcomes.some((outcome) => outcome.eliminatory !== null) || groups.some((group) => !group.met) || !totalMet;
  const result = complete ? (failed ? "ajourne" : "admis") : null;

  const reasons: string[] = [];
  if (result === "ajourne") {
    for (const outcome of outcomes) if (outcome.eliminatory) reasons.push(outcome.eliminatory);
    for (const { group, points, met } of groups) if (!met) reasons.push(groupReason(group, points));
    if (!totalMet) reasons.push(`Total insuffisant : ${score(total, maxTotal)}`);
  }

  const kept: GridResult["kept"] = [];
  const rules = grid.partialCredit;
  const firstExamDay = options.firstExamDay;
  const satWholeExam = !partOnly && !outcomes.some((outcome) => outcome.notPresented);
  if (result === "ajourne" && rules && firstExamDay && (satWholeExam || !rules.requiresWholeExam)) {
    const groupByCode = new Map(groups.map((entry) => [entry.group.code, entry]));
    for (const part of rules.parts) {
      const partTests = testsOfGroups(grid, part.groups);
      const averages = !part.eachGroupAverage || part.groups.every((code) => groupByCode.get(code)?.met === true);
      const clean = !part.noEliminatoryMark || partTests.every((code) => byCode.get(code)?.eliminatory === null);
      const other =
        part.otherMin === null || sum(testsOfGroups(grid, part.otherMin.groups)) >= part.otherMin.points * 100;
      if (averages && clean && other) {
        kept.push({ part: part.code, label: part.label, until: addMonths(firstExamDay, rules.validityMonths) });
      }
    }
  }

  const pointsByTest: Record<string, number | null> = {};
  for (const outcome of outcomes) {
    pointsByTest[outcome.test.code] = outcome.points === null ? null : outcome.points / 100;
  }

  return {
    points: pointsByTest,
    groups: groups.map(({ group, points, met }) => ({
      code: group.code,
      label: group.label,
      points: points / 100,
      maxPoints: group.maxPoints,
      minPoints: group.minPoints,
      met,
    })),
    total: total / 100,
    maxTotal,
    complete,
    result,
    reasons,
    kept,
  };
}

/**
 * One test's points and eliminatory reason. A mark of the wrong kind (a number in a done test,
 * Fait in a marked test) cannot come from `parseMark`; it counts as missing.
 */
function evaluateTest(grid: Grid, test: GridTest, mark: Mark | null | undefined): TestOutcome {
  const missing: TestOutcome = { test, points: null, eliminatory: null, notPresented: false };
  if (!mark) return missing;
  if ("value" in mark) {
    if (test.kind !== "mark") return missing;
    const hundredths = Math.round(mark.value * 100);
    let eliminatory: string | null = null;
    if (hundredths < grid.eliminatoryBelow * 100) {
      eliminatory = `Note éliminatoire en ${test.label} : ${formatDecimal(mark.value)}/20`;
    } else if (test.eliminatoryBelow !== null && hundredths < test.eliminatoryBelow * 100) {
      eliminatory = `${test.label} inférieur à ${formatDecimal(test.eliminatoryBelow)}/20`;
    }
    return { test, points: Math.round(hundredths * test.coefficient), eliminatory, notPresented: false };
  }
  switch (mark.code) {
    case "NP":
      return { test, points: 0, eliminatory: `Non présenté en ${test.label}`, notPresented: true };
    case "NF":
      // NF in a done test means "non fait" (parseMark stores it as NON_FAIT).
      return test.kind === "mark"
        ? { test, points: 0, eliminatory: `Non fait : ${test.label}`, notPresented: false }
        : { test, points: 0, eliminatory: `${test.label} non fait`, notPresented: false };
    case "FAIT":
      return test.kind === "done" ? { test, points: 0, eliminatory: null, notPresented: false } : missing;
    case "NON_FAIT":
      return test.kind === "done"
        ? { test, points: 0, eliminatory: `${test.label} non fait`, notPresented: false }
        : missing;
  }
}

function groupReason(group: GridGroup, points: number): string {
  const numbered = /^Groupe (.+)$/.exec(group.label);
  const text = score(points, group.maxPoints);
  return numbered
    ? `Moyenne du groupe ${numbered[1]} insuffisante : ${text}`
    : `Moyenne insuffisante en ${group.label} : ${text}`;
}

function score(hundredths: number, max: number): string {
  return `${formatDecimal(hundredths / 100)}/${formatDecimal(max)}`;
}

/** The codes of the tests of these groups, in grid order. */
function testsOfGroups(grid: Grid, groupCodes: string[]): string[] {
  const codes = new Set(grid.groups.filter((group) => groupCodes.includes(group.code)).flatMap((g) => g.testCodes));
  return grid.tests.filter((test) => codes.has(test.code)).map((test) => test.code);
}

/**
 * The tests a candidate does not take in a later session because these kept parts cover them
 * (pass the result as `exempt` to `computeResult`).
 */
export function exemptTestCodes(grid: Grid, keptParts: string[]): string[] {
  const parts = keptParts.map((code) => {
    const part = grid.partialCredit?.parts.find((candidate) => candidate.code === code);
    if (!part) throw new Error(`Grid ${grid.code}: no partial credit part ${code}`);
    return part;
  });
  return testsOfGroups(
    grid,
    parts.flatMap((part) => part.groups),
  );
}

/**
 * The kept parts that still count for a later session whose first exam day is `day`: `day` on or
 * before `until`, and fewer than `maxLaterSessions` later sessions already taken with the part.
 */
export function keptPartsStillValid(
  kept: { part: string; until: string; sessionsUsed: number }[],
  day: string,
  maxLaterSessions: number,
): string[] {
  return kept.filter((entry) => day <= entry.until && entry.sessionsUsed < maxLaterSessions).map((entry) => entry.part);
}

/**
 * `day` plus `months` calendar months. A day that does not exist in the target month becomes
 * that month's last day: 31 May + 9 months = 28 February (29 in a leap year).
 */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split("-").map(Number);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const targetDate = Math.min(date, lastDay);
  return `${targetYear}-${String(targetMonth).padStart(2, "0")}-${String(targetDate).padStart(2, "0")}`;
}
