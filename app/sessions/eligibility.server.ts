import {
  candidateFindings,
  candidateSummary,
  jurySummary,
  teachingGrades,
  type Finding,
  type SessionRules,
} from "~/domain/eligibility";
import { loadPersonFacts } from "./close.server";
import { loadReference } from "./reference.server";
import type { Source } from "./source";

/** What the rules of a session read of it, and the structure of its organiser (« Ma structure seulement »). */
export async function loadSessionRules(
  source: Source,
  sessionId: number,
): Promise<{ rules: SessionRules; organiserStructure: string }> {
  const [reference, session] = await Promise.all([
    loadReference(source),
    source
      .selectFrom("exam_sessions as s")
      .innerJoin("organisers as o", "o.id", "s.organiser_id")
      .select(["s.start_date", "s.certification_code", "s.organiser_id", "o.structure_code"])
      .where("s.id", "=", sessionId)
      .executeTakeFirstOrThrow(),
  ]);
  const certification = reference.catalogue[session.certification_code];
  if (!certification) throw new Error(`Certification ${session.certification_code} is not in the catalogue`);
  return {
    rules: {
      startDate: session.start_date,
      organiserId: session.organiser_id,
      certification,
      equivalences: reference.equivalences,
      prerogatives: reference.prerogatives,
    },
    organiserStructure: session.structure_code,
  };
}

/** What a search result shows before adding someone: what « Vérifier » would say of them, in plain words. */
export interface HitEligibility {
  /** « Déjà candidat », « Déjà au jury », or null. */
  already: string | null;
  /** As a candidate: the failed rules with their facts; as a jury member: none (the role is chosen when adding). */
  findings: Finding[];
  /** Licence on the session's start date, age (candidates); licence, teaching grades, authorisation (jury). */
  summary: string[];
  /** Jury search only: the teaching grades held. */
  grades: string[];
}

/** The eligibility of each search result for this session, by licensee id, in one batch of queries. */
export async function describeHits(
  source: Source,
  sessionId: number,
  rules: SessionRules,
  hits: { id: number; birthDate: string }[],
  kind: "candidate" | "jury",
): Promise<Record<number, HitEligibility>> {
  const ids = hits.map((h) => h.id);
  if (ids.length === 0) return {};
  // Which of the hits are already candidates, already in the jury.
  const alreadyIn = (table: "session_candidates" | "session_jury") =>
    source
      .selectFrom(table)
      .select("licensee_id")
      .where("session_id", "=", sessionId)
      .where("licensee_id", "in", ids)
      .execute();
  const [people, candidates, jury] = await Promise.all([
    loadPersonFacts(
      source,
      hits.map((h) => ({ licensee_id: h.id, birth_date: h.birthDate })),
    ),
    alreadyIn("session_candidates"),
    alreadyIn("session_jury"),
  ]);
  const isCandidate = new Set(candidates.map((c) => c.licensee_id));
  const isJury = new Set(jury.map((j) => j.licensee_id));
  const described: Record<number, HitEligibility> = {};
  for (const id of ids) {
    const facts = people[id];
    described[id] = {
      already: isCandidate.has(id) ? "Déjà candidat" : isJury.has(id) ? "Déjà au jury" : null,
      findings: kind === "candidate" ? candidateFindings(rules, facts, null) : [],
      summary: kind === "candidate" ? candidateSummary(rules, facts) : jurySummary(rules, facts),
      grades: kind === "jury" ? teachingGrades(rules, facts) : [],
    };
  }
  return described;
}
