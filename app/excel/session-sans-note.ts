import { CANDIDATE_TABLE, HEADER_FIELDS, JURY_TABLE } from "./blocks";
import type { TemplateSpec } from "./spec";

/** "Session sans note": every brevet without an exam grid, of every commission (domain.md §8). */
export const sessionSansNote: TemplateSpec = {
  id: "sans-note",
  slug: "session-sans-note",
  name: "Session sans note",
  description:
    "Toutes les sessions sans grille de notes (N1, N2, N3, RIFAP, Nitrox, TIV, brevets des autres commissions…) : " +
    "la liste des brevets est celle que votre structure peut organiser.",
  version: 1,
  brevets: "organiser",
  graded: false,
  guide: [
    "La liste « Brevet passé » propose les brevets sans grille de notes que votre structure peut organiser.",
    "Tous les candidats d'une session sans note reçoivent le brevet à la clôture, si les vérifications passent.",
  ],
  header: HEADER_FIELDS,
  jury: JURY_TABLE,
  candidates: CANDIDATE_TABLE,
};
