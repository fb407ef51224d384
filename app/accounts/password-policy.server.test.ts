import { describe, expect, it } from "vitest";
import { commonPasswordCount, passwordProblem } from "./password-policy.server";

describe("a chosen password", () => {
  it.each([
    ["court-11car", "Le mot de passe doit comporter au moins 12 caractères."],
    ["Alice.Martin@Test.fr", "Le mot de passe ne doit pas être votre adresse e-mail."],
    ["qwertyuiop123", "Ce mot de passe est trop courant : choisissez-en un autre."],
    ["PASSWORD1234", "Ce mot de passe est trop courant : choisissez-en un autre."],
    ["bulles-et-palmes-2026", null],
    ["douze-carac.", null],
  ])("%s → %s", (password, message) => {
    expect(passwordProblem(password, "alice.martin@test.fr")).toBe(message);
  });

  it("is checked against a list of at least 10,000 common passwords", () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
  });
});
