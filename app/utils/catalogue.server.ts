import { mayOrganise } from "~/domain/organiser-rights";
import type { CatalogueCertification } from "~/domain/close-checks";
import { loadReference, readOrganiserFacts } from "~/sessions/reference.server";
import { db } from "./db.server";

export type CatalogueEntry = CatalogueCertification;

/** The certification catalogue in catalogue order, with who may organise each (the reference data, read once). */
export async function loadCatalogue(): Promise<CatalogueEntry[]> {
  return Object.values((await loadReference(db)).catalogue);
}

/** The certifications an organiser may organise a session of, in catalogue order. */
export async function organisableCertifications(organiserId: number): Promise<CatalogueEntry[]> {
  const organiser = await readOrganiserFacts(db, organiserId);
  if (!organiser) throw new Error(`organiser ${organiserId} not found`);
  return (await loadCatalogue()).filter((c) => mayOrganise(organiser, c));
}
