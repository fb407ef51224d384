/**
 * Closing a session of more candidates than one statement writes (app/sessions/source.ts, CHUNK):
 * every candidate gets their own result and reasons, every admitted one a certificate, numbered
 * one after the other without a gap, on SQLite and (`npm run test:pg`) on PostgreSQL.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DB } from "../../db/connection";
import { candidatesByLicence, type freshDatabase } from "../../test/support/database";
import { changeMarks, importTestDatabase, licenceOf, SESSIONS, sessionId } from "../../test/support/excel-world";

const CANDIDATES = 520;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let db: DB;
let ids: Awaited<ReturnType<typeof importTestDatabase>>["ids"];
let close: typeof import("./close.server");

beforeAll(async () => {
  ({ database, db, ids } = await importTestDatabase({ largeCandidates: CANDIDATES }));
  close = await import("./close.server");
  // The président (Claire Moreau) has authorised the commission that organises the session.
  const claire = await db
    .selectFrom("licensees")
    .select("id")
    .where("licence", "=", licenceOf(1))
    .executeTakeFirstOrThrow();
  await db
    .insertInto("authorisations")
    .values({ licensee_id: claire.id, organiser_id: ids.region, given_at: "2026-01-01T10:00:00.000Z" })
    .execute();
}, 120_000);

afterAll(async () => {
  await database?.cleanup();
});

it(`closes a session of ${CANDIDATES} candidates: each result and reason its own, the certificates numbered 1 to N`, async () => {
  // Two candidates fail (a mark under 5 eliminates; the 500 m not done), one on each side of the first chunk's end.
  await changeMarks(db, SESSIONS.large, {
    [licenceOf(1000 + 3)]: { mannequin: 4 },
    [licenceOf(1000 + 507)]: { "500m-capele": "NON_FAIT" },
  });
  const session = await sessionId(db, SESSIONS.large);
  const today = "2026-10-20";
  const report = await close.buildCloseReport(db, session, today);
  expect(
    report.verdict.ok,
    JSON.stringify([report.verdict.sessionErrors, report.jury, report.candidates.filter((c) => c.errors.length)]).slice(
      0,
      1500,
    ),
  ).toBe(true);

  const outcome = await close.closeSession(db, session, ids.user, today);
  expect(outcome).toEqual({ status: "closed", awarded: CANDIDATES - 2 });

  const results = await candidatesByLicence(db, session);
  expect(results).toHaveLength(CANDIDATES);
  const failed = results.filter((r) => r.result !== "admis");
  expect(failed.map((r) => r.licence)).toEqual([licenceOf(1003), licenceOf(1507)]);
  expect(failed.every((r) => r.result === "ajourne")).toBe(true);
  expect(failed[0].result_reasons).toMatch(/mannequin/i);
  expect(failed[1].result_reasons).toMatch(/500/);
  expect(failed[0].result_reasons).not.toBe(failed[1].result_reasons);
  expect(results.filter((r) => r.result === "admis").every((r) => r.result_reasons === null)).toBe(true);
  // What the report said each candidate would get, written as it said.
  const expected = new Map(
    report.candidates.map((c) => [c.licence, c.awarded ? null : c.grid!.reasons.join(" ; ") || null]),
  );
  for (const r of results) expect(r.result_reasons, r.licence).toBe(expected.get(r.licence));

  const certificates = await db
    .selectFrom("certifications_held")
    .select(["licensee_id", "certificate_number", "certification_code"])
    .where("session_id", "=", session)
    .orderBy("certificate_number")
    .execute();
  expect(certificates.map((c) => c.certificate_number)).toEqual(
    Array.from({ length: CANDIDATES - 2 }, (_, i) => `GP-N4-2026-${String(i + 1).padStart(6, "0")}`),
  );
  expect(certificates.map((c) => c.licensee_id)).toEqual(report.verdict.awards.map((a) => a.licenseeId));
  expect(new Set(certificates.map((c) => c.certification_code))).toEqual(new Set(["GP-N4"]));
}, 120_000);
