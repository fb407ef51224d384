// The build's scripts and stylesheet, compressed once with brotli at its best quality (11) beside
// each file (`chunk-ABC.js.br`), and served as such to browsers that accept `br` (all of them over
// HTTPS); other clients get the compression middleware's gzip. Brotli 11 is too slow to run on each
// request (the middleware's on-the-fly brotli uses quality 4), and the build's files never change
// once written: they carry a hash in their name. See docs/decisions/023-javascript-budget.md.
import { existsSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";

const brotli = promisify(zlib.brotliCompress);
const COMPRESSIBLE = /\.(js|css)$/;

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

/**
 * Writes `FILE.br` beside each script and stylesheet of `dir` (the build's assets) that has none
 * newer than itself. Each is written under a temporary name, then renamed: a reader never sees
 * half a file. Returns the number of files written.
 */
export async function compressAssets(dir) {
  if (!existsSync(dir)) return 0;
  const stale = walk(dir).filter((file) => {
    if (!COMPRESSIBLE.test(file)) return false;
    const compressed = `${file}.br`;
    return !existsSync(compressed) || statSync(compressed).mtimeMs < statSync(file).mtimeMs;
  });
  await Promise.all(
    stale.map(async (file) => {
      const bytes = await readFile(file);
      const compressed = await brotli(bytes, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      });
      const temporary = `${file}.br.${process.pid}`;
      writeFileSync(temporary, compressed);
      renameSync(temporary, `${file}.br`);
    }),
  );
  return stale.length;
}

/**
 * Express middleware mounted on the build's public path: answers a GET or HEAD for a script or
 * stylesheet that has its `.br` file with that file, `Content-Encoding: br`, when the request
 * accepts `br`; anything else goes on to the static files and the compression middleware. The
 * `.br` files are listed once, when the server starts (a new build needs a restart anyway).
 */
export function brotliAssets(root, { maxAge, immutable }) {
  const available = new Set(
    existsSync(root)
      ? walk(root)
          .filter((file) => file.endsWith(".br"))
          .map((file) => `/${path.relative(root, file).split(path.sep).join("/")}`)
      : [],
  );
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    if (!COMPRESSIBLE.test(req.path) || !available.has(`${req.path}.br`)) return next();
    res.vary("Accept-Encoding");
    if (!req.acceptsEncodings("br")) return next();
    res.type(path.extname(req.path));
    res.setHeader("Content-Encoding", "br");
    res.sendFile(`${req.path}.br`.slice(1), { root, maxAge, immutable, etag: true }, (error) => {
      if (!error) return;
      if (res.headersSent) return res.end();
      res.removeHeader("Content-Encoding");
      next(error.status === 404 ? undefined : error);
    });
  };
}
