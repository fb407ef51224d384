import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * The rules for a password a person chooses (invitation, reset, change); never applied at login,
 * so passwords set before these rules (world files) keep working.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_TOO_SHORT = `Le mot de passe doit comporter au moins ${PASSWORD_MIN_LENGTH} caractères.`;
export const PASSWORD_IS_EMAIL = "Le mot de passe ne doit pas être votre adresse e-mail.";
export const PASSWORD_TOO_COMMON = "Ce mot de passe est trop courant : choisissez-en un autre.";
export const PASSWORDS_DIFFER = "Les deux mots de passe ne sont pas identiques.";

/** The 49,233 most common passwords of @zxcvbn-ts/language-common, lower-cased. */
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary.passwords as string[]).map((p) => p.toLowerCase()));
  return common;
}

export function commonPasswordCount(): number {
  return commonPasswords().size;
}

/** The French message explaining why a chosen password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email: string): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return PASSWORD_TOO_SHORT;
  const folded = password.trim().toLowerCase();
  if (folded === email.trim().toLowerCase()) return PASSWORD_IS_EMAIL;
  if (commonPasswords().has(folded)) return PASSWORD_TOO_COMMON;
  return null;
}
