/**
 * Test fixture: the prerogatives and equivalences of domain.md §3, written by hand from the text.
 * Used by the close checks' tests (no database), by `db/demo.test.ts` (the generated demo world
 * obeys them) and by `db/catalogue.test.ts` (the migrated rows hold them).
 */

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
