import { searchLicence, searchName } from "../test/support/search-text";
import { e2eDb } from "./helpers";

/** A licensee made for one test, with a validated licence for 2026 and the given brevets. */
export function createLicensee(person: {
  licence: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  structure?: string;
  brevets?: { code: string; date: string }[];
  seasons?: number[];
}): number {
  const db = e2eDb();
  try {
    const now = new Date().toISOString();
    // Left by a failed first try of the same test, the licensee is taken as it is (the retry
    // must not fail on the licence being taken).
    db.prepare(
      `insert into licensees (licence, licence_compact, last_name, first_name, last_name_search, first_name_search,
         birth_date, structure_code, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (licence) do nothing`,
    ).run(
      person.licence,
      searchLicence(person.licence),
      person.lastName,
      person.firstName,
      searchName(person.lastName),
      searchName(person.firstName),
      person.birthDate,
      person.structure ?? "0750001",
      now,
      now,
    );
    const { id } = db.prepare("select id from licensees where licence = ?").get(person.licence) as { id: number };
    for (const season of person.seasons ?? [2026]) {
      db.prepare(
        "insert into licences (licensee_id, season, status) values (?, ?, 'validee') on conflict (licensee_id, season) do nothing",
      ).run(id, season);
    }
    for (const brevet of person.brevets ?? []) {
      db.prepare(
        `insert into certifications_held (licensee_id, certification_code, obtained_on, created_at) values (?, ?, ?, ?)
         on conflict (licensee_id, certification_code) do nothing`,
      ).run(id, brevet.code, brevet.date, now);
    }
    return id;
  } finally {
    db.close();
  }
}

/** Puts people into a draft session: candidates and jury members, straight into the database. */
export function fillSession(
  sessionId: number,
  people: { candidates?: number[]; jury?: { licenseeId: number; role: "president" | "delegue" | "membre" }[] },
) {
  const db = e2eDb();
  try {
    for (const id of people.candidates ?? []) {
      db.prepare("insert into session_candidates (session_id, licensee_id) values (?, ?)").run(sessionId, id);
    }
    for (const member of people.jury ?? []) {
      db.prepare("insert into session_jury (session_id, licensee_id, role) values (?, ?, ?)").run(
        sessionId,
        member.licenseeId,
        member.role,
      );
    }
  } finally {
    db.close();
  }
}

export function licenseeIdOf(licence: string): number {
  const db = e2eDb();
  try {
    return (db.prepare("select id from licensees where licence = ?").get(licence) as { id: number }).id;
  } finally {
    db.close();
  }
}

export function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = e2eDb();
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The licensee authorises an organiser (a club code or `COMMITTEE/COMMISSION`) to deliver brevets in their name. */
export function authorise(licenseeId: number, organiserCode: string) {
  const db = e2eDb();
  try {
    const organiser = db.prepare("select id from organisers where code = ?").get(organiserCode) as { id: number };
    db.prepare(
      "insert into authorisations (licensee_id, organiser_id, given_at) values (?, ?, ?) on conflict (licensee_id, organiser_id) do nothing",
    ).run(licenseeId, organiser.id, new Date().toISOString());
  } finally {
    db.close();
  }
}
