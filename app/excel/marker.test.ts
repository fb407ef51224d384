import { describe, expect, it } from "vitest";
import { formatMarker, parseMarker } from "./marker";

describe("the template marker", () => {
  it("writes and reads back a blank template's and an export's marker", () => {
    const blank = {
      template: "session-niveau-4",
      version: 1,
      grid: { code: "N4", version: 1 },
      session: null,
    } as const;
    expect(formatMarker(blank)).toBe("SESSIONS-BORDEREAU;modele=session-niveau-4;version=1;grille=N4:1");
    expect(parseMarker(formatMarker(blank))).toEqual(blank);
    const exported = {
      template: "session-sans-note",
      version: 3,
      grid: null,
      session: { id: 42, revision: 7 },
    } as const;
    expect(formatMarker(exported)).toBe("SESSIONS-BORDEREAU;modele=session-sans-note;version=3;session=42:7");
    expect(parseMarker(`  ${formatMarker(exported)} `)).toEqual(exported);
  });

  it.each([
    ["not text", 12],
    ["another file", "Bordereau de la FFESSM"],
    ["an unknown template", "SESSIONS-BORDEREAU;modele=session-mf2;version=1"],
    ["no version", "SESSIONS-BORDEREAU;modele=session-mf1"],
    ["a version that is not a number", "SESSIONS-BORDEREAU;modele=session-mf1;version=un"],
  ])("is not read from %s", (_case, value) => {
    expect(parseMarker(value)).toBeNull();
  });

  it("reads an outdated version as such, so the import can name what it expected", () => {
    expect(parseMarker("SESSIONS-BORDEREAU;modele=session-mf1;version=0")).toBeNull();
    expect(parseMarker("SESSIONS-BORDEREAU;modele=session-mf1;version=2;grille=MF1:1")?.version).toBe(2);
  });
});
