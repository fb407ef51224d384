import type { OrganiserLevel, StructureType } from "../../db/schema";

/** An SCA has the same rights as a club (domain.md §1). */
export function organiserLevel(structureType: StructureType): OrganiserLevel {
  return structureType === "SCA" ? "CLUB" : structureType;
}

export interface OrganiserFacts {
  structureType: StructureType;
  /** null for a club/SCA, which organises for any commission. */
  commissionCode: string | null;
}

export interface CertificationRights {
  commissionCode: string;
  levels: OrganiserLevel[];
  examinable: boolean;
}

/** May this organiser organise a session of this certification (domain.md §3)? */
export function mayOrganise(organiser: OrganiserFacts, certification: CertificationRights): boolean {
  if (!certification.examinable) return false;
  if (!certification.levels.includes(organiserLevel(organiser.structureType))) return false;
  return organiser.commissionCode === null || organiser.commissionCode === certification.commissionCode;
}
