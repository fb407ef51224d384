import { describe, expect, it } from "vitest";
import { seal, unseal } from "./signed-payload.server";

const SECRET = "un-secret-de-test-un-secret-de-test";

describe("signed payloads", () => {
  it("give back what was sealed, for the same purpose, before expiry", () => {
    const token = seal(
      SECRET,
      "import-report",
      { problems: [{ row: 12, message: "Numéro de licence inconnu : A-76-1" }] },
      60,
    );
    expect(unseal(SECRET, "import-report", token)).toEqual({
      problems: [{ row: 12, message: "Numéro de licence inconnu : A-76-1" }],
    });
  });

  it("refuse another purpose, another secret, an expired token, any altered byte, and garbage", () => {
    const now = Date.now();
    const token = seal(SECRET, "session-update", { sessionId: 4 }, 60, now);
    expect(unseal(SECRET, "import-report", token, now)).toBeNull();
    expect(unseal("un-autre-secret-un-autre-secret-xx", "session-update", token, now)).toBeNull();
    expect(unseal(SECRET, "session-update", token, now + 61_000)).toBeNull();
    const [body, signature] = token.split(".");
    const flipped = body.slice(0, 5) + (body[5] === "A" ? "B" : "A") + body.slice(6);
    expect(unseal(SECRET, "session-update", `${flipped}.${signature}`, now)).toBeNull();
    expect(unseal(SECRET, "session-update", `${body}.${signature.slice(1)}`, now)).toBeNull();
    for (const garbage of [null, 42, "", ".", "abc", `${body}`])
      expect(unseal(SECRET, "session-update", garbage, now)).toBeNull();
  });

  it("stay small for a large file: 2,000 candidates of 16 marks", () => {
    const candidates = Array.from({ length: 2000 }, (_, i) => ({
      licenseeId: 1000 + i,
      licence: `A-75-${201000 + i}`,
      name: `Prénom Candidat${i}`,
      equivalence: null,
      marks: Object.fromEntries(Array.from({ length: 16 }, (_, t) => [`test-${t}`, { value: 12 }])),
    }));
    const token = seal(SECRET, "session-update", { candidates }, 60);
    expect(token.length).toBeLessThan(400_000);
    expect(unseal<{ candidates: unknown[] }>(SECRET, "session-update", token)!.candidates).toHaveLength(2000);
  });
});
