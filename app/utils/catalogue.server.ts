import { mayOrganise } from "~/domain/organiser-rights";
import type { CatalogueCertification } from "~/domain/close-checks";
import { loadReference, readOrganiserFacts } from "~/sessions/reference.server";
import { db } from "./db.server";

/**
 * The certification catalogue in catalogue order, with who may organise each (the reference data,
 * read once). The reference keeps it by code in `sort_order`; no code is a number (domain.md §3), so
 * its values come back in that order.
 */
export async function loadCatalogue(): Promise<CatalogueCertification[]> {
  return Object.values((await loadReference(db)).catalogue);
}

/** The certifications an organiser may organise a session of, in catalogue order. */
export async function organisableCertifications(organiserId: number): Promise<CatalogueCertification[]> {
  const organiser = await readOrganiserFacts(db, organiserId);
  if (!organiser) throw new Error(`organiser ${organiserId} not found`);
  return (await loadCatalogue()).filter((c) => mayOrganise(organiser, c));
}
