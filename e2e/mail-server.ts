import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server in the test process (global set-up, so that the js and no-js runs share it):
 * it listens on E2E_PORT + 1000, where playwright.config.ts points the app's SMTP_URL, and writes
 * each message it receives as an .eml file into `mailDir()`, where the specs read it.
 */
export function mailDir(): string {
  return `e2e/.data/mail-${process.env.E2E_PORT ?? 3100}`;
}

export function smtpPort(): number {
  return Number(process.env.E2E_PORT ?? 3100) + 1000;
}

export default async function startMailServer() {
  const dir = mailDir();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(",");
        writeFileSync(
          `${dir}/${String(++count).padStart(4, "0")}.eml`,
          `X-Envelope-To: ${to}\r\n${Buffer.concat(chunks).toString("utf8")}`,
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(smtpPort(), "127.0.0.1", () => resolve());
  });
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}
