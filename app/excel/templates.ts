/**
 * The five bordereaux of the Commission Technique (domain.md §8), in the order `/modeles`
 * shows them, and how to find one by its slug (URLs, markers) or by its id (the
 * `certifications.template` column of a brevet).
 */
import type { TemplateCode } from "../../db/schema";
import { sessionAnteor } from "./session-anteor";
import { sessionInitiateur } from "./session-initiateur";
import { sessionMf1 } from "./session-mf1";
import { sessionNiveau4 } from "./session-niveau-4";
import { sessionSansNote } from "./session-sans-note";
import type { TemplateSpec } from "./spec";

export const TEMPLATES: readonly TemplateSpec[] = [
  sessionSansNote,
  sessionInitiateur,
  sessionMf1,
  sessionNiveau4,
  sessionAnteor,
];

/** `session-mf1` → the MF1 template; anything else → undefined. */
export function findTemplate(slug: string): TemplateSpec | undefined {
  return TEMPLATES.find((t) => t.slug === slug);
}

/** The template of a brevet, from its `certifications.template` value. */
export function templateById(id: TemplateCode): TemplateSpec {
  const spec = TEMPLATES.find((t) => t.id === id);
  if (!spec) throw new Error(`No template with id ${id}.`);
  return spec;
}

/** `/modeles/session-mf1.xlsx`. */
export function templateUrl(spec: TemplateSpec): string {
  return `/modeles/${spec.slug}.xlsx`;
}

/** The slug named by a `/modeles/<file>` segment (`session-mf1.xlsx` → the MF1 template). */
export function templateFromFileName(file: string | undefined): TemplateSpec | undefined {
  const match = /^([a-z0-9-]+)\.xlsx$/.exec(file ?? "");
  return match ? findTemplate(match[1]) : undefined;
}

/** The download name of a blank template: `bordereau-session-mf1-v1.xlsx`. */
export function templateFileName(spec: TemplateSpec): string {
  return `bordereau-${spec.slug}-v${spec.version}.xlsx`;
}
