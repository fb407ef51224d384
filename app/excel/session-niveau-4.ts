import { CANDIDATE_TABLE, HEADER_FIELDS, JURY_TABLE } from "./blocks";
import type { TemplateSpec } from "./spec";

/** "Session Niveau 4": the Guide de palanquée (GP-N4) exam, one column per test of its grid. */
export const sessionNiveau4: TemplateSpec = {
  id: "niveau-4",
  slug: "session-niveau-4",
  name: "Session Niveau 4",
  description:
    "Examen Guide de palanquée (Niveau 4) : une colonne par épreuve de la grille, dont le 500 m capelé (fait / non fait), " +
    "avec le total et le résultat calculés.",
  version: 1,
  brevets: "all",
  graded: true,
  guide: [
    "Une session de Niveau 4 dure au plus 4 jours d'examen : la date de fin est au plus tard 3 jours après la date de début.",
    "Les acquis partiels (groupes 1 et 2, ou groupe 3) ne sont pas calculés dans le fichier : ils le sont à la clôture.",
  ],
  header: HEADER_FIELDS,
  jury: JURY_TABLE,
  candidates: CANDIDATE_TABLE,
};
