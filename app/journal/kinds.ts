/** The events of the security journal, with the label an administrator reads. */
export const JOURNAL_KINDS = {
  login_succeeded: "Connexion réussie",
  login_failed: "Connexion échouée",
  login_throttled: "Connexion refusée (trop de tentatives)",
  logout: "Déconnexion",
  password_changed: "Mot de passe changé",
  password_reset_requested: "Réinitialisation demandée",
  password_reset_done: "Mot de passe réinitialisé",
  invitation_sent: "Invitation envoyée",
  invitation_accepted: "Invitation acceptée",
  user_disabled: "Utilisateur désactivé",
  user_enabled: "Utilisateur réactivé",
  user_scopes_changed: "Portées modifiées",
  access_refused: "Accès refusé",
  personal_data_exported: "Export de données personnelles",
} as const;

export type JournalKind = keyof typeof JOURNAL_KINDS;

/** The French label of a kind (an unknown kind, written by a later version, is shown as stored). */
export function kindLabel(kind: string): string {
  return Object.hasOwn(JOURNAL_KINDS, kind) ? JOURNAL_KINDS[kind as JournalKind] : kind;
}
