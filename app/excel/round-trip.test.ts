/**
 * The files open in a second program without repair and keep what matters: every blank
 * template and three exported sessions are re-saved by LibreOffice Calc (Debian's
 * `libreoffice-calc-nogui`, `soffice --headless --convert-to xlsx`) and by openpyxl (Debian's
 * `python3-openpyxl`), then read back with exceljs: sheets, hidden lists, dropdowns, comments,
 * locked and unlocked cells, protection, the marker and the session content. LibreOffice also
 * recalculates the total and result formulas, which are checked against the grid rules.
 *
 * Both programs are required by the test suite (`.ci/run` installs them; README "Set-up").
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/connection";
import { freshDatabase } from "../../test/support/database";
import { SHEETS } from "./blocks";
import { plainCellValue } from "./cell-value";
import { parseMarker } from "./marker";
import { openWorkbook, readMarker, readSessionContent } from "./read-back";
import { columnLetter, resolveTemplate } from "./resolve";
import type { ResolvedTemplate } from "./spec";
import { buildSessionExportFile, buildTemplateFile, loadExportedSession } from "../sessions/export.server";
import { loadTemplateData } from "../sessions/template-data.server";
import { TEMPLATES } from "./templates";
import { SESSIONS, licenceOf, seedExportWorld, sessionId } from "../../test/support/excel-world";

const PYTHON = process.env.PYTHON || (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
const SOFFICE = process.env.SOFFICE_PATH || "soffice";

interface Case {
  name: string;
  bytes: Buffer;
  resolved: ResolvedTemplate;
  /** For exports: the session title, to check content and computed results. */
  session?: string;
}

let db: DB;
let cleanup: () => Promise<void>;
let dir: string;
const cases: Case[] = [];

beforeAll(async () => {
  ({ db, cleanup } = await freshDatabase());
  await seedExportWorld(db);
  dir = await mkdtemp(join(tmpdir(), "sessions-round-trip-"));
  for (const spec of TEMPLATES) {
    const file = await buildTemplateFile(db, spec, null);
    cases.push({
      name: spec.slug,
      bytes: file.body,
      resolved: resolveTemplate(spec, await loadTemplateData(db, spec, { allowed: null })),
    });
  }
  for (const title of [SESSIONS.n2, SESSIONS.initiateur, SESSIONS.n4]) {
    const id = await sessionId(db, title);
    const exported = (await loadExportedSession(db, id))!;
    const file = (await buildSessionExportFile(db, id, null))!;
    const data = await loadTemplateData(
      db,
      exported.spec,
      { allowed: null, include: exported.session.certificationCode },
      exported.grid,
    );
    const resolved = resolveTemplate(exported.spec, data, {
      juryRows: exported.session.jury.length + 5,
      candidateRows: exported.session.candidates.length + 100,
      session: { id, revision: exported.session.revision },
    });
    cases.push({ name: `export-${id}`, bytes: file.body, resolved, session: title });
  }
  for (const c of cases) await writeFile(join(dir, `${c.name}.xlsx`), c.bytes);
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  if (cleanup) await cleanup();
});

/**
 * A summary of an .xlsx read with Python's standard library only (zipfile + ElementTree): a
 * reader independent of exceljs, which, for instance, ignores `locked="false"` as LibreOffice
 * writes it, and cannot open openpyxl's comment parts.
 */
const INSPECT = String.raw`
import json, sys, zipfile, posixpath, xml.etree.ElementTree as ET
M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P = "http://schemas.openxmlformats.org/package/2006/relationships"
z = zipfile.ZipFile(sys.argv[1])
names = set(z.namelist())
def rels(part):
    d, b = posixpath.split(part)
    path = posixpath.join(d, "_rels", b + ".rels")
    out = {}
    if path in names:
        for rel in ET.fromstring(z.read(path)).findall("{%s}Relationship" % P):
            t = rel.get("Target")
            full = t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join(d, t))
            out[rel.get("Id")] = (rel.get("Type").rsplit("/", 1)[-1], full)
    return out
def text(node):
    return "".join(t.text or "" for t in node.iter("{%s}t" % M)) if node is not None else None
def flag(value, default):
    return default if value is None else value in ("1", "true")
shared = [text(si) for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("{%s}si" % M)] if "xl/sharedStrings.xml" in names else []
styles = ET.fromstring(z.read("xl/styles.xml"))
def locked(xf):
    p = xf.find("{%s}protection" % M)
    return flag(p.get("locked") if p is not None else None, True)
xfs = [locked(xf) for xf in styles.find("{%s}cellXfs" % M).findall("{%s}xf" % M)]
wb = ET.fromstring(z.read("xl/workbook.xml"))
wbrels = rels("xl/workbook.xml")
out = {"definedNames": {d.get("name"): d.text for d in wb.iter("{%s}definedName" % M)}, "sheets": []}
for s in wb.find("{%s}sheets" % M):
    part = wbrels[s.get("{%s}id" % R)][1]
    ws = ET.fromstring(z.read(part))
    cells = {}
    for c in ws.iter("{%s}c" % M):
        v, t = c.find("{%s}v" % M), c.get("t")
        value = shared[int(v.text)] if t == "s" and v is not None else (text(c.find("{%s}is" % M)) if t == "inlineStr" else (v.text if v is not None else None))
        cells[c.get("r")] = {"value": value, "locked": xfs[int(c.get("s", "0"))]}
    cols = [{"min": int(c.get("min")), "max": int(c.get("max")), "locked": xfs[int(c.get("style", "0"))]} for c in ws.iter("{%s}col" % M)]
    validations = [{"sqref": d.get("sqref"), "type": d.get("type"), "formula1": (d.findtext("{%s}formula1" % M) or "")} for d in ws.iter("{%s}dataValidation" % M)]
    protection = ws.find("{%s}sheetProtection" % M)
    comments = {}
    for kind, target in rels(part).values():
        if kind == "comments":
            for c in ET.fromstring(z.read(target)).iter("{%s}comment" % M):
                comments[c.get("ref")] = text(c)
    out["sheets"].append({"name": s.get("name"), "state": s.get("state") or "visible", "cells": cells, "cols": cols,
        "validations": validations, "protection": dict(protection.attrib) if protection is not None else None,
        "comments": comments, "defaultLocked": xfs[0]})
print(json.dumps(out))
`;

interface InspectedSheet {
  name: string;
  state: string;
  cells: Record<string, { value: string | null; locked: boolean }>;
  cols: { min: number; max: number; locked: boolean }[];
  validations: { sqref: string; type: string; formula1: string }[];
  protection: Record<string, string> | null;
  comments: Record<string, string>;
  defaultLocked: boolean;
}

function inspect(file: string): { definedNames: Record<string, string>; sheets: InspectedSheet[] } {
  const run = spawnSync(PYTHON, ["-c", INSPECT, file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`inspect failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

function isLocked(sheet: InspectedSheet, row: number, column: number): boolean {
  const cell = sheet.cells[`${columnLetter(column)}${row}`];
  if (cell) return cell.locked;
  return sheet.cols.find((c) => c.min <= column && column <= c.max)?.locked ?? sheet.defaultLocked;
}

/** The values of a list's source range on the hidden sheet (`Listes!$A$2:$A$23`). */
function rangeValues(lists: InspectedSheet, formula: string): (string | null)[] {
  const match = /^'?Listes'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(formula.replace(/^=/, ""));
  if (!match) throw new Error(`Not a range of the hidden sheet: ${formula}`);
  const values: (string | null)[] = [];
  for (let r = Number(match[2]); r <= Number(match[4]); r++) values.push(lists.cells[`${match[1]}${r}`]?.value ?? null);
  return values;
}

/** What must survive a re-save by another program, checked on the file's XML. */
function expectIntact(c: Case, file: string) {
  const { resolved } = c;
  const { definedNames, sheets } = inspect(file);
  const sheet = (name: string) => sheets.find((s) => s.name === name)!;
  expect(sheets.map((s) => [s.name, s.state])).toEqual([
    [SHEETS.guide, "visible"],
    [SHEETS.session, "visible"],
    [SHEETS.candidates, "visible"],
    [SHEETS.lists, "hidden"],
  ]);
  const lists = sheet(SHEETS.lists);
  expect(definedNames.SESSIONS_MODELE?.replace(/'/g, "")).toBe("Listes!$H$2");
  expect(parseMarker(lists.cells.H2?.value)).toEqual(resolved.marker);

  const session = sheet(SHEETS.session);
  const candidates = sheet(SHEETS.candidates);
  for (const field of resolved.header) {
    expect(session.comments[`A${field.row}`]?.trim()).toBe(field.comment);
    expect(isLocked(session, field.row, field.labelColumn)).toBe(true);
    expect(isLocked(session, field.row, field.valueColumn), field.valueAddress).toBe(false);
  }
  for (const column of resolved.jury.columns) {
    expect(session.comments[`${column.letter}${resolved.jury.headerRow}`]?.trim()).toBe(column.comment);
    expect(isLocked(session, resolved.jury.headerRow, column.column)).toBe(true);
    expect(isLocked(session, resolved.jury.lastRow, column.column)).toBe(false);
  }
  for (const column of resolved.candidates.columns) {
    const header = candidates.cells[`${column.letter}1`];
    expect(header?.value).toBe(column.header);
    expect(header?.locked).toBe(true);
    expect(candidates.comments[`${column.letter}1`]?.trim()).toBe(column.comment);
    expect(isLocked(candidates, 700, column.column), `${column.letter}700`).toBe(column.type === "formula");
  }

  // Dropdowns: one range per column, still fed by the hidden sheet.
  const validation = (s: InspectedSheet, sqref: string) => s.validations.filter((v) => v.sqref === sqref);
  const [brevet] = validation(session, "B4");
  expect(brevet.type).toBe("list");
  expect(rangeValues(lists, brevet.formula1)).toEqual(resolved.lists.certifications.map((o) => o.label));
  const [role] = validation(session, `A${resolved.jury.firstRow}:A${resolved.jury.lastRow}`);
  expect(rangeValues(lists, role.formula1)).toEqual(["Président de jury", "Délégué", "Membre du jury"]);
  for (const column of resolved.candidates.columns.filter((k) => k.list || k.type === "mark")) {
    const found = validation(candidates, `${column.letter}2:${column.letter}${resolved.candidates.lastRow}`);
    expect(found, `${column.header} validation`).toHaveLength(1);
    if (column.list)
      expect(rangeValues(lists, found[0].formula1)).toEqual(resolved.lists[column.list].map((o) => o.label));
    else expect(found[0]).toMatchObject({ type: "custom" });
  }
  const covered = candidates.validations.flatMap((v) => v.sqref.split(" "));
  expect(new Set(covered).size).toBe(covered.length);

  for (const s of sheets) {
    expect(["1", "true"], `${s.name} protected`).toContain(s.protection?.sheet);
    expect(s.protection?.hashValue ?? s.protection?.password ?? null).toBeNull();
  }
}

function computedResults(workbook: ExcelJS.Workbook, resolved: ResolvedTemplate) {
  const sheet = workbook.getWorksheet(SHEETS.candidates)!;
  const at = (key: string) => resolved.candidates.columns.find((c) => c.key === key)!.column;
  const results: Record<string, [unknown, unknown]> = {};
  for (let row = 2; row <= 4; row++) {
    const licence = plainCellValue(sheet.getCell(row, 1).value);
    if (licence)
      results[String(licence)] = [
        plainCellValue(sheet.getCell(row, at("total")).value),
        plainCellValue(sheet.getCell(row, at("result")).value),
      ];
  }
  return results;
}

async function convertWithSoffice(): Promise<string> {
  const out = join(dir, "libreoffice");
  const profile = join(dir, "lo-profile");
  const run = spawnSync(
    SOFFICE,
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "xlsx",
      "--outdir",
      out,
      ...cases.map((c) => join(dir, `${c.name}.xlsx`)),
    ],
    { encoding: "utf8", timeout: 170_000 },
  );
  if (run.status !== 0) throw new Error(`soffice failed: ${run.stderr || run.stdout}`);
  return out;
}

async function resaveWithOpenpyxl(): Promise<string> {
  const out = join(dir, "openpyxl");
  const script = [
    "import os, sys, openpyxl",
    "src, out = sys.argv[1], sys.argv[2]",
    "os.makedirs(out, exist_ok=True)",
    "for name in sys.argv[3:]:",
    "    wb = openpyxl.load_workbook(os.path.join(src, name))",
    "    wb.save(os.path.join(out, name))",
  ].join("\n");
  const run = spawnSync(PYTHON, ["-c", script, dir, out, ...cases.map((c) => `${c.name}.xlsx`)], {
    encoding: "utf8",
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`openpyxl failed: ${run.stderr || run.stdout}`);
  return out;
}

describe("templates re-saved by LibreOffice Calc", () => {
  let out: string;
  beforeAll(async () => {
    out = await convertWithSoffice();
  }, 180_000);

  it("are, as written, what the XML checks expect (the same checks read our own files)", () => {
    for (const c of cases) expectIntact(c, join(dir, `${c.name}.xlsx`));
  }, 120_000);

  it("keep sheets, dropdowns, comments, protection, marker and content", async () => {
    expect(cases).toHaveLength(8);
    for (const c of cases) expectIntact(c, join(out, `${c.name}.xlsx`));
  }, 120_000);

  it("read back with exceljs to the same marker and session content", async () => {
    for (const c of cases) {
      const converted = await openWorkbook(await readFile(join(out, `${c.name}.xlsx`)));
      const original = await openWorkbook(c.bytes);
      expect(readMarker(converted), c.name).toEqual(readMarker(original));
      if (c.session)
        expect(readSessionContent(converted, c.resolved)).toEqual(readSessionContent(original, c.resolved));
    }
  }, 120_000);

  it("compute the total and the indicative result by the grid rules", async () => {
    const byTitle = (title: string) => cases.find((c) => c.session === title)!;
    const initiateur = byTitle(SESSIONS.initiateur);
    const n4 = byTitle(SESSIONS.n4);
    const read = async (c: Case) =>
      computedResults(await openWorkbook(await readFile(join(out, `${c.name}.xlsx`))), c.resolved);
    expect(await read(initiateur)).toEqual({
      [licenceOf(5)]: [85, "Admis"], // 12 + 24 + 25 + 24; pédagogies 49 ≥ 40
      [licenceOf(6)]: [69, "Ajourné"], // mannequin 9 < 10, réglementation NP
      [licenceOf(7)]: [56, "Incomplet"], // réglementation blank
    });
    expect(await read(n4)).toEqual({
      [licenceOf(8)]: [384, "Admis"], // 12 × 32
      [licenceOf(9)]: [360, "Ajourné"], // RSE NF, 500 m capelé non fait
    });
  }, 60_000);
});

describe("templates re-saved by openpyxl", () => {
  it("keep sheets, dropdowns, comments, protection, marker and content", async () => {
    const out = await resaveWithOpenpyxl();
    for (const c of cases) expectIntact(c, join(out, `${c.name}.xlsx`));
  }, 120_000);
});
