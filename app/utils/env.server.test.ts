import { describe, expect, it } from "vitest";
import { ConfigError, readEnv } from "./env.server";

describe("readEnv", () => {
  it("has working defaults for a newcomer", () => {
    const env = readEnv({});
    expect(env.databaseUrl).toBe("./data/sessions.db");
    expect(env.port).toBe(3000);
    expect(env.production).toBe(false);
    expect(env.sessionSecret.length).toBeGreaterThan(0);
    expect(env.demo).toBe(true);
    expect(env.databasePoolMax).toBe(10);
  });

  it.each(["postgres://sessions:secret@db.example.org:5432/sessions", "postgresql://sessions@127.0.0.1/sessions"])(
    "accepts a PostgreSQL address %s and a pool size",
    (url) => {
      const env = readEnv({ DATABASE_URL: url, DATABASE_POOL_MAX: "25" });
      expect(env.databaseUrl).toBe(url);
      expect(env.databasePoolMax).toBe(25);
    },
  );

  it("reads every variable", () => {
    const env = readEnv({
      DATABASE_URL: "/var/lib/sessions/prod.db",
      PORT: "8080",
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      SESSION_SECRET: "x".repeat(40),
      DEMO: "off",
    });
    expect(env).toMatchObject({
      databaseUrl: "/var/lib/sessions/prod.db",
      port: 8080,
      host: "127.0.0.1",
      production: true,
      demo: false,
    });
  });

  it.each([
    [{ PORT: "abc" }, "PORT : PORT doit être un numéro de port entre 1 et 65535"],
    [{ PORT: "70000" }, "PORT : PORT doit être un numéro de port entre 1 et 65535"],
    [{ NODE_ENV: "production" }, "SESSION_SECRET : SESSION_SECRET est obligatoire en production"],
    [{ DATABASE_URL: "mysql://localhost/x" }, "DATABASE_URL : DATABASE_URL doit être un chemin de fichier SQLite"],
    [{ DEMO: "peut-être" }, "DEMO : DEMO vaut on ou off"],
    [
      { DATABASE_POOL_MAX: "0" },
      "DATABASE_POOL_MAX : DATABASE_POOL_MAX doit être un nombre de connexions entre 1 et 1000",
    ],
    [
      { DATABASE_POOL_MAX: "dix" },
      "DATABASE_POOL_MAX : DATABASE_POOL_MAX doit être un nombre de connexions entre 1 et 1000",
    ],
  ])("refuses %o with a French message", (source, message) => {
    expect(() => readEnv(source)).toThrow(ConfigError);
    expect(() => readEnv(source)).toThrow(message);
  });

  it("lets APP_MODE override NODE_ENV", () => {
    expect(readEnv({ NODE_ENV: "production", APP_MODE: "development" }).production).toBe(false);
  });

  it("reads the mail settings, PUBLIC_URL defaulting to the local port", () => {
    expect(readEnv({ PORT: "4000" })).toMatchObject({ publicUrl: "http://localhost:4000", smtpUrl: null });
    expect(
      readEnv({
        PUBLIC_URL: "https://sessions.exemple.fr/",
        SMTP_URL: "smtps://u:p@mail.exemple.fr:465",
        MAIL_FROM: "Sessions <s@exemple.fr>",
      }),
    ).toMatchObject({
      publicUrl: "https://sessions.exemple.fr",
      smtpUrl: "smtps://u:p@mail.exemple.fr:465",
      mailFrom: "Sessions <s@exemple.fr>",
    });
  });

  it("refuses a PUBLIC_URL or SMTP_URL that is not one, in French", () => {
    expect(() => readEnv({ PUBLIC_URL: "sessions.exemple.fr" })).toThrow(
      /PUBLIC_URL doit être l'adresse publique du site/,
    );
    expect(() => readEnv({ SMTP_URL: "mail.exemple.fr:587" })).toThrow(/SMTP_URL doit être de la forme smtp:\/\//);
  });
});
