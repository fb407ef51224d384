/** Calendar dates as `YYYY-MM-DD` strings: no time zone, no drift. */

import { isIsoDate } from "../../db/iso-date";

export { isIsoDate };

/**
 * A date typed by a person: `2026-06-15` (date picker) or `15/06/2026` (typed by hand, also
 * `15-06-2026`, `15.06.2026`, `5/6/2026`). Returns the ISO date, or null when it is no real date.
 */
export function parseUserDate(raw: string): string | null {
  const value = raw.trim();
  if (isIsoDate(value)) return value;
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (!match) return null;
  const iso = `${match[3]}-${match[2].padStart(2, "0")}-${match[1].padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

/** Days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Today in Europe/Paris, as `YYYY-MM-DD`. */
export function todayInParis(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(now);
}

const PARIS_WALL = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/**
 * An instant's wall-clock time in Paris, as the Date of that time in UTC
 * (`2025-05-01T10:00:00.000Z` → `2025-05-01T12:00:00.000Z`): what a spreadsheet cell, which has no
 * time zone, shows, and the way to a Paris offset.
 */
export function parisWallClock(instant: Date): Date {
  const part = Object.fromEntries(PARIS_WALL.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
  return new Date(Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second));
}
