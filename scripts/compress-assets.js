// `node scripts/compress-assets.js`: writes the brotli copy (`FILE.br`, quality 11) of each script
// and stylesheet of the build that has none (server/brotli.js). `npm run build` runs it after
// `remix build`, and `npm start` before it serves (so a build made by `remix build` alone gets them).
import config from "../remix.config.js";
import { compressAssets } from "../server/brotli.js";

/** The build's assets folder, as remix.config.js names it (BUILD_DIR or `public/build`). */
export const assetsDirectory = config.assetsBuildDirectory;

export async function compressBuild() {
  const started = Date.now();
  const count = await compressAssets(assetsDirectory);
  if (count > 0)
    console.log(`${count} fichiers compressés (brotli) dans ${assetsDirectory} en ${Date.now() - started} ms.`);
}

if (import.meta.url === `file://${process.argv[1]}`) await compressBuild();
