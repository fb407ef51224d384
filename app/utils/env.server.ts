import { z } from "zod";
import { isPostgresUrl } from "../../db/dialect";
import { DEFAULT_DATABASE_URL, DEFAULT_POOL_MAX } from "../../db/env";

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && !url.search && !url.hash;
  } catch {
    return false;
  }
}

const DEVELOPMENT_SECRET = "sessions-development-secret-not-for-production";

const schema = z
  .object({
    DATABASE_URL: z
      .string()
      .trim()
      .default(DEFAULT_DATABASE_URL)
      .transform((value) => value || DEFAULT_DATABASE_URL)
      .refine(
        (value) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^(file|sqlite):\/\//.test(value) || isPostgresUrl(value),
        "DATABASE_URL doit être un chemin de fichier SQLite (par exemple ./data/sessions.db) ou une adresse postgres://",
      ),
    DATABASE_POOL_MAX: z
      .string()
      .trim()
      .optional()
      .refine((value) => !value || (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 1000), {
        message: "DATABASE_POOL_MAX doit être un nombre de connexions entre 1 et 1000",
      })
      .transform((value) => (value ? Number(value) : DEFAULT_POOL_MAX)),
    PORT: z
      .string()
      .default("3000")
      .refine((value) => /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 65535, {
        message: "PORT doit être un numéro de port entre 1 et 65535",
      })
      .transform(Number),
    HOST: z.string().trim().optional(),
    SESSION_SECRET: z.string().optional(),
    APP_MODE: z.enum(["production", "development", "test"]).optional(),
    NODE_ENV: z.string().optional(),
    DEMO: z
      .string()
      .optional()
      .refine((value) => value === undefined || ["on", "off"].includes(value), "DEMO vaut on ou off"),
    // Read by scripts/start.js (scripts/backup-scheduler.js), which takes the backups; checked here too.
    BACKUP_EVERY: z
      .string()
      .optional()
      .refine(
        (value) => !value?.trim() || (/^\s*\d{1,6}\s*[smhjd]\s*$/i.test(value) && !/^\s*0+\s*[a-z]/i.test(value)),
        "BACKUP_EVERY doit être une durée (par exemple 6h, 24h, 30m)",
      ),
    BACKUP_KEEP: z
      .string()
      .optional()
      .refine(
        (value) => !value?.trim() || (/^\d{1,4}$/.test(value.trim()) && Number(value) >= 1),
        "BACKUP_KEEP doit être un nombre de sauvegardes (un entier, 1 au moins)",
      ),
    PUBLIC_URL: z
      .string()
      .trim()
      .optional()
      .refine(
        (value) => !value || isHttpUrl(value),
        "PUBLIC_URL doit être l'adresse publique du site, par exemple https://sessions.exemple.fr",
      ),
    SMTP_URL: z
      .string()
      .trim()
      .optional()
      .refine(
        (value) => !value || /^smtps?:\/\/[^/]+/.test(value),
        "SMTP_URL doit être de la forme smtp://utilisateur:motdepasse@serveur:587 ou smtps://…",
      ),
    MAIL_FROM: z.string().trim().optional(),
  })
  .transform((env) => {
    const production = (env.APP_MODE ?? env.NODE_ENV) === "production";
    return {
      databaseUrl: env.DATABASE_URL,
      databasePoolMax: env.DATABASE_POOL_MAX,
      port: env.PORT,
      host: env.HOST || undefined,
      production,
      sessionSecret: env.SESSION_SECRET || (production ? "" : DEVELOPMENT_SECRET),
      demo: env.DEMO !== "off",
      publicUrl: (env.PUBLIC_URL || `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
      smtpUrl: env.SMTP_URL || null,
      mailFrom: env.MAIL_FROM || "Sessions <ne-pas-repondre@localhost>",
    };
  })
  .refine((env) => !env.production || env.sessionSecret.length >= 32, {
    message: "SESSION_SECRET est obligatoire en production (32 caractères au moins)",
    path: ["SESSION_SECRET"],
  });

export type Env = z.infer<typeof schema>;

export class ConfigError extends Error {}

/** Reads and checks the configuration; throws a ConfigError listing every bad variable, in French. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `- ${issue.path.join(".") || "configuration"} : ${issue.message}`);
  throw new ConfigError(`Configuration invalide :\n${lines.join("\n")}`);
}
