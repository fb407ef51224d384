// ESLint flat config: the recommended rules of JavaScript, typescript-eslint, React (automatic JSX runtime),
// the rules of hooks and jsx-a11y. Formatting is Prettier's job (.prettierrc.json), not ESLint's.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig([
  globalIgnores([
    "build/",
    "public/build/",
    ".cache/",
    "data/",
    "node_modules/",
    "e2e/.data/",
    "bench/.data/",
    "bench/.build/",
    "test-results/",
    "playwright-report/",
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      // A leading underscore marks a value kept on purpose (a rest sibling, a required parameter).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Migrations and the dialect helpers work on any schema, past or present: Kysely's documented Kysely<any>.
    files: ["db/migrations/**", "db/dialect.ts", "db/migrate.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.{jsx,tsx}"],
    extends: [react.configs.flat.recommended, react.configs.flat["jsx-runtime"], jsxA11y.flatConfigs.recommended],
    settings: { react: { version: "detect" } },
    // The UI is French: apostrophes and quotes are text; only what JSX would misread is refused.
    rules: { "react/no-unescaped-entities": ["error", { forbid: [">", "}"] }] },
  },
  {
    files: ["**/*.{js,jsx,ts,tsx}"],
    extends: [reactHooks.configs["recommended-latest"]],
  },
]);
