/**
 * Test fixture: the catalogue of domain.md §3 (Commission Technique), its prerogatives and its
 * equivalences, written by hand from the text. Used by the close checks' tests (no database), by
 * `db/demo.test.ts` (the generated demo world obeys them) and by `db/catalogue.test.ts` (the
 * migrated rows hold them).
 */
import type { OrganiserLevel } from "../../db/schema";

export interface CatalogueBrevet {
  code: string;
  name: string;
  /** Who may organise a session (CLUB: a club or an SCA), in alphabetical order. */
  levels: OrganiserLevel[];
  /** Every group required, any code of a group: `N2, RIFAP` → [["N2"], ["RIFAP"]]; `N2|PA20` → [["N2", "PA20"]]. */
  prerequisites: string[][];
  minAge: number | null;
  maxAge: number | null;
  /** The age counts on 1 January of the session's year, not on its start date (MF2). */
  yearStart: boolean;
  /** The prerogative each jury président and délégué must hold. */
  jury: string;
  /** The code of the exam grid that marks it, if any. */
  grid: string | null;
  template: string;
  /** The equivalence codes without which no one may pass it (GP-ASSOCIE: by equivalence only). */
  equivalenceOnly: string[];
}

type Row = [string, string, string, string, number | null, number | null, string, string | null, string];

/** code, name, organised by, prerequisites, min age, max age, jury prerogative, grid, template: in the table's order. */
// prettier-ignore
const ROWS: Row[] = [
  ["N1", "Plongeur Niveau 1", "CLUB", "", 14, null, "E3", null, "sans-note"],
  ["N2", "Plongeur Niveau 2", "CLUB", "N1", 16, null, "E3", null, "sans-note"],
  ["N3", "Plongeur Niveau 3", "CLUB", "N2, RIFAP", 18, null, "E3", null, "sans-note"],
  ["PA20", "Plongeur autonome 20 m", "CLUB", "N1", 18, null, "E3", null, "sans-note"],
  ["PE40", "Plongeur encadré 40 m", "CLUB", "N1", 16, null, "E3", null, "sans-note"],
  ["PA40", "Plongeur autonome 40 m", "CLUB", "N2|PA20", 18, null, "E3", null, "sans-note"],
  ["PE60", "Plongeur encadré 60 m", "CLUB", "N2", 18, null, "E3", null, "sans-note"],
  ["N5", "Directeur de plongée (N5)", "CLUB", "GP-N4, RIFAP", 18, null, "E3", null, "sans-note"],
  ["RIFAP", "Réactions et intervention face à un accident de plongée", "CLUB", "", 16, null, "E3", null, "sans-note"],
  ["NITROX", "Plongeur Nitrox", "CLUB", "N1", 14, null, "MON-NITROX-C", null, "sans-note"],
  ["NITROX-C", "Plongeur Nitrox confirmé", "CLUB", "N2, NITROX", 16, null, "MON-NITROX-C", null, "sans-note"],
  ["TRIMIX-E", "Plongeur Trimix élémentaire", "CLUB", "N3, NITROX-C", 18, null, "MON-TRIMIX", null, "sans-note"],
  ["BRONZE", "Plongeur de Bronze", "CLUB", "", 8, 13, "E3", null, "sans-note"],
  ["ARGENT", "Plongeur d'Argent", "CLUB", "", 8, 13, "E3", null, "sans-note"],
  ["OR", "Plongeur d'Or", "CLUB", "", 10, 13, "E3", null, "sans-note"],
  ["INITIATEUR", "Initiateur (E1)", "CLUB, CODEP", "N2, RIFAP", 18, null, "E4", "INITIATEUR", "initiateur"],
  ["GP-N4", "Guide de palanquée (Niveau 4)", "REGION", "N3, RIFAP", 18, null, "E4", "N4", "niveau-4"],
  ["MF1", "Moniteur fédéral 1er degré (E3)", "REGION", "GP-N4, RIFAP", 18, null, "E4", "MF1", "mf1"],
  ["MF2", "Moniteur fédéral 2e degré (E4)", "NATIONAL", "MF1, RIFAP", 20, null, "E4", null, "sans-note"],
  ["TIV", "Technicien en inspection visuelle", "CODEP, REGION", "", 18, null, "E3", null, "sans-note"],
  ["ANTEOR", "Animer l'apprentissage des techniques d'oxygénothérapie – ranimation", "CODEP, REGION", "INITIATEUR", null, null, "ANTEOR", null, "anteor"],
  ["GP-ASSOCIE", "Guide de palanquée associé", "REGION", "", 18, null, "E4", null, "sans-note"],
];

const list = (text: string, separator: string) => (text ? text.split(separator).map((item) => item.trim()) : []);

/** The examinable brevets of the Commission Technique, in the table's order. */
export const CATALOGUE: CatalogueBrevet[] = ROWS.map(
  ([code, name, levels, prerequisites, minAge, maxAge, jury, grid, template]) => ({
    code,
    name,
    levels: list(levels, ",") as OrganiserLevel[],
    prerequisites: list(prerequisites, ",").map((group) => group.split("|")),
    minAge,
    maxAge,
    yearStart: code === "MF2",
    jury,
    grid,
    template,
    equivalenceOnly: code === "GP-ASSOCIE" ? ["CMAS-3"] : [],
  }),
);

/** The brevets of `CATALOGUE` by code. */
export const BREVETS: Record<string, CatalogueBrevet> = Object.fromEntries(CATALOGUE.map((b) => [b.code, b]));

/** A jury prerogative → the brevets that give it (E3 = holds MF1 or MF2, E4 = holds MF2…). */
export const PREROGATIVES: Record<string, string[]> = {
  E3: ["MF1", "MF2"],
  E4: ["MF2"],
  "MON-NITROX-C": ["MON-NITROX-C"],
  "MON-TRIMIX": ["MON-TRIMIX"],
  ANTEOR: ["ANTEOR"],
};

/** Another organisation's certificate → the catalogue brevet it counts as. */
// prettier-ignore
export const EQUIVALENCES: Record<string, string> = {
  "CMAS-1": "N1", "CMAS-2": "N2", "CMAS-3": "N3", "ANMP-N1": "N1", "ANMP-N2": "N2", "ANMP-N3": "N3",
  "ANMP-N4": "GP-N4", "PADI-OW": "N1", "SSI-OW": "N1", BEES1: "MF1", BEES2: "MF2",
};
