// `npm test`'s first step (the `pretest` script): checks the programs the suite needs, installs
// the missing ones from Debian's packages when this machine can, or stops before any test with
// one message naming each missing program and the command that installs it.
//
//   Chromium            CHROMIUM_PATH, else /usr/bin/chromium                 (Debian: chromium)
//   LibreOffice Calc    SOFFICE_PATH, else `soffice` on PATH                  (libreoffice-calc-nogui)
//   openpyxl            PYTHON, else /usr/bin/python3, else `python3` on PATH (python3-openpyxl)
//   PostgreSQL server   PG_BIN, else /usr/lib/postgresql/<version>/bin:        (postgresql)
//                       initdb, pg_ctl and postgres
//
// Installing needs Debian's apt-get and root or passwordless sudo; it runs one `apt-get update`
// and one `apt-get install -y` of the missing packages. TEST_TOOLS_INSTALL=off forbids it. A
// variable above that names no program is never "fixed" by installing: it stops the run.
// Nothing is downloaded outside apt-get. TEST_TOOLS_ROOT (default /) is the directory in which
// the fixed places above and /etc/debian_version are looked for: this script's tests set it.
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readdirSync, statSync } from "node:fs";
import { delimiter, join } from "node:path";

const env = process.env;
const root = env.TEST_TOOLS_ROOT || "/";
const CHROMIUM = join(root, "usr/bin/chromium");
const PYTHON = join(root, "usr/bin/python3");
const PG_VERSIONS = join(root, "usr/lib/postgresql");

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The program's path: itself when it holds a slash, else its first executable match on PATH. */
function findProgram(name) {
  if (name.includes("/")) return isExecutable(name) ? name : null;
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

const PG_PROGRAMS = ["initdb", "pg_ctl", "postgres"];

function hasPgPrograms(dir) {
  return PG_PROGRAMS.every((name) => isExecutable(join(dir, name)));
}

/**
 * Each check returns null when the program is there, else what is missing, with the `variable`
 * that points elsewhere when there is one (installing the package would not change that).
 */
const checks = [
  {
    program: "Chromium",
    pkg: "chromium",
    check() {
      if (env.CHROMIUM_PATH !== undefined) {
        if (isExecutable(env.CHROMIUM_PATH)) return null;
        return { where: `CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file`, variable: "CHROMIUM_PATH" };
      }
      return isExecutable(CHROMIUM) ? null : { where: `no ${CHROMIUM}` };
    },
  },
  {
    program: "LibreOffice Calc's soffice",
    pkg: "libreoffice-calc-nogui",
    check() {
      if (env.SOFFICE_PATH) {
        if (findProgram(env.SOFFICE_PATH)) return null;
        return { where: `SOFFICE_PATH=${env.SOFFICE_PATH} is not a program`, variable: "SOFFICE_PATH" };
      }
      return findProgram("soffice") ? null : { where: "no soffice on PATH" };
    },
  },
  {
    program: "Python 3's openpyxl module",
    pkg: "python3-openpyxl",
    check() {
      const python = env.PYTHON || (existsSync(PYTHON) ? PYTHON : "python3");
      const variable = env.PYTHON ? "PYTHON" : undefined;
      if (!findProgram(python)) {
        const where = env.PYTHON ? `PYTHON=${env.PYTHON} is not a program` : `no ${PYTHON}, no python3 on PATH`;
        return { where, variable };
      }
      // Found, not imported: importing openpyxl alone takes most of a second.
      const findOpenpyxl = "import importlib.util, sys; sys.exit(importlib.util.find_spec('openpyxl') is None)";
      const run = spawnSync(python, ["-c", findOpenpyxl], { stdio: "ignore", timeout: 10_000 });
      return run.status === 0 ? null : { where: `${python} has no openpyxl module`, variable };
    },
  },
  {
    program: "PostgreSQL's server programs (initdb, pg_ctl, postgres)",
    pkg: "postgresql",
    check() {
      if (env.PG_BIN) {
        if (hasPgPrograms(env.PG_BIN)) return null;
        return { where: `PG_BIN=${env.PG_BIN} does not hold ${PG_PROGRAMS.join(", ")}`, variable: "PG_BIN" };
      }
      let versions = [];
      try {
        versions = readdirSync(PG_VERSIONS);
      } catch {
        // No PostgreSQL at all.
      }
      if (versions.some((version) => hasPgPrograms(join(PG_VERSIONS, version, "bin")))) return null;
      return { where: `not in ${PG_VERSIONS}/<version>/bin` };
    },
  },
];

function missingPrograms() {
  const missing = [];
  for (const { program, pkg, check } of checks) {
    const problem = check();
    if (problem) missing.push({ program, pkg, ...problem });
  }
  return missing;
}

const isRoot = process.getuid?.() === 0;

/** How apt-get is run here (as root, or through passwordless sudo), or why it cannot be. */
function installer() {
  if (env.TEST_TOOLS_INSTALL === "off") return { reason: "TEST_TOOLS_INSTALL=off" };
  const aptGet = findProgram("apt-get");
  if (!existsSync(join(root, "etc/debian_version")) || !aptGet) return { reason: "no Debian apt-get here" };
  if (isRoot) return { aptGet, sudo: null };
  const sudo = findProgram("sudo");
  if (sudo && spawnSync(sudo, ["-n", "true"], { stdio: "ignore", timeout: 10_000 }).status === 0)
    return { aptGet, sudo };
  return { reason: "installing needs root or passwordless sudo" };
}

function installCommand(packages) {
  const sudo = isRoot ? "" : "sudo ";
  return `${sudo}apt-get update && ${sudo}apt-get install -y ${packages.join(" ")}`;
}

function fail(missing, reason) {
  const lines = ["The test suite cannot start: it needs programs this machine lacks.", ""];
  for (const { program, pkg, where } of missing) {
    lines.push(`  - ${program}: ${where}; installed by \`apt-get install -y ${pkg}\``);
  }
  const packages = [...new Set(missing.map(({ pkg }) => pkg))];
  lines.push(
    "",
    missing.length > 1 ? "Install them with:" : "Install it with:",
    "",
    `  ${installCommand(packages)}`,
    "",
  );
  if (missing.some(({ variable }) => variable)) {
    lines.push("then correct or unset the variables above (without them, the Debian packages' programs are used).");
  }
  if (reason) lines.push(`Not installed automatically: ${reason}.`);
  console.error(lines.join("\n"));
  process.exit(1);
}

function aptGetRun({ aptGet, sudo }, args) {
  const [command, commandArgs] = sudo
    ? [sudo, ["-n", "env", "DEBIAN_FRONTEND=noninteractive", aptGet, ...args]]
    : [aptGet, args];
  console.log(`$ ${[command, ...commandArgs].join(" ")}`);
  const run = spawnSync(command, commandArgs, { stdio: "inherit", env: { ...env, DEBIAN_FRONTEND: "noninteractive" } });
  return run.status === 0;
}

const missing = missingPrograms();
if (missing.length > 0) {
  const variables = missing.filter(({ variable }) => variable).map(({ variable }) => variable);
  if (variables.length > 0)
    fail(
      missing,
      `installing would not change what ${variables.join(", ")} ${variables.length > 1 ? "point" : "points"} to`,
    );
  const apt = installer();
  if (!apt.aptGet) fail(missing, apt.reason);
  const packages = [...new Set(missing.map(({ pkg }) => pkg))];
  console.log(
    `The test suite needs ${missing.map(({ program }) => program).join(", ")}: installing ${packages.join(" ")}.`,
  );
  if (!aptGetRun(apt, ["update"]) || !aptGetRun(apt, ["install", "-y", ...packages])) {
    fail(missing, "apt-get failed (its output is above)");
  }
  const still = missingPrograms();
  if (still.length > 0) fail(still, "still missing after apt-get install");
}
