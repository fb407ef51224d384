/** `2026-06-15` → `15/06/2026` (calendar dates, no time zone involved). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
}

/** `2026-06-15`, `2026-06-17` → `du 15/06/2026 au 17/06/2026`; one day → `15/06/2026`. */
export function formatDateRange(start: string, end: string | null): string {
  if (!end || end === start) return formatDate(start);
  return `du ${formatDate(start)} au ${formatDate(end)}`;
}

/** Built once: creating a formatter costs ~90 µs, using one ~7 µs (a list page formats 50 dates). */
const PARIS_DATE_TIME = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Europe/Paris",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** An ISO timestamp shown in Paris time: `15/06/2026 à 14:05`. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  // `format` gives "15/06/2026 14:30" (three times cheaper than `formatToParts`, 50 per list page).
  const quick = /^(\d\d\/\d\d\/\d{4}) (\d\d:\d\d)$/.exec(PARIS_DATE_TIME.format(date));
  if (quick) return `${quick[1]} à ${quick[2]}`;
  const parts = PARIS_DATE_TIME.formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("day")}/${get("month")}/${get("year")} à ${get("hour")}:${get("minute")}`;
}

const FRENCH_NUMBER = new Intl.NumberFormat("fr-FR");

/** A count the French way: `27 351` (a narrow no-break space between thousands). */
export function formatCount(n: number): string {
  return FRENCH_NUMBER.format(n);
}

export const STATUS_LABELS = { draft: "En création", closed: "Clôturée" } as const;

export const JURY_ROLE_LABELS = {
  president: "Président de jury",
  delegue: "Délégué",
  membre: "Membre du jury",
} as const;

/**
 * A count with the words that agree with it: `1 candidat ajouté`, `3 candidats ajoutés` (in French
 * 0 and 1 take the singular). `show` writes the number (`formatCount` for `27 351 sessions`).
 */
export function plural(n: number, one: string, many: string, show: (n: number) => string = String): string {
  return `${show(n)} ${n > 1 ? many : one}`;
}
