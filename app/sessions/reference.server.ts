import type { CatalogueCertification } from "~/domain/close-checks";
import type { Grid } from "~/domain/grid";
import { gridFromRows } from "~/domain/grid-rows";
import type { OrganiserFacts } from "~/domain/organiser-rights";
import type { OrganiserLevel } from "../../db/schema";
import type { Source } from "./source";

/**
 * Reference data written by the migrations (catalogue, equivalences, prerogatives, grids): read
 * once per process, then kept. A new version of a grid is a new row, never a change to an old one.
 */
export interface Reference {
  catalogue: Record<string, CatalogueCertification>;
  equivalences: Record<string, string>;
  prerogatives: Record<string, string[]>;
}

/*
 * Where the reference data is read from the first time: the database, or the transaction the
 * caller is in. Inside a transaction it must be the transaction: it holds the connection, and a
 * query through `db` would wait for it forever.
 */
let reference: Promise<Reference> | undefined;

export function loadReference(source: Source): Promise<Reference> {
  if (!reference) {
    reference = readReference(source);
    reference.catch(() => (reference = undefined));
  }
  return reference;
}

async function readReference(source: Source): Promise<Reference> {
  const [certifications, levels, prerequisites, certEquivalences, equivalences, prerogatives] = await Promise.all([
    source.selectFrom("certifications").selectAll().orderBy("sort_order").execute(),
    source.selectFrom("certification_organiser_levels").selectAll().execute(),
    source.selectFrom("certification_prerequisites").selectAll().orderBy("group_no").execute(),
    source.selectFrom("certification_equivalences").selectAll().execute(),
    source.selectFrom("equivalences").select(["code", "certification_code"]).execute(),
    source.selectFrom("prerogatives").selectAll().execute(),
  ]);
  const catalogue: Record<string, CatalogueCertification> = {};
  for (const c of certifications) {
    const groups = new Map<number, string[]>();
    for (const p of prerequisites.filter((p) => p.certification_code === c.code)) {
      groups.set(p.group_no, [...(groups.get(p.group_no) ?? []), p.prerequisite_code]);
    }
    catalogue[c.code] = {
      code: c.code,
      name: c.name,
      commissionCode: c.commission_code,
      levels: levels.filter((l) => l.certification_code === c.code).map((l) => l.level as OrganiserLevel),
      examinable: c.examinable === 1,
      minAge: c.min_age,
      maxAge: c.max_age,
      ageReference: c.age_reference,
      juryPrerogative: c.jury_prerogative,
      equivalenceOnly: c.equivalence_only === 1,
      prerequisites: [...groups.values()],
      equivalenceCodes: certEquivalences.filter((e) => e.certification_code === c.code).map((e) => e.equivalence_code),
      gridCode: c.grid_code,
    };
  }
  const prerogativeMap: Record<string, string[]> = {};
  for (const p of prerogatives) prerogativeMap[p.code] = [...(prerogativeMap[p.code] ?? []), p.certification_code];
  return {
    catalogue,
    equivalences: Object.fromEntries(equivalences.map((e) => [e.code, e.certification_code])),
    prerogatives: prerogativeMap,
  };
}

/** What decides which brevets an organiser may organise (domain.md §1): its structure's type and its commission. */
export async function readOrganiserFacts(source: Source, organiserId: number): Promise<OrganiserFacts | undefined> {
  const organiser = await source
    .selectFrom("organisers as o")
    .innerJoin("structures as s", "s.code", "o.structure_code")
    .select(["s.type", "o.commission_code"])
    .where("o.id", "=", organiserId)
    .executeTakeFirst();
  return organiser && { structureType: organiser.type, commissionCode: organiser.commission_code };
}

const grids = new Map<number, Promise<Grid>>();

/** One version of an exam grid (by id), as the pure computation of app/domain/grid.ts and the templates take it. */
export function loadGrid(source: Source, gridId: number): Promise<Grid> {
  let grid = grids.get(gridId);
  if (!grid) {
    grid = (async () => {
      const [row, tests, groups, groupTests] = await Promise.all([
        source.selectFrom("exam_grids").selectAll().where("id", "=", gridId).executeTakeFirstOrThrow(),
        source.selectFrom("grid_tests").selectAll().where("grid_id", "=", gridId).execute(),
        source.selectFrom("grid_groups").selectAll().where("grid_id", "=", gridId).execute(),
        source
          .selectFrom("grid_group_tests as gt")
          .innerJoin("grid_groups as g", "g.id", "gt.group_id")
          .select(["gt.group_id", "gt.test_id"])
          .where("g.grid_id", "=", gridId)
          .execute(),
      ]);
      return gridFromRows(row, tests, groups, groupTests);
    })();
    grids.set(gridId, grid);
    grid.catch(() => grids.delete(gridId));
  }
  return grid;
}

/** The latest version of a grid code (or the given version), or null when there is none. */
export async function loadGridByCode(source: Source, code: string, version?: number): Promise<Grid | null> {
  let query = source.selectFrom("exam_grids").select("id").where("code", "=", code);
  if (version !== undefined) query = query.where("version", "=", version);
  const row = await query.orderBy("version", "desc").limit(1).executeTakeFirst();
  return row ? loadGrid(source, row.id) : null;
}
