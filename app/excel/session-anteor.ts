import { CANDIDATE_TABLE, HEADER_FIELDS, JURY_TABLE } from "./blocks";
import type { TemplateSpec } from "./spec";

/** "Session Anteor": ANTEOR sessions, which can only be created by importing this file (domain.md §4). */
export const sessionAnteor: TemplateSpec = {
  id: "anteor",
  slug: "session-anteor",
  name: "Session Anteor",
  description: "Sessions ANTEOR, qui ne peuvent être créées que par l'import de ce bordereau.",
  version: 1,
  brevets: "all",
  graded: false,
  guide: [
    "Les sessions ANTEOR ne peuvent pas être créées à l'écran : remplissez ce bordereau puis importez-le.",
    "Le président de jury ou le délégué doit être titulaire de l'ANTEOR.",
  ],
  header: HEADER_FIELDS,
  jury: JURY_TABLE,
  candidates: CANDIDATE_TABLE,
};
