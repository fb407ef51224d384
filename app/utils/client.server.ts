import type { RequestClient } from "~/journal/journal.server";

/**
 * The client of a request: its IP address and browser. The IP comes from the server in front of
 * Remix, which passes it as `clientIp` in the load context (its own proxy settings decide whether
 * X-Forwarded-For is trusted); the app never reads X-Forwarded-For itself, which anybody can forge.
 * Without it the IP is unknown (null) and only the per-e-mail login throttle applies.
 */
export function requestClient(request: Request, context?: unknown): RequestClient {
  const ip = (context as { clientIp?: unknown } | undefined)?.clientIp;
  return {
    ip: typeof ip === "string" && ip.length > 0 ? ip : null,
    userAgent: request.headers.get("User-Agent"),
  };
}
