import { CANDIDATE_TABLE, HEADER_FIELDS, JURY_TABLE } from "./blocks";
import type { TemplateSpec } from "./spec";

/** "Session MF1": the Moniteur fédéral 1er degré exam, one column per test of its grid. */
export const sessionMf1: TemplateSpec = {
  id: "mf1",
  slug: "session-mf1",
  name: "Session MF1",
  description:
    "Examen Moniteur fédéral 1er degré (E3) : une colonne par épreuve de la grille, avec le total et le résultat calculés.",
  version: 1,
  brevets: "all",
  graded: true,
  guide: ["Le brevet MF1 est organisé par un comité régional (Commission Technique Régionale)."],
  header: HEADER_FIELDS,
  jury: JURY_TABLE,
  candidates: CANDIDATE_TABLE,
};
