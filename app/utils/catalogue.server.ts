import { mayOrganise, type CertificationRights } from "~/domain/organiser-rights";
import type { OrganiserLevel } from "../../db/schema";
import { db } from "./db.server";

export interface CatalogueEntry extends CertificationRights {
  code: string;
  name: string;
}

let cache: Promise<CatalogueEntry[]> | undefined;

/** The certification catalogue with who may organise each (written by the migrations; read once). */
export function loadCatalogue(): Promise<CatalogueEntry[]> {
  cache ??= (async () => {
    const [certifications, levels] = await Promise.all([
      db
        .selectFrom("certifications")
        .select(["code", "name", "commission_code", "examinable", "sort_order"])
        .orderBy("sort_order")
        .execute(),
      db.selectFrom("certification_organiser_levels").select(["certification_code", "level"]).execute(),
    ]);
    return certifications.map((c) => ({
      code: c.code,
      name: c.name,
      commissionCode: c.commission_code,
      examinable: c.examinable === 1,
      levels: levels.filter((l) => l.certification_code === c.code).map((l) => l.level as OrganiserLevel),
    }));
  })();
  return cache;
}

/** The certifications an organiser may organise a session of, in catalogue order. */
export async function organisableCertifications(organiserId: number): Promise<CatalogueEntry[]> {
  const organiser = await db
    .selectFrom("organisers as o")
    .innerJoin("structures as s", "s.code", "o.structure_code")
    .select(["s.type", "o.commission_code"])
    .where("o.id", "=", organiserId)
    .executeTakeFirstOrThrow();
  const catalogue = await loadCatalogue();
  return catalogue.filter((c) =>
    mayOrganise({ structureType: organiser.type, commissionCode: organiser.commission_code }, c),
  );
}
