import { CANDIDATE_TABLE, HEADER_FIELDS, JURY_TABLE } from "./blocks";
import type { TemplateSpec } from "./spec";

/** "Session Initiateur": the Initiateur (E1) exam, one column per test of its grid. */
export const sessionInitiateur: TemplateSpec = {
  id: "initiateur",
  slug: "session-initiateur",
  name: "Session Initiateur",
  description: "Examen Initiateur (E1) : une colonne par épreuve de la grille, avec le total et le résultat calculés.",
  version: 1,
  brevets: "all",
  graded: true,
  guide: ["Le brevet Initiateur peut être organisé par un club ou par un comité départemental."],
  header: HEADER_FIELDS,
  jury: JURY_TABLE,
  candidates: CANDIDATE_TABLE,
};
