// The HTTP server in front of the Remix app (`npm start`, one per process of scripts/start.js).
// Before Remix sees a request it: names it (request id, log line), sets the security headers,
// refuses the methods the route does not serve (405), cross-site requests and forms without
// their token (403), bodies over the limit (413), uploads and exports beyond the allowed number
// at once (429/503). See docs/decisions/014-request-guard.md.
import { createRequestHandler } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { brotliAssets } from "./brotli.js";
import { createGuard } from "./guard.js";
import { requestStorage } from "./context.js";
import { logRequest } from "./log.js";
import { securityHeaders } from "./headers.js";

// @remix-run/express's own request and response conversions (its index exports only the
// handler, which reads the body itself; the guard has read ordinary forms already).
const { createRemixRequest, sendRemixResponse } = createRequire(import.meta.url)("@remix-run/express/dist/server.js");

const SECURITY_HEADERS = new Set([
  "content-security-policy",
  "x-content-type-options",
  "referrer-policy",
  "x-frame-options",
  "permissions-policy",
  "strict-transport-security",
  "x-request-id",
]);

/**
 * The express app serving a Remix build. `config` comes from the build itself
 * (app/entry.server.tsx `serverConfig`): the secret, the mode, the login cookie's name.
 */
export function createApp(build, options = {}) {
  const config = build.entry.module.serverConfig;
  const production = config.production;
  const guard = createGuard(build, { ...config, ...options });
  const handleRequest = createRequestHandler(build, "production");
  const app = express();
  app.disable("x-powered-by");
  app.disable("etag");

  // First: the request's context, its headers, and its log line (every response, static files and refusals included).
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    const context = {
      requestId: randomBytes(6).toString("hex"),
      nonce: randomBytes(16).toString("base64"),
      csrfToken: "",
      userId: null,
      storageError: null,
      // The peer's address (X-Forwarded-For is not trusted): login throttling and the journal.
      clientIp: req.socket.remoteAddress ?? null,
    };
    req.context = context;
    for (const [name, value] of securityHeaders(context, production)) res.setHeader(name, value);
    res.once("close", () => logRequest(req, res, context, started));
    requestStorage.run(context, next);
  });
  app.use(compression());
  const buildFiles = { immutable: true, maxAge: "1y", etag: true };
  app.use(build.publicPath, brotliAssets(build.assetsBuildDirectory, buildFiles));
  app.use(build.publicPath, express.static(build.assetsBuildDirectory, buildFiles));
  app.use(express.static("public", { maxAge: "1h", etag: true }));
  // Then the guard (methods, origin, body, token, concurrency), then Remix.
  app.use(guard);
  app.all("*", async (req, res, next) => {
    try {
      let request = createRemixRequest(req, res);
      if (req.bufferedBody) {
        request = new Request(request, { body: req.bufferedBody, duplex: "half" });
      }
      const response = await handleRequest(request, req.context);
      for (const name of SECURITY_HEADERS) response.headers.delete(name);
      // Personal data must not stay in a cache: every page, `_data` answer and file of a
      // logged-in user, and every answer that says nothing of its own.
      if (req.loggedIn || !response.headers.has("Cache-Control")) {
        response.headers.set("Cache-Control", "private, no-store");
      }
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  });
  // Express's own error page (a bug in the above) would be English and bare.
  app.use((error, req, res, _next) => {
    console.error(`[${req.context?.requestId ?? "-"}]`, error);
    if (res.headersSent) return res.end();
    guard.refuse(
      req,
      res,
      500,
      "Une erreur inattendue est survenue. Réessayez dans un instant ; si elle persiste, contactez l'assistance.",
    );
  });
  return app;
}

/** Loads the build, then listens on PORT (and HOST when given), as remix-serve did. */
export async function startServer(buildDir) {
  const buildPath = path.resolve(buildDir, "index.js");
  const build = await import(pathToFileURL(buildPath).href);
  const app = createApp(build);
  const port = Number(process.env.PORT || 3000);
  const host = process.env.HOST || undefined;
  const onListen = () => {
    console.log(`Serveur à l'écoute sur http://${host ?? "localhost"}:${port}`);
  };
  const server = host ? app.listen(port, host, onListen) : app.listen(port, onListen);
  for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => server.close());
  return server;
}
