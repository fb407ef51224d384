// The request guard: one middleware every request passes before Remix (documents, `_data`
// requests and resource routes alike). See docs/decisions/014-request-guard.md.
import { matchRoutes } from "@remix-run/router";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const CROSS_SITE_MESSAGE =
  "Cette demande vient d'un autre site : elle a été refusée. Rechargez la page et recommencez.";
export const TOO_LARGE_MESSAGE = "Le formulaire envoyé est trop volumineux.";
const UNREADABLE_MESSAGE = "Le formulaire envoyé est illisible : rechargez la page et recommencez.";
const METHOD_MESSAGE = "Cette adresse ne permet pas cette action.";
const UPLOAD_BUSY_USER =
  "Un autre envoi de fichier de votre part est en cours : attendez qu'il se termine, puis réessayez.";
const DOWNLOAD_BUSY_USER =
  "Un autre téléchargement de votre part est en cours : attendez qu'il se termine, puis réessayez.";
const BUSY_SERVER = "Le serveur traite déjà plusieurs fichiers en ce moment : réessayez dans quelques secondes.";

/** An ordinary form (everything but the upload of a bordereau): 64 KB. */
export const FORM_LIMIT = 64 * 1024;
/**
 * A refused body is read and thrown away (never held) up to this size, so that the browser, which
 * reads the answer only once it has sent its form, shows it; beyond, the connection is closed.
 */
const DRAIN_LIMIT = 16 * 1024 * 1024;

/** The routes that read a bordereau (multipart, up to app/excel/upload.server.ts's limit, which reads them). */
const UPLOAD_ROUTES = new Set(["routes/sessions.importer", "routes/sessions.$id.mise-a-jour"]);
/** The routes that write a workbook (CPU and memory in proportion to the sessions they hold). */
const DOWNLOAD_ROUTES = new Set([
  "routes/sessions.export[.xlsx]",
  "routes/sessions.$id.excel[.xlsx]",
  "routes/sessions.importer.rapport[.xlsx]",
  "routes/administration.journal.export[.xlsx]",
]);

const TITLES = {
  400: "Demande invalide",
  403: "Action non autorisée",
  405: "Action non autorisée",
  413: "Formulaire trop volumineux",
  429: "Veuillez patienter",
  500: "Erreur du serveur",
  503: "Serveur occupé",
};

function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function parseCookies(header) {
  const cookies = {};
  if (!header) return cookies;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    if (name && !(name in cookies)) cookies[name] = part.slice(index + 1).trim();
  }
  return cookies;
}

/** The routes of the build as a tree, for @remix-run/router's matcher (the one Remix itself uses). */
function routeTree(routes, parentId) {
  return Object.values(routes)
    .filter((route) => route.parentId === parentId)
    .map((route) => ({
      id: route.id,
      path: route.path,
      index: route.index,
      caseSensitive: route.caseSensitive,
      children: route.index ? undefined : routeTree(routes, route.id),
    }));
}

/** At most `max` at once per process, one per user (key). */
export class Limiter {
  /**
   * @param max how many run at once
   * @param waiting how many more may wait for a place (0: refused at once)
   * @param patience how long one waits before it is refused, in ms
   */
  constructor(max, { waiting = 0, patience = 0 } = {}) {
    this.max = max;
    this.running = new Set();
    this.count = 0;
    this.waiting = waiting;
    this.patience = patience;
    this.queue = [];
  }
  /** Resolves to "ok", "user" (this user has one under way or waiting) or "full". */
  acquire(key, gone) {
    if (this.running.has(key) || this.queue.some((waiter) => waiter.key === key)) return Promise.resolve("user");
    if (this.count < this.max) return Promise.resolve(this.take(key));
    if (this.queue.length >= this.waiting) return Promise.resolve("full");
    return new Promise((resolve) => {
      const waiter = { key, resolve };
      const leave = (outcome) => {
        clearTimeout(timer);
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        resolve(outcome);
      };
      const timer = setTimeout(() => leave("full"), this.patience);
      waiter.resolve = (outcome) => leave(outcome);
      this.queue.push(waiter);
      // A user who gives up waiting (the connection closes) frees his place in the queue.
      gone.once("close", () => leave("gone"));
    });
  }
  take(key) {
    this.running.add(key);
    this.count++;
    return "ok";
  }
  release(key) {
    if (!this.running.delete(key)) return;
    this.count--;
    const next = this.queue[0];
    if (next) next.resolve(this.take(next.key));
  }
}

function concurrency(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1) {
    console.error(`${name} : « ${raw} » n'est pas un nombre valide (de 1 à 999).`);
    process.exit(1);
  }
  return Number(raw);
}

/**
 * @param build the Remix server build
 * @param config `{ secret, production, loginCookie }` (app/entry.server.tsx) and, for tests,
 *   `uploadConcurrency`, `downloadConcurrency`
 */
export function createGuard(build, config) {
  const tree = routeTree(build.routes, undefined);
  const anonCookie = config.production ? "__Host-sessions_csrf" : "sessions_csrf";
  const uploads = new Limiter(config.uploadConcurrency ?? concurrency("UPLOAD_CONCURRENCY", 2));
  // A download waits up to 10 s for a place (it is quick once started); an upload is refused at once
  // rather than hold its body while it waits.
  const downloads = new Limiter(config.downloadConcurrency ?? concurrency("DOWNLOAD_CONCURRENCY", 2), {
    waiting: 50,
    patience: 10_000,
  });
  const stylesheet = build.routes.root?.module.links?.().find((link) => link.rel === "stylesheet")?.href;

  const sign = (value) => createHmac("sha256", config.secret).update(value).digest("base64url");

  /** The route a request is for: its action's for a POST (Remix's rules: `_data`, `?index`), else the deepest. */
  function targetRoute(url) {
    const matches = matchRoutes(tree, url.pathname);
    if (!matches) return null;
    const dataRoute = url.searchParams.get("_data");
    if (dataRoute) return matches.find((m) => m.route.id === dataRoute)?.route.id ?? null;
    let last = matches[matches.length - 1];
    if (last.route.index && !url.searchParams.getAll("index").some((v) => v === "") && matches.length > 1) {
      last = matches[matches.length - 2];
    }
    return last.route.id;
  }

  /** A French refusal: a page for a document, Remix's error answer for a `_data` request. */
  function refuse(req, res, status, message, headers = {}) {
    const requestId = req.context?.requestId ?? "";
    res.status(status);
    res.set({ ...headers, "Cache-Control": "private, no-store" });
    if (req.aborted) res.set("Connection", "close");
    const isData = /[?&]_data=/.test(req.originalUrl ?? req.url);
    if (isData) {
      res.set("X-Remix-Catch", "yes");
      return res.json({ message, requestId });
    }
    const title = TITLES[status] ?? "Demande refusée";
    const css = stylesheet ? `<link rel="stylesheet" href="${escapeHtml(stylesheet)}">` : "";
    res
      .type("html")
      .send(
        `<!DOCTYPE html><html lang="fr" class="h-full"><head><meta charset="utf-8">` +
          `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} – Sessions</title>${css}</head>` +
          `<body class="min-h-full bg-slate-50 text-slate-900 antialiased"><main id="contenu" class="mx-auto max-w-3xl px-4 py-12">` +
          `<h1 class="text-2xl font-semibold">${escapeHtml(title)}</h1><p class="mt-3 text-slate-700">${escapeHtml(message)}</p>` +
          `<p class="mt-6 text-sm text-slate-500">Référence : ${escapeHtml(requestId)}</p>` +
          `<p class="mt-6"><a class="text-brand-700 underline" href="/">Retour à l'accueil</a></p></main></body></html>`,
      );
  }

  /** Reads the rest of a refused body (up to DRAIN_LIMIT) so that the browser gets the answer, then closes. */
  function discard(req) {
    let read = 0;
    req.on("data", (chunk) => {
      read += chunk.length;
      if (read > DRAIN_LIMIT) req.destroy();
    });
    req.resume();
  }

  /** The body, if it stays within `limit` bytes; null when it does not (or the client went away). */
  function readBody(req, limit) {
    return new Promise((resolve) => {
      const chunks = [];
      let size = 0;
      let done = false;
      const finish = (value) => {
        if (done) return;
        done = true;
        req.off("data", onData);
        req.off("end", onEnd);
        req.off("error", onEnd);
        resolve(value);
      };
      const onData = (chunk) => {
        size += chunk.length;
        if (size > limit) return finish(null);
        chunks.push(chunk);
      };
      const onEnd = () => finish(req.complete ? Buffer.concat(chunks) : null);
      req.on("data", onData);
      req.on("end", onEnd);
      req.on("error", onEnd);
    });
  }

  /** The form field `csrf` of a buffered body (urlencoded or multipart); null when there is none, undefined when the body is no form. */
  async function postedToken(req, body) {
    const type = req.headers["content-type"] ?? "";
    try {
      if (/^application\/x-www-form-urlencoded/i.test(type)) {
        return new URLSearchParams(body.toString("utf8")).get("csrf");
      }
      if (/^multipart\/form-data/i.test(type)) {
        const form = await new Request("http://localhost/", {
          method: "POST",
          headers: { "Content-Type": type },
          body,
        }).formData();
        const value = form.get("csrf");
        return typeof value === "string" ? value : null;
      }
    } catch {
      return undefined;
    }
    return undefined;
  }

  function sameToken(posted, expected) {
    if (typeof posted !== "string" || posted.length !== expected.length) return false;
    return timingSafeEqual(Buffer.from(posted), Buffer.from(expected));
  }

  /**
   * Same origin: `Origin` names this host and port (the Host header the browser sent; the scheme
   * is not compared: behind a proxy that ends TLS the server itself is reached over http);
   * without Origin, `Sec-Fetch-Site` says same-origin or none (typed address, bookmark);
   * without either (old browsers, scripts), the token alone decides.
   */
  function sameOrigin(req) {
    const origin = req.headers.origin;
    if (origin !== undefined) {
      if (origin === "null") return false;
      try {
        const url = new URL(origin);
        return url.host === req.headers.host;
      } catch {
        return false;
      }
    }
    const site = req.headers["sec-fetch-site"];
    return site === undefined || site === "same-origin" || site === "none";
  }

  async function guard(req, res, next) {
    const cookies = parseCookies(req.headers.cookie);
    const login = cookies[config.loginCookie];
    req.loggedIn = Boolean(login);
    // The token this request's forms carry: bound to the login, or before any login to a cookie of its own.
    let anon = cookies[anonCookie];
    if (login) {
      req.context.csrfToken = sign(`login:${login}`);
    } else {
      if (!anon || !/^[\w-]{43}$/.test(anon)) {
        anon = randomBytes(32).toString("base64url");
        res.append(
          "Set-Cookie",
          `${anonCookie}=${anon}; Path=/; HttpOnly; SameSite=Lax${config.production ? "; Secure" : ""}`,
        );
      }
      req.context.csrfToken = sign(`anon:${anon}`);
    }

    const url = new URL(req.originalUrl ?? req.url, "http://localhost");
    if (req.method === "GET" || req.method === "HEAD") {
      // Only a workbook (every download route ends in .xlsx) needs its route known.
      return limited(req, res, next, url.pathname.endsWith(".xlsx") ? targetRoute(url) : null);
    }
    const routeId = targetRoute(url);
    const hasAction = routeId !== null && typeof build.routes[routeId]?.module.action === "function";
    const allow = hasAction ? "GET, HEAD, POST" : "GET, HEAD";
    if (req.method !== "POST" || !hasAction) {
      discard(req);
      return refuse(req, res, 405, METHOD_MESSAGE, { Allow: allow });
    }
    if (!sameOrigin(req)) {
      discard(req);
      return refuse(req, res, 403, CROSS_SITE_MESSAGE);
    }
    const type = req.headers["content-type"] ?? "";
    // A bordereau: read by the route (app/excel/upload.server.ts bounds it and checks the token).
    if (UPLOAD_ROUTES.has(routeId) && /^multipart\/form-data/i.test(type)) {
      return limited(req, res, next, routeId, uploads, UPLOAD_BUSY_USER, login ?? req.socket.remoteAddress);
    }
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > FORM_LIMIT) {
      discard(req);
      return refuse(req, res, 413, TOO_LARGE_MESSAGE);
    }
    const body = await readBody(req, FORM_LIMIT);
    if (body === null) {
      discard(req);
      return refuse(req, res, 413, TOO_LARGE_MESSAGE);
    }
    const posted = await postedToken(req, body);
    if (posted === undefined) return refuse(req, res, 400, UNREADABLE_MESSAGE);
    if (!sameToken(posted, req.context.csrfToken)) {
      return refuse(req, res, 403, CROSS_SITE_MESSAGE);
    }
    req.bufferedBody = body;
    return limited(req, res, next, routeId);
  }

  /** Uploads and workbook downloads: a place among the few allowed at once, freed when the answer ends. */
  function limited(req, res, next, routeId, limiter, busyUser, key) {
    if (!limiter && DOWNLOAD_ROUTES.has(routeId)) {
      limiter = downloads;
      busyUser = DOWNLOAD_BUSY_USER;
      key = parseCookies(req.headers.cookie)[config.loginCookie] ?? req.socket.remoteAddress;
    }
    if (!limiter) return next();
    return limiter.acquire(key, res).then((outcome) => {
      if (outcome === "gone") return;
      if (outcome !== "ok") {
        if (req.method === "POST") discard(req);
        return outcome === "user"
          ? refuse(req, res, 429, busyUser, { "Retry-After": "5" })
          : refuse(req, res, 503, BUSY_SERVER, { "Retry-After": "10" });
      }
      res.once("close", () => limiter.release(key));
      next();
    });
  }

  const middleware = (req, res, next) => {
    guard(req, res, next).catch(next);
  };
  middleware.refuse = refuse;
  return middleware;
}
