/**
 * The Kysely view of the database, written by hand to match `db/migrations/`.
 *
 * Portable conventions (SQLite today, PostgreSQL later):
 * - timestamps are ISO-8601 text (`2026-06-15T09:30:00.000Z`), calendar dates are `YYYY-MM-DD`;
 * - booleans are integers 0/1;
 * - `*_search` columns hold a lower-case, accent-free copy of a text (see `db/normalize.ts`),
 *   written by the application, so that searches are case- and accent-insensitive everywhere.
 */
import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export type StructureType = "CLUB" | "SCA" | "CODEP" | "REGION" | "NATIONAL";
export type OrganiserLevel = "CLUB" | "CODEP" | "REGION" | "NATIONAL";
export type LicenceStatus = "validee" | "en_attente";
export type Role = "gestionnaire" | "lecteur";
export type SessionStatus = "draft" | "closed";
export type JuryRole = "president" | "delegue" | "membre";
export type TemplateCode = "sans-note" | "initiateur" | "mf1" | "niveau-4" | "anteor";
export type CandidateResult = "admis" | "ajourne";
export type UserState = "active" | "invited" | "disabled";
export type PasswordTokenPurpose = "invitation" | "reset";

export interface StructuresTable {
  code: string;
  type: StructureType;
  name: string;
  name_search: string;
  parent_code: string | null;
}

export interface CommissionsTable {
  code: string;
  name: string;
}

/** Who may organise a session: a club/SCA (commission_code null) or a committee's commission. */
export interface OrganisersTable {
  id: Generated<number>;
  /** `0750123` for a club, `REGION-IDF/TECHNIQUE` for a committee's commission. */
  code: string;
  structure_code: string;
  commission_code: string | null;
  name: string;
  name_search: string;
}

export interface LicenseesTable {
  id: Generated<number>;
  /** `A-12-345678` */
  licence: string;
  /** The licence number without dashes, for prefix search typed either way. */
  licence_compact: string;
  last_name: string;
  first_name: string;
  last_name_search: string;
  first_name_search: string;
  birth_date: string;
  structure_code: string;
  created_at: string;
  updated_at: string;
}

export interface LicencesTable {
  id: Generated<number>;
  licensee_id: number;
  season: number;
  status: LicenceStatus;
}

/** The certification catalogue (domain.md §3). */
export interface CertificationsTable {
  code: string;
  name: string;
  commission_code: string;
  min_age: number | null;
  max_age: number | null;
  /** `session_start`, or `year_start` (1 January of the session's year, MF2). */
  age_reference: "session_start" | "year_start";
  /** Prerogative each jury président / délégué must hold (`E3`, `E4`, …); null: none. */
  jury_prerogative: string | null;
  grid_code: string | null;
  template: TemplateCode;
  equivalence_only: number;
  /** 0 for qualifications that are held but never passed in a session (MON-NITROX-C). */
  examinable: number;
  sort_order: number;
}

export interface CertificationOrganiserLevelsTable {
  certification_code: string;
  level: OrganiserLevel;
}

/** All groups are required; within one group, any one code suffices (`N2|PA20`). */
export interface CertificationPrerequisitesTable {
  certification_code: string;
  group_no: number;
  prerequisite_code: string;
}

/** A prerogative (`E3`) is held by holding any one of its certifications (MF1 or MF2). */
export interface PrerogativesTable {
  code: string;
  certification_code: string;
}

export interface EquivalencesTable {
  code: string;
  name: string;
  certification_code: string;
}

/** For "by equivalence only" certifications: the equivalence codes that grant them. */
export interface CertificationEquivalencesTable {
  certification_code: string;
  equivalence_code: string;
}

export interface ExamGridsTable {
  id: Generated<number>;
  code: string;
  version: number;
  label: string;
  max_total: number;
  pass_total: number;
  /** Any mark strictly below this eliminates. */
  eliminatory_below: number;
  /** Extra rules kept as data, e.g. GP-N4 partial credit (JSON). */
  rules_json: string | null;
  valid_from: string;
}

export interface GridTestsTable {
  id: Generated<number>;
  grid_id: number;
  code: string;
  label: string;
  coefficient: number;
  /** `mark`: out of 20 × coefficient; `done`: fait / non fait, no points. */
  kind: "mark" | "done";
  /** A stricter eliminatory bound for this test (Mannequin < 10 in Initiateur). */
  eliminatory_below: number | null;
  sort_order: number;
}

/** Groups and other minimum-sum rules ("the two pédagogies ≥ 40/80"). */
export interface GridGroupsTable {
  id: Generated<number>;
  grid_id: number;
  code: string;
  label: string;
  min_points: number;
  max_points: number;
  sort_order: number;
}

export interface GridGroupTestsTable {
  group_id: number;
  test_id: number;
}

export interface CertificationsHeldTable {
  id: Generated<number>;
  licensee_id: number;
  certification_code: string;
  obtained_on: string;
  session_id: number | null;
  certificate_number: string | null;
  created_at: string;
}

export interface AuthorisationsTable {
  id: Generated<number>;
  licensee_id: number;
  organiser_id: number;
  given_at: string | null;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  password_hash: string;
  name: string;
  /** `normalizeName(name)` (db/normalize.ts): what the accounts screen searches (migration 011). */
  name_search: Generated<string>;
  is_admin: number;
  licensee_id: number | null;
  created_at: string;
  /** `invited`: no password chosen yet (empty hash); `disabled`: may not log in (migration 007). */
  state: Generated<UserState>;
  last_login_at: string | null;
}

export interface UserScopesTable {
  user_id: number;
  organiser_id: number;
  role: Role;
}

export interface LoginSessionsTable {
  id: string;
  user_id: number;
  current_organiser_id: number | null;
  created_at: string;
  last_seen_at: string;
  user_agent: string | null;
  ip: string | null;
}

/** Invitation (7 days) and reset (1 hour) links, single-use; only the token's SHA-256 is kept. */
export interface PasswordTokensTable {
  id: Generated<number>;
  user_id: number;
  purpose: PasswordTokenPurpose;
  token_digest: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  created_by: number | null;
}

/** Failed-login counters, `email:<address>` or `ip:<address>`, shared by every server process. */
export interface LoginThrottlesTable {
  key: string;
  /** Failures (and attempts under way) counted in the window. */
  failures: number;
  window_start: string;
  /** How many delays were imposed in a row: the next one lasts 2^level minutes (60 at most). */
  level: number;
  blocked_until: string | null;
}

/** The security journal (/administration/journal), kept 400 days. */
export interface SecurityJournalTable {
  id: Generated<number>;
  at: string;
  kind: string;
  user_id: number | null;
  /** The e-mail concerned (tried, for a failed login). */
  email: string | null;
  ip: string | null;
  user_agent: string | null;
  details: string | null;
}

export interface ExamSessionsTable {
  id: Generated<number>;
  title: string;
  title_search: string;
  organiser_id: number;
  certification_code: string;
  grid_id: number | null;
  place: string;
  place_search: string;
  start_date: string;
  end_date: string | null;
  status: SessionStatus;
  /** Optimistic lock: incremented by every save. */
  version: Generated<number>;
  candidate_count: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_by: number | null;
  updated_at: string;
  closed_by: number | null;
  closed_at: string | null;
}

/**
 * Sessions per organiser, brevet and status, kept by triggers (migration 005): `organiser_id`
 * 0 is every organiser, `certification_code` '' every brevet, `status` '' both statuses.
 */
export interface SessionCountsTable {
  organiser_id: number;
  certification_code: string;
  status: SessionStatus | "";
  n: number;
}

export interface SessionCandidatesTable {
  id: Generated<number>;
  session_id: number;
  licensee_id: number;
  equivalence_code: string | null;
  result: CandidateResult | null;
  result_reasons: string | null;
}

export interface SessionJuryTable {
  id: Generated<number>;
  session_id: number;
  licensee_id: number;
  role: JuryRole;
}

export interface MarksTable {
  id: Generated<number>;
  candidate_id: number;
  test_id: number;
  /** Out of 20; null when `code` is set. */
  value: number | null;
  /** `NP`, `NF`, `FAIT`, `NON_FAIT`; null for a plain mark. */
  code: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  session_id: number | null;
  licensee_id: number | null;
  action: string;
  details: string | null;
}

/**
 * The signed fields of checked files already imported (migration 006): one post of a field
 * creates its session, a replay finds it here. `session_id` is null once that session is deleted.
 */
export interface ImportConfirmationsTable {
  /** SHA-256 of the signed field `checked`, hex. */
  token_digest: string;
  session_id: number | null;
  created_at: string;
}

export interface Database {
  structures: StructuresTable;
  commissions: CommissionsTable;
  organisers: OrganisersTable;
  licensees: LicenseesTable;
  licences: LicencesTable;
  certifications: CertificationsTable;
  certification_organiser_levels: CertificationOrganiserLevelsTable;
  certification_prerequisites: CertificationPrerequisitesTable;
  prerogatives: PrerogativesTable;
  equivalences: EquivalencesTable;
  certification_equivalences: CertificationEquivalencesTable;
  exam_grids: ExamGridsTable;
  grid_tests: GridTestsTable;
  grid_groups: GridGroupsTable;
  grid_group_tests: GridGroupTestsTable;
  certifications_held: CertificationsHeldTable;
  authorisations: AuthorisationsTable;
  users: UsersTable;
  user_scopes: UserScopesTable;
  login_sessions: LoginSessionsTable;
  exam_sessions: ExamSessionsTable;
  session_counts: SessionCountsTable;
  session_candidates: SessionCandidatesTable;
  session_jury: SessionJuryTable;
  marks: MarksTable;
  audit_log: AuditLogTable;
  import_confirmations: ImportConfirmationsTable;
  password_tokens: PasswordTokensTable;
  login_throttles: LoginThrottlesTable;
  security_journal: SecurityJournalTable;
}

export type ExamSession = Selectable<ExamSessionsTable>;
export type NewExamSession = Insertable<ExamSessionsTable>;
export type ExamSessionUpdate = Updateable<ExamSessionsTable>;
export type Licensee = Selectable<LicenseesTable>;
export type User = Selectable<UsersTable>;
