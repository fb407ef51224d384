import { createCookieSessionStorage } from "@remix-run/node";
import { env } from "./db.server";

/** One-time messages shown after a redirect ("2 candidats ajoutés."), kept in a short-lived cookie. */
const storage = createCookieSessionStorage({
  cookie: {
    name: "sessions_flash",
    httpOnly: true,
    sameSite: "lax",
    secure: env.production,
    path: "/",
    secrets: [env.sessionSecret],
    maxAge: 60,
  },
});

export type FlashKind = "success" | "error";
export interface Flash {
  kind: FlashKind;
  messages: string[];
  /** Where the user acted (an element id, also the URL fragment): the message is shown there. */
  at?: string;
}

/** The Set-Cookie header that carries a message to the next page. */
export async function flashHeader(request: Request, kind: FlashKind, messages: string[], at?: string): Promise<string> {
  const session = await storage.getSession(request.headers.get("Cookie"));
  session.flash("flash", JSON.stringify({ kind, messages, ...(at ? { at } : {}) } satisfies Flash));
  return storage.commitSession(session);
}

/** The message left for this page, if any, and the header that forgets it. */
export async function readFlash(request: Request): Promise<{ flash: Flash | null; headers: HeadersInit }> {
  const session = await storage.getSession(request.headers.get("Cookie"));
  const raw = session.get("flash");
  if (typeof raw !== "string") return { flash: null, headers: {} };
  return { flash: JSON.parse(raw) as Flash, headers: { "Set-Cookie": await storage.commitSession(session) } };
}
