/**
 * Loads a world file (shared/domain.md §9) into the database: structures, commissions, the
 * organisers derived from them, licensees with their licences, brevets and authorisations,
 * users with their scopes, and optionally sessions.
 *
 * - All or nothing: the file is parsed, then every reference is checked against the file and
 *   the database; any problem throws a `WorldError` listing them all, and nothing is written.
 *   The writes then happen in one transaction.
 * - Idempotent: rows are keyed by structure/commission code, licence number, user e-mail and,
 *   for sessions, (organiser, title, start date) — see docs/decisions/001-world-sessions-key.md.
 *   A row is written only when a value differs, so loading the same file twice changes nothing
 *   (timestamps included).
 */
import type { Insertable, Kysely } from "kysely";
import { z } from "zod";
import { hashPassword, verifyPassword } from "./password";
import type { DB } from "./connection";
import { compactLicence, normalizeName, normalizeSearch } from "./normalize";
import type { Database, ExamSession, JuryRole, StructureType } from "./schema";
import { formatPath, worldSchema, type World } from "./world";

type WorldStructure = World["structures"][number];
type WorldLicensee = World["licensees"][number];
type WorldUser = World["users"][number];
type WorldSession = World["sessions"][number];

/** How many rows of each kind were inserted or changed. */
export interface LoadReport {
  structures: number;
  commissions: number;
  organisers: number;
  licensees: number;
  users: number;
  sessions: number;
}

/** A world file that cannot be loaded; `problems` are `path: message` lines, in French. */
export class WorldError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(problems.join("\n"));
    this.name = "WorldError";
    this.problems = problems;
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing

const EXPECTED_TYPE: Record<string, string> = {
  string: "texte attendu",
  number: "nombre attendu",
  integer: "nombre entier attendu",
  boolean: "booléen attendu",
  array: "liste attendue",
  object: "objet attendu",
};

/** French messages for the issues the world schema does not word itself. */
const frenchErrorMap: z.ZodErrorMap = (issue) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === z.ZodParsedType.undefined) return { message: "obligatoire" };
      return { message: EXPECTED_TYPE[issue.expected] ?? "valeur invalide" };
    case z.ZodIssueCode.too_small:
      if (issue.type === "string") {
        return { message: issue.minimum === 1 ? "ne doit pas être vide" : `${issue.minimum} caractères au moins` };
      }
      return { message: `doit valoir au moins ${issue.minimum}` };
    case z.ZodIssueCode.too_big:
      return { message: `doit valoir au plus ${issue.maximum}` };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: `valeur invalide (${issue.options.join(", ")})` };
    default:
      return { message: "valeur invalide" };
  }
};

/** Validates a parsed JSON value against the world format; throws a WorldError listing every problem. */
export function parseWorld(json: unknown): World {
  const result = worldSchema.safeParse(json, { errorMap: frenchErrorMap });
  if (result.success) return result.data;
  throw new WorldError(result.error.issues.map((issue) => `${formatPath(issue.path) || "monde"}: ${issue.message}`));
}

// ---------------------------------------------------------------------------------------------
// Reference checks (before any write)

const CLUB_TYPES: ReadonlySet<StructureType> = new Set(["CLUB", "SCA"]);

/** What the database already holds, as far as the file may refer to it. */
interface Known {
  /** Structure code → type; the file's structures override the database's. */
  structureTypes: Map<string, StructureType>;
  /** Structure code → parent code; the file's structures override the database's. */
  structureParents: Map<string, string | null>;
  commissions: Set<string>;
  /** Certification code → may be passed in a session. */
  certifications: Map<string, boolean>;
  equivalences: Set<string>;
  /** Licence numbers of the database and of the file. */
  licences: Set<string>;
  /** Certificate numbers that the load will not remove, with their owner. */
  keptCertificates: Map<string, { licence: string; certification: string }>;
}

async function readKnown(db: Kysely<Database>, world: World): Promise<Known> {
  const [structures, commissions, certifications, equivalences, licensees, certificates] = await Promise.all([
    db.selectFrom("structures").select(["code", "type", "parent_code"]).execute(),
    db.selectFrom("commissions").select("code").execute(),
    db.selectFrom("certifications").select(["code", "examinable"]).execute(),
    db.selectFrom("equivalences").select("code").execute(),
    db.selectFrom("licensees").select("licence").execute(),
    db
      .selectFrom("certifications_held as h")
      .innerJoin("licensees as l", "l.id", "h.licensee_id")
      .select(["h.certificate_number", "h.certification_code", "h.session_id", "l.licence"])
      .where("h.certificate_number", "is not", null)
      .execute(),
  ]);
  const fileLicences = new Set(world.licensees.map((l) => l.licence));
  const known: Known = {
    structureTypes: new Map(structures.map((s) => [s.code, s.type])),
    structureParents: new Map(structures.map((s) => [s.code, s.parent_code])),
    commissions: new Set([...commissions.map((c) => c.code), ...world.commissions.map((c) => c.code)]),
    certifications: new Map(certifications.map((c) => [c.code, c.examinable === 1])),
    equivalences: new Set(equivalences.map((e) => e.code)),
    licences: new Set([...licensees.map((l) => l.licence), ...fileLicences]),
    keptCertificates: new Map(),
  };
  for (const s of world.structures) {
    known.structureTypes.set(s.code, s.type);
    known.structureParents.set(s.code, s.parent ?? null);
  }
  // A licensee of the file has its file-given brevets replaced; awards of a session stay.
  for (const c of certificates) {
    if (c.certificate_number && (c.session_id !== null || !fileLicences.has(c.licence))) {
      known.keptCertificates.set(c.certificate_number, { licence: c.licence, certification: c.certification_code });
    }
  }
  return known;
}

/** Why an organiser code (`0750123`, `CODEP-75/TECHNIQUE`) names no organiser, or null. */
function organiserProblem(code: string, known: Known): string | null {
  const slash = code.indexOf("/");
  const structure = slash < 0 ? code : code.slice(0, slash);
  const type = known.structureTypes.get(structure);
  if (slash < 0) {
    if (!type) return `organisateur inconnu « ${code} »`;
    if (!CLUB_TYPES.has(type)) {
      return `organisateur inconnu « ${code} » : un comité organise par une de ses commissions (« ${code}/TECHNIQUE »)`;
    }
    return null;
  }
  const commission = code.slice(slash + 1);
  if (!type) return `organisateur inconnu « ${code} » : structure inconnue « ${structure} »`;
  if (CLUB_TYPES.has(type))
    return `organisateur inconnu « ${code} » : un club s'écrit sans commission (« ${structure} »)`;
  if (!known.commissions.has(commission))
    return `organisateur inconnu « ${code} » : commission inconnue « ${commission} »`;
  return null;
}

function sessionKey(organiser: string | number, title: string, startDate: string): string {
  return `${organiser}\u0000${title}\u0000${startDate}`;
}

/** Every reference of the file that names nothing, or names something twice, as `path: message`. */
function checkReferences(world: World, known: Known): string[] {
  const problems: string[] = [];
  const report = (path: ReadonlyArray<string | number>, message: string) =>
    problems.push(`${formatPath(path)}: ${message}`);

  /** Reports the second and later items with the same key. */
  const unique = <T>(
    items: T[],
    keyOf: (item: T) => string,
    onDuplicate: (item: T, index: number, first: number) => void,
  ) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const key = keyOf(item);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else onDuplicate(item, index, first);
    });
  };
  const checkOrganiser = (path: ReadonlyArray<string | number>, code: string) => {
    const problem = organiserProblem(code, known);
    if (problem) report(path, problem);
  };
  const checkLicence = (path: ReadonlyArray<string | number>, licence: string) => {
    if (!known.licences.has(licence)) report(path, `licencié inconnu « ${licence} »`);
  };

  unique(
    world.structures,
    (s) => s.code,
    (s, i, first) =>
      report(["structures", i, "code"], `structure en double « ${s.code} » (déjà en structures[${first}])`),
  );
  world.structures.forEach((s, i) => {
    if (!s.parent) return;
    if (!known.structureTypes.has(s.parent)) {
      report(["structures", i, "parent"], `structure inconnue « ${s.parent} »`);
      return;
    }
    const visited = new Set<string>();
    for (let at: string | null | undefined = s.parent; at; at = known.structureParents.get(at)) {
      if (at === s.code) {
        report(["structures", i, "parent"], `la hiérarchie des structures boucle sur « ${s.code} »`);
        break;
      }
      if (visited.has(at)) break;
      visited.add(at);
    }
  });

  unique(
    world.commissions,
    (c) => c.code,
    (c, i, first) =>
      report(["commissions", i, "code"], `commission en double « ${c.code} » (déjà en commissions[${first}])`),
  );

  const fileCertificates = new Map<string, string>();
  unique(
    world.licensees,
    (l) => l.licence,
    (l, i, first) =>
      report(["licensees", i, "licence"], `licencié en double « ${l.licence} » (déjà en licensees[${first}])`),
  );
  world.licensees.forEach((l, i) => {
    if (!known.structureTypes.has(l.structure)) {
      report(["licensees", i, "structure"], `structure inconnue « ${l.structure} »`);
    }
    unique(
      l.licences,
      (x) => String(x.saison),
      (x, j) => report(["licensees", i, "licences", j, "saison"], `saison en double « ${x.saison} »`),
    );
    unique(
      l.brevets,
      (b) => b.code,
      (b, j) => report(["licensees", i, "brevets", j, "code"], `brevet en double « ${b.code} »`),
    );
    l.brevets.forEach((b, j) => {
      if (!known.certifications.has(b.code))
        report(["licensees", i, "brevets", j, "code"], `brevet inconnu « ${b.code} »`);
      if (!b.numero) return;
      const path = formatPath(["licensees", i, "brevets", j]);
      const kept = known.keptCertificates.get(b.numero);
      if (fileCertificates.has(b.numero)) {
        report(
          ["licensees", i, "brevets", j, "numero"],
          `numéro de diplôme en double « ${b.numero} » (déjà en ${fileCertificates.get(b.numero)})`,
        );
      } else if (kept && !(kept.licence === l.licence && kept.certification === b.code)) {
        report(
          ["licensees", i, "brevets", j, "numero"],
          `numéro de diplôme déjà attribué « ${b.numero} » (${kept.licence}, ${kept.certification})`,
        );
      }
      fileCertificates.set(b.numero, path);
    });
    unique(
      l.autorisations.map((a) => a.organisateur),
      (o) => o,
      (o, j) => report(["licensees", i, "autorisations", j], `organisateur en double « ${o} »`),
    );
    l.autorisations.forEach((a, j) => checkOrganiser(["licensees", i, "autorisations", j], a.organisateur));
  });

  unique(
    world.users,
    (u) => u.email.toLowerCase(),
    (u, i, first) => report(["users", i, "email"], `adresse e-mail en double « ${u.email} » (déjà en users[${first}])`),
  );
  world.users.forEach((u, i) => {
    unique(
      u.scopes,
      (s) => s.organiser,
      (s, j) => report(["users", i, "scopes", j, "organiser"], `organisateur en double « ${s.organiser} »`),
    );
    u.scopes.forEach((s, j) => checkOrganiser(["users", i, "scopes", j, "organiser"], s.organiser));
    if (u.licence) checkLicence(["users", i, "licence"], u.licence);
  });

  unique(
    world.sessions,
    (s) => sessionKey(s.organisateur, s.intitule, s.debut),
    (_s, i, first) =>
      report(
        ["sessions", i],
        `session en double (même organisateur, intitulé et date de début que sessions[${first}])`,
      ),
  );
  world.sessions.forEach((s, i) => {
    checkOrganiser(["sessions", i, "organisateur"], s.organisateur);
    const examinable = known.certifications.get(s.brevet);
    if (examinable === undefined) report(["sessions", i, "brevet"], `brevet inconnu « ${s.brevet} »`);
    else if (!examinable) report(["sessions", i, "brevet"], `brevet non délivré en session « ${s.brevet} »`);
    if (s.fin && s.fin < s.debut) report(["sessions", i, "fin"], "date de fin antérieure à la date de début");
    unique(
      s.candidats,
      (c) => c.licence,
      (c, j) => report(["sessions", i, "candidats", j, "licence"], `candidat en double « ${c.licence} »`),
    );
    s.candidats.forEach((c, j) => {
      checkLicence(["sessions", i, "candidats", j, "licence"], c.licence);
      if (c.equivalence && !known.equivalences.has(c.equivalence)) {
        report(["sessions", i, "candidats", j, "equivalence"], `équivalence inconnue « ${c.equivalence} »`);
      }
    });
    unique(
      s.jury,
      (m) => m.licence,
      (m, j) => report(["sessions", i, "jury", j, "licence"], `membre du jury en double « ${m.licence} »`),
    );
    s.jury.forEach((m, j) => checkLicence(["sessions", i, "jury", j, "licence"], m.licence));
  });

  return problems;
}

// ---------------------------------------------------------------------------------------------
// Passwords (hashed before the transaction: scrypt is slow and must not hold the write lock)

interface PasswordPlan {
  /** The hash stored when the plan was made (null: new user). */
  seen: string | null;
  /** The hash to store: `seen` itself when the file's password still verifies. */
  hash: string;
}

async function passwordMatches(password: string, hash: string): Promise<boolean> {
  return verifyPassword(password, hash).catch(() => false);
}

async function planPasswords(db: Kysely<Database>, users: WorldUser[]): Promise<Map<string, PasswordPlan>> {
  const stored = new Map(
    (await db.selectFrom("users").select(["email", "password_hash"]).execute()).map((u) => [
      u.email.toLowerCase(),
      u.password_hash,
    ]),
  );
  const plans = new Map<string, PasswordPlan>();
  // A few at a time: each scrypt call takes 32 MiB and runs on libuv's thread pool.
  for (let i = 0; i < users.length; i += 4) {
    await Promise.all(
      users.slice(i, i + 4).map(async (u) => {
        const email = u.email.toLowerCase();
        const seen = stored.get(email) ?? null;
        const keep = seen !== null && (await passwordMatches(u.password, seen));
        plans.set(email, { seen, hash: keep && seen ? seen : await hashPassword(u.password) });
      }),
    );
  }
  return plans;
}

// ---------------------------------------------------------------------------------------------
// Writes

const CHUNK_ROWS = 500;

/** Deletes the rows of a session's people whose ids are given (no statement when there are none). */
async function deleteIds(trx: Kysely<Database>, table: "session_candidates" | "session_jury", ids: number[]) {
  if (ids.length > 0) await trx.deleteFrom(table).where("id", "in", ids).execute();
}

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) await write(rows.slice(i, i + CHUNK_ROWS));
}

/** What to insert, update and delete so that `have` matches `want`, rows matched by key. */
function diffByKey<Row, Want, K>(
  have: Row[],
  want: Want[],
  keyOfRow: (row: Row) => K,
  keyOfWant: (want: Want) => K,
  same: (row: Row, want: Want) => boolean,
) {
  const haveByKey = new Map(have.map((row) => [keyOfRow(row), row]));
  const wanted = new Set<K>();
  const insert: Want[] = [];
  const update: Array<[Row, Want]> = [];
  for (const w of want) {
    const key = keyOfWant(w);
    wanted.add(key);
    const row = haveByKey.get(key);
    if (!row) insert.push(w);
    else if (!same(row, w)) update.push([row, w]);
  }
  const remove = have.filter((row) => !wanted.has(keyOfRow(row)));
  return { insert, update, remove, changed: insert.length > 0 || update.length > 0 || remove.length > 0 };
}

/** True when every listed field of `row` equals the one of `values`. */
function sameFields<T extends object>(row: T, values: Partial<T>): boolean {
  return (Object.keys(values) as Array<keyof T>).every((key) => row[key] === values[key]);
}

/** The timestamp of an authorisation given on `date` (noon UTC: the same day in France); null when unknown. */
function givenAtOf(date: string | null): string | null {
  return date === null ? null : `${date}T12:00:00.000Z`;
}

function groupBy<T, K>(rows: T[], keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** The file's structures, each parent of the file before its children (the foreign key needs it). */
function parentsFirst(structures: WorldStructure[]): WorldStructure[] {
  const byCode = new Map(structures.map((s) => [s.code, s]));
  const placed = new Set<string>();
  const ordered: WorldStructure[] = [];
  const place = (s: WorldStructure) => {
    if (placed.has(s.code)) return;
    placed.add(s.code);
    const parent = s.parent ? byCode.get(s.parent) : undefined;
    if (parent) place(parent);
    ordered.push(s);
  };
  structures.forEach(place);
  return ordered;
}

async function upsertStructures(trx: Kysely<Database>, structures: WorldStructure[]): Promise<number> {
  const existing = new Map((await trx.selectFrom("structures").selectAll().execute()).map((s) => [s.code, s]));
  let written = 0;
  for (const s of parentsFirst(structures)) {
    const values = { type: s.type, name: s.name, name_search: normalizeSearch(s.name), parent_code: s.parent ?? null };
    const row = existing.get(s.code);
    if (!row)
      await trx
        .insertInto("structures")
        .values({ code: s.code, ...values })
        .execute();
    else if (!sameFields(row, values))
      await trx.updateTable("structures").set(values).where("code", "=", s.code).execute();
    else continue;
    written++;
  }
  return written;
}

async function upsertCommissions(trx: Kysely<Database>, commissions: World["commissions"]): Promise<number> {
  const existing = new Map((await trx.selectFrom("commissions").selectAll().execute()).map((c) => [c.code, c]));
  let written = 0;
  for (const c of commissions) {
    const row = existing.get(c.code);
    if (!row) await trx.insertInto("commissions").values({ code: c.code, name: c.name }).execute();
    else if (row.name !== c.name)
      await trx.updateTable("commissions").set({ name: c.name }).where("code", "=", c.code).execute();
    else continue;
    written++;
  }
  return written;
}

/**
 * One organiser per club/SCA, and one per (committee, commission) pair, for every structure and
 * commission of the database. Organisers are never deleted: sessions and scopes refer to them.
 */
async function syncOrganisers(trx: Kysely<Database>): Promise<number> {
  const [structures, commissions, organisers] = await Promise.all([
    trx.selectFrom("structures").select(["code", "type", "name"]).orderBy("code").execute(),
    trx.selectFrom("commissions").select(["code", "name"]).orderBy("code").execute(),
    trx.selectFrom("organisers").selectAll().execute(),
  ]);
  const wanted: Array<Omit<Insertable<Database["organisers"]>, "id">> = [];
  const add = (code: string, structure_code: string, commission_code: string | null, name: string) =>
    wanted.push({ code, structure_code, commission_code, name, name_search: normalizeSearch(`${name} ${code}`) });
  for (const s of structures) {
    if (CLUB_TYPES.has(s.type)) add(s.code, s.code, null, s.name);
    else for (const c of commissions) add(`${s.code}/${c.code}`, s.code, c.code, `${c.name} – ${s.name}`);
  }
  const { insert, update } = diffByKey(
    organisers,
    wanted,
    (o) => o.code,
    (w) => w.code,
    (o, w) => sameFields(o, w),
  );
  for (const [row, values] of update)
    await trx.updateTable("organisers").set(values).where("id", "=", row.id).execute();
  await inChunks(insert, (chunk) => trx.insertInto("organisers").values(chunk).execute());
  return insert.length + update.length;
}

async function organiserIds(trx: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await trx.selectFrom("organisers").select(["id", "code"]).execute();
  return new Map(rows.map((o) => [o.code, o.id]));
}

async function licenseeIds(trx: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await trx.selectFrom("licensees").select(["id", "licence"]).execute();
  return new Map(rows.map((l) => [l.licence, l.id]));
}

/** Licensees, then their licences, file-given brevets and authorisations, replaced by the file's lists. */
async function upsertLicensees(
  trx: Kysely<Database>,
  licensees: WorldLicensee[],
  organisers: Map<string, number>,
  at: string,
): Promise<number> {
  const [rows, licences, held, authorisations] = await Promise.all([
    trx.selectFrom("licensees").selectAll().execute(),
    trx.selectFrom("licences").selectAll().execute(),
    trx.selectFrom("certifications_held").selectAll().execute(),
    trx.selectFrom("authorisations").selectAll().execute(),
  ]);
  const existing = new Map(rows.map((l) => [l.licence, l]));
  const licencesOf = groupBy(licences, (l) => l.licensee_id);
  const givenOf = groupBy(
    held.filter((h) => h.session_id === null),
    (h) => h.licensee_id,
  );
  const awardedOf = groupBy(
    held.filter((h) => h.session_id !== null),
    (h) => h.licensee_id,
  );
  const authorisationsOf = groupBy(authorisations, (a) => a.licensee_id);

  // The licensee rows themselves: new ones in bulk, changed ones one by one.
  const ids = new Map<string, number>();
  const fieldsChanged = new Set<string>();
  const fresh: Array<Insertable<Database["licensees"]>> = [];
  for (const l of licensees) {
    const values = {
      licence_compact: compactLicence(l.licence),
      last_name: l.nom,
      first_name: l.prenom,
      last_name_search: normalizeName(l.nom),
      first_name_search: normalizeName(l.prenom),
      birth_date: l.naissance,
      structure_code: l.structure,
    };
    const row = existing.get(l.licence);
    if (!row) fresh.push({ licence: l.licence, ...values, created_at: at, updated_at: at });
    else {
      ids.set(l.licence, row.id);
      if (!sameFields(row, values)) {
        fieldsChanged.add(l.licence);
        await trx
          .updateTable("licensees")
          .set({ ...values, updated_at: at })
          .where("id", "=", row.id)
          .execute();
      }
    }
  }
  await inChunks(fresh, async (chunk) => {
    const inserted = await trx.insertInto("licensees").values(chunk).returning(["id", "licence"]).execute();
    for (const r of inserted) ids.set(r.licence, r.id);
  });

  // Their lists: deletions first, then updates, then insertions, so that unique keys never clash.
  const removals = { licences: [] as number[], held: [] as number[], authorisations: [] as number[] };
  const updates: Array<() => Promise<unknown>> = [];
  const insertions = {
    licences: [] as Array<Insertable<Database["licences"]>>,
    held: [] as Array<Insertable<Database["certifications_held"]>>,
    authorisations: [] as Array<Insertable<Database["authorisations"]>>,
  };
  const listsChanged = new Set<string>();
  for (const l of licensees) {
    const id = ids.get(l.licence)!;

    const seasons = diffByKey(
      licencesOf.get(id) ?? [],
      l.licences,
      (r) => r.season,
      (w) => w.saison,
      (r, w) => r.status === w.statut,
    );
    removals.licences.push(...seasons.remove.map((r) => r.id));
    for (const [r, w] of seasons.update) {
      updates.push(() => trx.updateTable("licences").set({ status: w.statut }).where("id", "=", r.id).execute());
    }
    insertions.licences.push(...seasons.insert.map((w) => ({ licensee_id: id, season: w.saison, status: w.statut })));

    // A brevet awarded by a session stays as it is; the file's line for the same brevet is ignored.
    const awarded = new Set((awardedOf.get(id) ?? []).map((h) => h.certification_code));
    const brevets = diffByKey(
      givenOf.get(id) ?? [],
      l.brevets.filter((b) => !awarded.has(b.code)),
      (r) => r.certification_code,
      (w) => w.code,
      (r, w) => r.obtained_on === w.date && r.certificate_number === (w.numero ?? null),
    );
    removals.held.push(...brevets.remove.map((r) => r.id));
    for (const [r, w] of brevets.update) {
      const values = { obtained_on: w.date, certificate_number: w.numero ?? null };
      updates.push(() => trx.updateTable("certifications_held").set(values).where("id", "=", r.id).execute());
    }
    insertions.held.push(
      ...brevets.insert.map((w) => ({
        licensee_id: id,
        certification_code: w.code,
        obtained_on: w.date,
        session_id: null,
        certificate_number: w.numero ?? null,
        created_at: at,
      })),
    );

    const given = diffByKey(
      authorisationsOf.get(id) ?? [],
      l.autorisations.map((a) => ({ organiserId: organisers.get(a.organisateur)!, givenAt: givenAtOf(a.date) })),
      (r) => r.organiser_id,
      (w) => w.organiserId,
      // A date the file does not give keeps the one recorded (given in Mon espace, or by an earlier file).
      (r, w) => w.givenAt === null || r.given_at === w.givenAt,
    );
    removals.authorisations.push(...given.remove.map((r) => r.id));
    for (const [r, w] of given.update) {
      updates.push(() =>
        trx.updateTable("authorisations").set({ given_at: w.givenAt }).where("id", "=", r.id).execute(),
      );
    }
    insertions.authorisations.push(
      ...given.insert.map((w) => ({ licensee_id: id, organiser_id: w.organiserId, given_at: w.givenAt })),
    );

    if (seasons.changed || brevets.changed || given.changed) listsChanged.add(l.licence);
  }

  await inChunks(removals.licences, (chunk) => trx.deleteFrom("licences").where("id", "in", chunk).execute());
  await inChunks(removals.held, (chunk) => trx.deleteFrom("certifications_held").where("id", "in", chunk).execute());
  await inChunks(removals.authorisations, (chunk) =>
    trx.deleteFrom("authorisations").where("id", "in", chunk).execute(),
  );
  for (const update of updates) await update();
  await inChunks(insertions.licences, (chunk) => trx.insertInto("licences").values(chunk).execute());
  await inChunks(insertions.held, (chunk) => trx.insertInto("certifications_held").values(chunk).execute());
  await inChunks(insertions.authorisations, (chunk) => trx.insertInto("authorisations").values(chunk).execute());

  // A licensee whose lists changed is an updated record too.
  const touched = [...listsChanged].filter((licence) => existing.has(licence) && !fieldsChanged.has(licence));
  await inChunks(touched, (chunk) =>
    trx.updateTable("licensees").set({ updated_at: at }).where("licence", "in", chunk).execute(),
  );
  return fresh.length + fieldsChanged.size + touched.length;
}

async function upsertUsers(
  trx: Kysely<Database>,
  users: WorldUser[],
  passwords: Map<string, PasswordPlan>,
  organisers: Map<string, number>,
  licensees: Map<string, number>,
  at: string,
): Promise<number> {
  const rows = await trx.selectFrom("users").selectAll().execute();
  const existing = new Map(rows.map((u) => [u.email.toLowerCase(), u]));
  const scopesOf = groupBy(await trx.selectFrom("user_scopes").selectAll().execute(), (s) => s.user_id);
  let written = 0;
  for (const u of users) {
    const email = u.email.toLowerCase();
    const row = existing.get(email);
    const plan = passwords.get(email)!;
    let passwordHash = plan.hash;
    // The stored hash changed since the plan was made (a password changed meanwhile): check again.
    if ((row?.password_hash ?? null) !== plan.seen) {
      passwordHash =
        row && (await passwordMatches(u.password, row.password_hash))
          ? row.password_hash
          : await hashPassword(u.password);
    }
    const values = {
      email,
      password_hash: passwordHash,
      name: u.nom,
      name_search: normalizeName(u.nom),
      is_admin: u.admin ? 1 : 0,
      licensee_id: u.licence ? licensees.get(u.licence)! : null,
    };
    let userId: number;
    let changed = false;
    if (!row) {
      const inserted = await trx
        .insertInto("users")
        .values({ ...values, created_at: at })
        .returning("id")
        .executeTakeFirstOrThrow();
      userId = inserted.id;
      changed = true;
    } else {
      userId = row.id;
      if (!sameFields(row, values)) {
        await trx.updateTable("users").set(values).where("id", "=", row.id).execute();
        changed = true;
      }
    }

    const scopes = diffByKey(
      scopesOf.get(userId) ?? [],
      u.scopes.map((s) => ({ organiserId: organisers.get(s.organiser)!, role: s.role })),
      (r) => r.organiser_id,
      (w) => w.organiserId,
      (r, w) => r.role === w.role,
    );
    for (const r of scopes.remove) {
      await trx
        .deleteFrom("user_scopes")
        .where("user_id", "=", userId)
        .where("organiser_id", "=", r.organiser_id)
        .execute();
    }
    for (const [r, w] of scopes.update) {
      await trx
        .updateTable("user_scopes")
        .set({ role: w.role })
        .where("user_id", "=", userId)
        .where("organiser_id", "=", r.organiser_id)
        .execute();
    }
    if (scopes.insert.length > 0) {
      await trx
        .insertInto("user_scopes")
        .values(scopes.insert.map((w) => ({ user_id: userId, organiser_id: w.organiserId, role: w.role })))
        .execute();
    }
    if (changed || scopes.changed) written++;
  }
  return written;
}

/**
 * Sessions keyed by (organiser, title, start date): a new one is inserted as a draft with its
 * candidates and jury, an existing draft gets the file's fields, candidates and jury, an existing
 * closed one is left alone. Sessions the file marks `cloturee` are closed last.
 */
async function upsertSessions(
  trx: Kysely<Database>,
  sessions: WorldSession[],
  organisers: Map<string, number>,
  licensees: Map<string, number>,
  at: string,
): Promise<number> {
  if (sessions.length === 0) return 0;
  const [rows, certifications, grids] = await Promise.all([
    trx.selectFrom("exam_sessions").selectAll().orderBy("id").execute(),
    trx.selectFrom("certifications").select(["code", "grid_code"]).execute(),
    trx.selectFrom("exam_grids").select(["id", "code", "version"]).orderBy("version").execute(),
  ]);
  // Several sessions may share a key when users created them: the oldest one is the file's.
  const existing = new Map<string, ExamSession>();
  for (const row of rows) {
    const key = sessionKey(row.organiser_id, row.title, row.start_date);
    if (!existing.has(key)) existing.set(key, row);
  }
  const latestGrid = new Map(grids.map((g) => [g.code, g.id]));
  const gridOf = new Map(
    certifications.map((c) => [c.code, c.grid_code ? (latestGrid.get(c.grid_code) ?? null) : null]),
  );

  type Candidate = { licenseeId: number; equivalence: string | null };
  type JuryMember = { licenseeId: number; role: JuryRole };
  const wantedCandidates = (s: WorldSession): Candidate[] =>
    s.candidats.map((c) => ({ licenseeId: licensees.get(c.licence)!, equivalence: c.equivalence ?? null }));
  const wantedJury = (s: WorldSession): JuryMember[] =>
    s.jury.map((m) => ({ licenseeId: licensees.get(m.licence)!, role: m.role }));

  const matchedDrafts = sessions.flatMap((s) => {
    const row = existing.get(sessionKey(organisers.get(s.organisateur)!, s.intitule, s.debut));
    return row && row.status === "draft" ? [row.id] : [];
  });
  const candidatesOf = new Map<
    number,
    Array<{ id: number; session_id: number; licensee_id: number; equivalence_code: string | null }>
  >();
  const juryOf = new Map<number, Array<{ id: number; session_id: number; licensee_id: number; role: JuryRole }>>();
  await inChunks(matchedDrafts, async (chunk) => {
    const [candidates, jury] = await Promise.all([
      trx
        .selectFrom("session_candidates")
        .select(["id", "session_id", "licensee_id", "equivalence_code"])
        .where("session_id", "in", chunk)
        .execute(),
      trx
        .selectFrom("session_jury")
        .select(["id", "session_id", "licensee_id", "role"])
        .where("session_id", "in", chunk)
        .execute(),
    ]);
    for (const [id, group] of groupBy(candidates, (c) => c.session_id)) candidatesOf.set(id, group);
    for (const [id, group] of groupBy(jury, (m) => m.session_id)) juryOf.set(id, group);
  });

  const newCandidates: Array<Insertable<Database["session_candidates"]>> = [];
  const newJury: Array<Insertable<Database["session_jury"]>> = [];
  const toClose: number[] = [];
  let written = 0;
  for (const s of sessions) {
    const organiserId = organisers.get(s.organisateur)!;
    const row = existing.get(sessionKey(organiserId, s.intitule, s.debut));
    if (row?.status === "closed") continue;
    const fields = {
      title_search: normalizeSearch(s.intitule),
      certification_code: s.brevet,
      place: s.lieu,
      place_search: normalizeSearch(s.lieu),
      end_date: s.fin ?? null,
    };

    if (!row) {
      const { id } = await trx
        .insertInto("exam_sessions")
        .values({
          ...fields,
          title: s.intitule,
          organiser_id: organiserId,
          start_date: s.debut,
          grid_id: gridOf.get(s.brevet) ?? null,
          status: "draft",
          created_by: null,
          created_at: at,
          updated_by: null,
          updated_at: at,
          closed_by: null,
          closed_at: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      newCandidates.push(
        ...wantedCandidates(s).map((c) => ({
          session_id: id,
          licensee_id: c.licenseeId,
          equivalence_code: c.equivalence,
        })),
      );
      newJury.push(...wantedJury(s).map((m) => ({ session_id: id, licensee_id: m.licenseeId, role: m.role })));
      if (s.statut === "cloturee") toClose.push(id);
      written++;
      continue;
    }

    // An existing draft: the file's values replace its own, written only where they differ.
    // The grid chosen at creation stays unless the brevet changes.
    const gridId = row.certification_code === s.brevet ? row.grid_id : (gridOf.get(s.brevet) ?? null);
    const candidates = diffByKey(
      candidatesOf.get(row.id) ?? [],
      wantedCandidates(s),
      (r) => r.licensee_id,
      (w) => w.licenseeId,
      (r, w) => r.equivalence_code === w.equivalence,
    );
    const jury = diffByKey(
      juryOf.get(row.id) ?? [],
      wantedJury(s),
      (r) => r.licensee_id,
      (w) => w.licenseeId,
      (r, w) => r.role === w.role,
    );
    const contentChanged = !sameFields(row, { ...fields, grid_id: gridId }) || candidates.changed || jury.changed;
    if (!contentChanged && s.statut !== "cloturee") continue;

    if (contentChanged) {
      // A save like any other: the version moves on, so a form opened before the load is stale.
      await trx
        .updateTable("exam_sessions")
        .set((eb) => ({ ...fields, grid_id: gridId, version: eb("version", "+", 1), updated_by: null, updated_at: at }))
        .where("id", "=", row.id)
        .execute();
    }
    if (gridId !== row.grid_id) {
      // Marks of another grid mean nothing any more.
      await trx
        .deleteFrom("marks")
        .where("candidate_id", "in", trx.selectFrom("session_candidates").select("id").where("session_id", "=", row.id))
        .execute();
    }
    await deleteIds(
      trx,
      "session_candidates",
      candidates.remove.map((r) => r.id),
    );
    for (const [r, w] of candidates.update) {
      await trx
        .updateTable("session_candidates")
        .set({ equivalence_code: w.equivalence })
        .where("id", "=", r.id)
        .execute();
    }
    newCandidates.push(
      ...candidates.insert.map((c) => ({
        session_id: row.id,
        licensee_id: c.licenseeId,
        equivalence_code: c.equivalence,
      })),
    );
    await deleteIds(
      trx,
      "session_jury",
      jury.remove.map((r) => r.id),
    );
    for (const [r, w] of jury.update) {
      await trx.updateTable("session_jury").set({ role: w.role }).where("id", "=", r.id).execute();
    }
    newJury.push(...jury.insert.map((m) => ({ session_id: row.id, licensee_id: m.licenseeId, role: m.role })));
    if (s.statut === "cloturee") toClose.push(row.id);
    written++;
  }

  await inChunks(newCandidates, (chunk) => trx.insertInto("session_candidates").values(chunk).execute());
  await inChunks(newJury, (chunk) => trx.insertInto("session_jury").values(chunk).execute());
  // Last: once closed, the database refuses any change to the session, its candidates and jury.
  await inChunks(toClose, (chunk) =>
    trx
      .updateTable("exam_sessions")
      .set({ status: "closed", closed_by: null, closed_at: at })
      .where("id", "in", chunk)
      .execute(),
  );
  return written;
}

// ---------------------------------------------------------------------------------------------

/**
 * Loads a world (the parsed JSON of a world file) into a migrated database. Throws a WorldError
 * listing every problem, with nothing written, when the file is invalid or names something that
 * exists neither in the file nor in the database.
 */
export async function loadWorld(db: DB, input: unknown, options: { now?: Date } = {}): Promise<LoadReport> {
  const world = parseWorld(input);
  const problems = checkReferences(world, await readKnown(db, world));
  if (problems.length > 0) throw new WorldError(problems);
  const passwords = await planPasswords(db, world.users);
  const at = (options.now ?? new Date()).toISOString();

  return db.transaction().execute(async (trx) => {
    const report: LoadReport = {
      structures: await upsertStructures(trx, world.structures),
      commissions: await upsertCommissions(trx, world.commissions),
      organisers: await syncOrganisers(trx),
      licensees: 0,
      users: 0,
      sessions: 0,
    };
    const organisers = await organiserIds(trx);
    report.licensees = await upsertLicensees(trx, world.licensees, organisers, at);
    const licensees = await licenseeIds(trx);
    report.users = await upsertUsers(trx, world.users, passwords, organisers, licensees, at);
    report.sessions = await upsertSessions(trx, world.sessions, organisers, licensees, at);

    if (Object.values(report).some((count) => count > 0)) {
      await trx
        .insertInto("audit_log")
        .values({
          at,
          user_id: null,
          session_id: null,
          licensee_id: null,
          action: "world_loaded",
          details: JSON.stringify(report),
        })
        .execute();
    }
    return report;
  });
}
