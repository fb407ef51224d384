/** Licence validity (domain.md §2). Dates are `YYYY-MM-DD` strings, compared as text. */
import type { LicenceStatus } from "../../db/schema";

export interface LicenceFacts {
  season: number;
  status: LicenceStatus;
}

/** A licence of season Y is valid from 15 September of Y-1 to 31 December of Y, both included. */
export function licencePeriod(season: number): { from: string; to: string } {
  return { from: `${season - 1}-09-15`, to: `${season}-12-31` };
}

function covers(season: number, day: string): boolean {
  const { from, to } = licencePeriod(season);
  return from <= day && day <= to;
}

/** Does a *validée* licence cover this day? */
export function hasValidLicence(licences: LicenceFacts[], day: string): boolean {
  return licences.some((licence) => licence.status === "validee" && covers(licence.season, day));
}

export type LicenceState = "valide" | "en_attente" | "expiree";

/**
 * The licence state shown for a day: `valide` when a validée licence covers it, `en_attente`
 * when only a licence still waiting for validation covers it, `expiree` otherwise.
 */
export function licenceState(licences: LicenceFacts[], day: string): LicenceState {
  if (hasValidLicence(licences, day)) return "valide";
  if (licences.some((licence) => licence.status === "en_attente" && covers(licence.season, day))) return "en_attente";
  return "expiree";
}

/** A licensee's licences as a record shows them: each with its period and state on `day`, and the state they make together. */
export function describeLicences<L extends LicenceFacts>(licences: L[], day: string) {
  return {
    state: licenceState(licences, day),
    licences: licences.map((l) => ({ ...l, ...licencePeriod(l.season), state: licenceState([l], day) })),
  };
}

export const LICENCE_STATE_LABELS: Record<LicenceState, string> = {
  valide: "Valide",
  en_attente: "En attente",
  expiree: "Expirée",
};
