import { daysBetween } from "./dates";

/** GP-N4 exams last at most 4 days (domain.md §4): fin ≤ début + 3. */
export const MAX_EXAM_DAYS: Record<string, number> = { "GP-N4": 4 };

/** The problem with a session's dates, in French, or null when they are fine. */
export function checkSessionDates(certificationCode: string, start: string, end: string | null): string | null {
  if (!end) return null;
  if (end < start) return "La date de fin ne peut pas précéder la date de début";
  const maxDays = MAX_EXAM_DAYS[certificationCode];
  if (maxDays && daysBetween(start, end) + 1 > maxDays) {
    return `Une session ${certificationCode} dure au plus ${maxDays} jours d'examen`;
  }
  return null;
}
