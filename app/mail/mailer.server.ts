import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import nodemailer from "nodemailer";
import { env } from "~/utils/db.server";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The link the message carries, printed on the console when there is no SMTP server. */
  link: string;
}

export type Delivery = { via: "smtp" } | { via: "outbox"; file: string };

/**
 * The folder of messages written instead of sent when SMTP_URL is unset: `outbox/` beside the
 * database file (`./data/outbox/` with the default DATABASE_URL).
 */
export function outboxDir(): string {
  const path = env.databaseUrl.replace(/^(sqlite|file):(\/\/)?/, "");
  return join(dirname(resolve(path === ":memory:" ? "./data/x" : path)), "outbox");
}

let smtp: nodemailer.Transporter | undefined;
const outbox = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });

/** Sends a message through SMTP_URL, or writes it as an .eml file under the outbox folder. */
export async function sendMail(message: MailMessage): Promise<Delivery> {
  const mail = { from: env.mailFrom, to: message.to, subject: message.subject, text: message.text, html: message.html };
  if (env.smtpUrl) {
    smtp ??= nodemailer.createTransport(env.smtpUrl);
    await smtp.sendMail(mail);
    return { via: "smtp" };
  }
  const info = await outbox.sendMail(mail);
  const dir = outboxDir();
  await mkdir(dir, { recursive: true });
  const file = join(
    dir,
    `${new Date().toISOString().replace(/[:.]/g, "-")}-${info.messageId.replace(/[^a-z0-9]/gi, "")}.eml`,
  );
  await writeFile(file, info.message as Buffer);
  console.log(`Message pour ${message.to} écrit dans ${file} (SMTP_URL absent) : ${message.link}`);
  return { via: "outbox", file };
}

export function absoluteUrl(path: string): string {
  return `${env.publicUrl}${path}`;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function compose(
  to: string,
  subject: string,
  paragraphs: string[],
  link: string,
  button: string,
  after: string[],
): MailMessage {
  const text = [...paragraphs, "", `${button} : ${link}`, "", ...after].join("\n");
  const html = [
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p><a href="${escapeHtml(link)}">${escapeHtml(button)}</a></p>`,
    `<p>Si le lien ne s'ouvre pas, copiez cette adresse dans votre navigateur : ${escapeHtml(link)}</p>`,
    ...after.map((p) => `<p>${escapeHtml(p)}</p>`),
  ].join("\n");
  return { to, subject, text, html, link };
}

export function invitationMail(to: string, name: string, invitedBy: string, token: string): MailMessage {
  const link = absoluteUrl(`/invitation/${token}`);
  return compose(
    to,
    "Invitation à l'application Sessions",
    [`Bonjour ${name},`, `${invitedBy} vous invite à utiliser Sessions, l'application des sessions d'examen.`],
    link,
    "Choisir un mot de passe",
    [
      "Ce lien est valable 7 jours et ne sert qu'une fois.",
      "Si vous n'attendiez pas cette invitation, ignorez ce message.",
    ],
  );
}

export function resetMail(to: string, name: string, token: string): MailMessage {
  const link = absoluteUrl(`/reinitialiser/${token}`);
  return compose(
    to,
    "Réinitialisation de votre mot de passe Sessions",
    [`Bonjour ${name},`, "Une demande de nouveau mot de passe a été faite pour votre compte Sessions."],
    link,
    "Choisir un mot de passe",
    [
      "Ce lien est valable 1 heure et ne sert qu'une fois.",
      "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste le même.",
    ],
  );
}
