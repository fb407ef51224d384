import { describe, expect, it } from "vitest";
import { exportFileName } from "./export-file-name";
import type { ListFilters } from "./list-filters";

const none: ListFilters = {
  intitule: "",
  lieu: "",
  du: null,
  au: null,
  brevet: null,
  statut: null,
  organisateur: null,
  portee: null,
  tri: "date_desc",
  page: 1,
};

describe("exportFileName", () => {
  it("names the day alone without a filter", () => {
    expect(exportFileName(none, "2026-12-02")).toBe("sessions-2026-12-02.xlsx");
  });

  it("names each filter, accents and punctuation left out", () => {
    const filters = {
      ...none,
      brevet: "N2",
      statut: "en_creation" as const,
      lieu: "Château-Landon",
      intitule: "école d'été",
      du: "2025-03-01",
      au: "2025-06-30",
      organisateur: "REGION-IDF/TECHNIQUE",
    };
    expect(exportFileName(filters, "2026-12-02")).toBe(
      "sessions-organisateur-REGION-IDF-TECHNIQUE-N2-en-creation-intitule-ecole-d-ete-lieu-Chateau-Landon" +
        "-du-2025-03-01-au-2025-06-30-2026-12-02.xlsx",
    );
  });

  it("keeps a long text short, and a text of punctuation out", () => {
    const name = exportFileName({ ...none, intitule: "a".repeat(80), lieu: "«»", statut: "cloturee" }, "2026-12-02");
    expect(name).toBe(`sessions-cloturees-intitule-${"a".repeat(30)}-2026-12-02.xlsx`);
  });
});
