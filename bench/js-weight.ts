/**
 * `tsx bench/js-weight.ts [--build DIR] [--no-build] [--json FILE]`
 *
 * How much JavaScript each page makes the browser download: builds the app (`remix build` into
 * `bench/.data/js-weight` unless `--no-build`), reads the build's manifest
 * (`public/build/manifest-*.js`) and, for each page (a route with a component, with its parent
 * routes), sums the files its HTML names in `<link rel="modulepreload">` and `<script>` tags, as
 * Remix's `<Scripts>` and `<Links>` write them: the client entry and its imports, the manifest, and
 * each matched route's module and imports. Each file is counted once per page, its size raw,
 * gzip-compressed (level 6, as the server's `compression` middleware sends it to a client that does
 * not accept brotli) and brotli-compressed (quality 11, the `.br` file server/brotli.js writes and
 * sends to a browser that accepts `br`, which every browser does over HTTPS). Prints a Markdown
 * table, heaviest page first (by brotli), the pages over the 85 KB budget, and the largest files.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: string;
  imports?: string[];
}
interface Manifest {
  entry: { module: string; imports: string[] };
  routes: Record<string, ManifestRoute>;
  url: string;
}

function parseArgs(argv: string[]) {
  const options = { build: "bench/.data/js-weight", noBuild: false, json: "" };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i] ?? "";
    if (flag === "--build") options.build = value();
    else if (flag === "--no-build") options.noBuild = true;
    else if (flag === "--json") options.json = value();
    else throw new Error(`option inconnue « ${argv[i]} »`);
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
if (!options.noBuild) {
  // remix build leaves the files of earlier builds beside the new ones: start from an empty folder.
  rmSync(options.build, { recursive: true, force: true });
  execFileSync("node_modules/.bin/remix", ["build"], {
    env: { ...process.env, BUILD_DIR: options.build, NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

const assets = join(options.build, "public", "build");
const manifests = readdirSync(assets).filter((name) => /^manifest-.*\.js$/.test(name));
if (manifests.length !== 1) throw new Error(`${manifests.length} manifests dans ${assets} : un seul attendu`);
const manifestFile = manifests[0];
const manifestSource = readFileSync(join(assets, manifestFile), "utf8");
const manifest = JSON.parse(manifestSource.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as Manifest;

const BUDGET_KB = 85;
const sizes = new Map<string, { raw: number; gzip: number; br: number }>();
function size(url: string) {
  let found = sizes.get(url);
  if (!found) {
    const bytes = readFileSync(join(assets, url.replace(/^\/build\//, "")));
    const br = brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    });
    found = { raw: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length, br: br.length };
    sizes.set(url, found);
  }
  return found;
}

function chain(id: string): ManifestRoute[] {
  const routes: ManifestRoute[] = [];
  for (let route: ManifestRoute | undefined = manifest.routes[id]; route; ) {
    routes.unshift(route);
    route = route.parentId ? manifest.routes[route.parentId] : undefined;
  }
  return routes;
}

// A route with a component has a `route.tsx` (a resource route, `.xlsx` or `healthcheck`, a
// `route.ts`). A page is a route with a component none of whose children has one (the layout
// `sessions.$id` is counted with each of its tabs).
const hasComponent = (route: ManifestRoute) =>
  route.id === "root" || existsSync(join("app", route.id.replace(/^routes\//, "routes/"), "route.tsx"));
const withComponent = Object.values(manifest.routes).filter(hasComponent);
const layouts = new Set(withComponent.map((route) => route.parentId));
const pages = withComponent.filter((route) => route.id !== "root" && !layouts.has(route.id));

const rows = pages.map((page) => {
  const files = new Set<string>([manifest.url, manifest.entry.module, ...manifest.entry.imports]);
  for (const route of chain(page.id)) {
    files.add(route.module);
    for (const url of route.imports ?? []) files.add(url);
  }
  let raw = 0;
  let gzip = 0;
  let br = 0;
  for (const url of files) {
    const s = size(url);
    raw += s.raw;
    gzip += s.gzip;
    br += s.br;
  }
  return { route: page.id, files: files.size, raw, gzip, br };
});
rows.sort((a, b) => b.br - a.br || b.gzip - a.gzip);

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
console.log("| page (route) | files | JS (KB) | JS gzip (KB) | JS brotli (KB) |");
console.log("|---|---:|---:|---:|---:|");
for (const row of rows) {
  console.log(`| ${row.route} | ${row.files} | ${kb(row.raw)} | ${kb(row.gzip)} | ${kb(row.br)} |`);
}
const heaviest = rows[0];
console.log(
  `\nPage la plus lourde : ${heaviest.route}, ${kb(heaviest.br)} KB en brotli, ${kb(heaviest.gzip)} KB en gzip.`,
);
const over = rows.filter((row) => row.br > BUDGET_KB * 1024);
console.log(
  over.length === 0
    ? `Toutes les pages sous ${BUDGET_KB} KB en brotli.`
    : `Au-dessus de ${BUDGET_KB} KB en brotli : ${over.map((row) => `${row.route} (${kb(row.br)})`).join(", ")}.`,
);

const shared = [...sizes.entries()].sort((a, b) => b[1].br - a[1].br).slice(0, 10);
console.log("\n| largest files | JS (KB) | JS gzip (KB) | JS brotli (KB) |");
console.log("|---|---:|---:|---:|");
for (const [url, s] of shared) console.log(`| ${url} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.br)} |`);

if (options.json) writeFileSync(options.json, JSON.stringify({ rows, files: Object.fromEntries(sizes) }, null, 2));
