// `npm start`: serves the built app with remix-serve, building it first when there is no build.
// NODE_ENV as given by the operator decides the mode (production: SESSION_SECRET required,
// Secure cookies); the server itself always runs React's production build.
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";

const buildDir = process.env.BUILD_DIR ?? "build";
if (!existsSync(`${buildDir}/index.js`)) {
  console.log("Aucune compilation trouvée : compilation de l'application…");
  execFileSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], { stdio: "inherit" });
}
process.env.APP_MODE ??= process.env.NODE_ENV === "production" ? "production" : "development";
process.env.NODE_ENV = "production";
process.argv = [process.argv[0], "remix-serve", `${buildDir}/index.js`];
await import("@remix-run/serve/dist/cli.js");
