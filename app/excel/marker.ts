/**
 * The marker by which a file says which bordereau it is: one line of text in a cell of the
 * hidden sheet (`Listes!H2`), which a workbook-level defined name (`SESSIONS_MODELE`) also
 * points to. Both survive a re-save by LibreOffice and by openpyxl (custom document
 * properties do not). Read the defined name first; if a program dropped it, read the cell,
 * or look for a cell of the hidden sheet whose text starts with `MARKER_PREFIX`.
 *
 * `SESSIONS-BORDEREAU;modele=session-niveau-4;version=1;grille=N4:1;session=42:7`
 * (`grille`: the exam grid and its version, graded templates only; `session`: id and revision
 * of the session an export came from, exports only).
 */
import { SHEETS } from "./blocks";
import type { TemplateMarker, TemplateSlug } from "./spec";
import { TEMPLATES } from "./templates";

export const MARKER_PREFIX = "SESSIONS-BORDEREAU";
export const MARKER_NAME = "SESSIONS_MODELE";
export const MARKER_SHEET = SHEETS.lists;
export const MARKER_CELL = "H2";

export function formatMarker(marker: TemplateMarker): string {
  const parts = [MARKER_PREFIX, `modele=${marker.template}`, `version=${marker.version}`];
  if (marker.grid) parts.push(`grille=${marker.grid.code}:${marker.grid.version}`);
  if (marker.session) parts.push(`session=${marker.session.id}:${marker.session.revision}`);
  return parts.join(";");
}

/** The marker written in a cell, or null when the text is not one (another file, a typo). */
export function parseMarker(text: unknown): TemplateMarker | null {
  if (typeof text !== "string") return null;
  const [prefix, ...parts] = text.trim().split(";");
  if (prefix !== MARKER_PREFIX) return null;
  const fields = new Map<string, string>();
  for (const part of parts) {
    const at = part.indexOf("=");
    if (at > 0) fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const template = fields.get("modele");
  const version = Number(fields.get("version"));
  if (!template || !TEMPLATES.some((t) => t.slug === template)) return null;
  if (!Number.isInteger(version) || version < 1) return null;
  const pair = (value: string | undefined) => {
    const match = /^(.+):(\d+)$/.exec(value ?? "");
    return match ? ([match[1], Number(match[2])] as const) : null;
  };
  const grid = pair(fields.get("grille"));
  const session = pair(fields.get("session"));
  return {
    template: template as TemplateSlug,
    version,
    grid: grid ? { code: grid[0], version: grid[1] } : null,
    session: session && /^\d+$/.test(session[0]) ? { id: Number(session[0]), revision: session[1] } : null,
  };
}
