/**
 * `npm test`'s first step, scripts/test-tools.mjs, run as `npm test` runs it, on a made-up machine:
 * TEST_TOOLS_ROOT holds its /usr/bin/chromium, /usr/bin/python3, /usr/lib/postgresql and
 * /etc/debian_version, PATH only a directory of stand-in programs (soffice, apt-get, sudo, node).
 * Each program taken away in turn must be named with the command that installs it, and stop
 * `npm test` before its next step; where installing is allowed, apt-get is run once.
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..");
const SCRIPT = join(REPO, "scripts", "test-tools.mjs");
const NPM_CLI = process.env.npm_execpath?.endsWith("npm-cli.js")
  ? process.env.npm_execpath
  : join(dirname(process.execPath), "..", "lib", "node_modules", "npm", "bin", "npm-cli.js");
const SUDO = process.getuid?.() === 0 ? "" : "sudo ";

const PROGRAMS = [
  { name: "Chromium", pkg: "chromium", remove: (m: Machine) => rmSync(m.chromium) },
  {
    name: "LibreOffice Calc's soffice",
    pkg: "libreoffice-calc-nogui",
    remove: (m: Machine) => rmSync(join(m.bin, "soffice")),
  },
  { name: "Python 3's openpyxl module", pkg: "python3-openpyxl", remove: (m: Machine) => fakeProgram(m.python, 1) },
  {
    name: "PostgreSQL's server programs (initdb, pg_ctl, postgres)",
    pkg: "postgresql",
    remove: (m: Machine) => rmSync(m.pgBin, { recursive: true }),
  },
];

interface Machine {
  dir: string;
  root: string;
  bin: string;
  chromium: string;
  python: string;
  pgBin: string;
  aptLog: string;
}

/** A program that exits with `status` (a Python that cannot find openpyxl exits 1). */
function fakeProgram(path: string, status = 0, body = "") {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `#!/bin/sh\n${body}exit ${status}\n`);
  chmodSync(path, 0o755);
}

/** A machine that has everything; apt-get records its calls and installs every program. */
function makeMachine(): Machine {
  const dir = mkdtempSync(join(tmpdir(), "sessions-test-tools-"));
  const root = join(dir, "root");
  const bin = join(dir, "bin");
  const m = {
    dir,
    root,
    bin,
    chromium: join(root, "usr/bin/chromium"),
    python: join(root, "usr/bin/python3"),
    pgBin: join(root, "usr/lib/postgresql/15/bin"),
    aptLog: join(dir, "apt-get.log"),
  };
  fakeProgram(m.chromium);
  fakeProgram(m.python);
  for (const name of ["initdb", "pg_ctl", "postgres"]) fakeProgram(join(m.pgBin, name));
  fakeProgram(join(bin, "soffice"));
  mkdirSync(join(root, "etc"), { recursive: true });
  writeFileSync(join(root, "etc/debian_version"), "12.0\n");
  const install = [
    `echo "$DEBIAN_FRONTEND apt-get $*" >> '${m.aptLog}'`,
    `if [ "$1" = install ]; then`,
    `  for p in '${m.chromium}' '${join(bin, "soffice")}' '${m.python}' '${m.pgBin}/initdb' '${m.pgBin}/pg_ctl' '${m.pgBin}/postgres'; do`,
    `    mkdir -p "$(dirname "$p")"; printf '#!/bin/sh\\nexit 0\\n' > "$p"; chmod 755 "$p"`,
    `  done`,
    `fi`,
    "",
  ].join("\n");
  fakeProgram(join(bin, "apt-get"), 0, install);
  // Passwordless sudo for a run that is not root's: `sudo -n true`, `sudo -n env VAR=value apt-get …`.
  fakeProgram(join(bin, "sudo"), 0, `[ "$1" = -n ] && shift\nexec "$@"\n`);
  symlinkSync(process.execPath, join(bin, "node"));
  for (const tool of ["sh", "env", "mkdir", "dirname", "chmod"]) {
    const path = ["/usr/bin", "/bin"].map((d) => join(d, tool)).find((p) => existsSync(p));
    if (path) symlinkSync(path, join(bin, tool));
  }
  // A project whose `npm test` is this repository's pretest, then a step that leaves a mark.
  const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { scripts: Record<string, string> };
  mkdirSync(join(dir, "project", "scripts"), { recursive: true });
  symlinkSync(SCRIPT, join(dir, "project", "scripts", "test-tools.mjs"));
  writeFileSync(
    join(dir, "project", "package.json"),
    JSON.stringify({
      name: "project",
      private: true,
      scripts: { pretest: pkg.scripts.pretest, test: `node -e "require('fs').writeFileSync('tests-started', '')"` },
    }),
  );
  return m;
}

function environment(m: Machine, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: "test",
    PATH: m.bin,
    HOME: m.dir,
    TEST_TOOLS_ROOT: m.root,
    npm_config_update_notifier: "false",
    ...extra,
  };
}

function check(m: Machine, extra: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [SCRIPT], { env: environment(m, extra), encoding: "utf8", timeout: 20_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function npmTest(m: Machine, extra: Record<string, string> = {}) {
  const cwd = join(m.dir, "project");
  const run = spawnSync(process.execPath, [NPM_CLI, "test"], {
    cwd,
    env: environment(m, extra),
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: run.status, output: run.stdout + run.stderr, testsStarted: existsSync(join(cwd, "tests-started")) };
}

const aptCalls = (m: Machine) => (existsSync(m.aptLog) ? readFileSync(m.aptLog, "utf8").trim().split("\n") : []);

let m: Machine;
beforeEach(() => {
  m = makeMachine();
});
afterEach(() => {
  rmSync(m.dir, { recursive: true, force: true });
});

describe("npm test's check of the programs the suite needs", () => {
  it("passes silently on a machine that has them all, and npm test goes on to the tests", () => {
    expect(check(m, { TEST_TOOLS_INSTALL: "off" })).toEqual({ status: 0, stdout: "", stderr: "" });
    const run = npmTest(m, { TEST_TOOLS_INSTALL: "off" });
    expect(run.status).toBe(0);
    expect(run.testsStarted).toBe(true);
    expect(aptCalls(m)).toEqual([]);
  });

  for (const program of PROGRAMS) {
    it(`without ${program.name}, and installing forbidden, names it and its install command; npm test stops`, () => {
      program.remove(m);
      const run = check(m, { TEST_TOOLS_INSTALL: "off" });
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain(`${program.name}: `);
      expect(run.stderr).toContain(`installed by \`apt-get install -y ${program.pkg}\``);
      expect(run.stderr).toContain(`${SUDO}apt-get update && ${SUDO}apt-get install -y ${program.pkg}\n`);
      expect(run.stderr).toContain("Not installed automatically: TEST_TOOLS_INSTALL=off.");
      for (const other of PROGRAMS.filter((p) => p !== program)) expect(run.stderr).not.toContain(other.name);

      const npm = npmTest(m, { TEST_TOOLS_INSTALL: "off" });
      expect(npm.status).not.toBe(0);
      expect(npm.output).toContain(program.name);
      expect(npm.testsStarted).toBe(false);
      expect(aptCalls(m)).toEqual([]);
    });
  }

  it("without any of them, one message names all four and one command installs them", () => {
    for (const program of PROGRAMS) program.remove(m);
    const run = check(m, { TEST_TOOLS_INSTALL: "off" });
    expect(run.status).not.toBe(0);
    for (const program of PROGRAMS) expect(run.stderr).toContain(`${program.name}: `);
    expect(run.stderr).toContain(
      `${SUDO}apt-get update && ${SUDO}apt-get install -y chromium libreoffice-calc-nogui python3-openpyxl postgresql\n`,
    );
  });

  it("on a machine without Debian's apt-get, stops and says installing is not possible here", () => {
    rmSync(join(m.root, "etc/debian_version"));
    rmSync(m.chromium);
    const run = check(m);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("Chromium: ");
    expect(run.stderr).toContain("Not installed automatically: no Debian apt-get here.");
    expect(aptCalls(m)).toEqual([]);
  });

  it("on Debian, installs what is missing with one apt-get update and one apt-get install, then npm test goes on", () => {
    rmSync(m.chromium);
    rmSync(m.pgBin, { recursive: true });
    const run = npmTest(m);
    expect(run.output).toContain("installing chromium postgresql.");
    expect(run.status).toBe(0);
    expect(run.testsStarted).toBe(true);
    expect(aptCalls(m)).toEqual([
      "noninteractive apt-get update",
      "noninteractive apt-get install -y chromium postgresql",
    ]);
  });

  it("when apt-get fails, stops with the program named and the command to run", () => {
    fakeProgram(join(m.bin, "apt-get"), 100);
    rmSync(join(m.bin, "soffice"));
    const run = npmTest(m);
    expect(run.status).not.toBe(0);
    expect(run.testsStarted).toBe(false);
    expect(run.output).toContain("LibreOffice Calc's soffice: no soffice on PATH");
    expect(run.output).toContain("Not installed automatically: apt-get failed");
  });
});

describe("variables naming the programs", () => {
  it("win over the usual places", () => {
    for (const program of PROGRAMS) program.remove(m);
    fakeProgram(join(m.dir, "elsewhere/chrome"));
    fakeProgram(join(m.dir, "elsewhere/soffice"));
    fakeProgram(join(m.dir, "elsewhere/python"));
    for (const name of ["initdb", "pg_ctl", "postgres"]) fakeProgram(join(m.dir, "elsewhere/pg", name));
    const run = check(m, {
      TEST_TOOLS_INSTALL: "off",
      CHROMIUM_PATH: join(m.dir, "elsewhere/chrome"),
      SOFFICE_PATH: join(m.dir, "elsewhere/soffice"),
      PYTHON: join(m.dir, "elsewhere/python"),
      PG_BIN: join(m.dir, "elsewhere/pg"),
    });
    expect(run).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("naming no program stops the run even where installing is possible (installing would not change them)", () => {
    const cases: { vars: Record<string, string>; says: string }[] = [
      {
        vars: { CHROMIUM_PATH: join(m.dir, "none") },
        says: `Chromium: CHROMIUM_PATH=${join(m.dir, "none")} is not an executable file`,
      },
      {
        vars: { SOFFICE_PATH: join(m.dir, "none") },
        says: `LibreOffice Calc's soffice: SOFFICE_PATH=${join(m.dir, "none")} is not a program`,
      },
      { vars: { PYTHON: "/bin/false" }, says: "Python 3's openpyxl module: /bin/false has no openpyxl module" },
      {
        vars: { PG_BIN: m.dir },
        says: `PostgreSQL's server programs (initdb, pg_ctl, postgres): PG_BIN=${m.dir} does not hold`,
      },
    ];
    for (const { vars, says } of cases) {
      const run = check(m, vars);
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain(says);
      expect(run.stderr).toContain(
        `Not installed automatically: installing would not change what ${Object.keys(vars)[0]} points to.`,
      );
    }
    expect(aptCalls(m)).toEqual([]);
  });
});

describe("on this machine", () => {
  it("the programs are where the suite looks for them", () => {
    const run = spawnSync(process.execPath, [SCRIPT], {
      env: { ...process.env, TEST_TOOLS_INSTALL: "off" },
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
