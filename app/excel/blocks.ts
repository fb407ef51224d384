/**
 * The blocks every bordereau shares (domain.md §8): the header block, the jury block and the
 * candidates' identity columns, with their header texts, formats and comments; the fixed
 * dropdown lists; and how a grid test becomes a column.
 */
import type { CandidateKey, ColumnSpec, FieldSpec, GridTest, JuryKey, ListOption, TableSpec, Grid } from "./spec";

export const SHEETS = {
  guide: "Mode d'emploi",
  session: "Session",
  candidates: "Candidats",
  /** Hidden: the dropdown lists and the marker. */
  lists: "Listes",
} as const;

export const COMMENTS = {
  licence: "Format : A-12-345678",
  date: "Date au format JJ/MM/AAAA",
  mark: "Note sur 20, ou NP (non présenté) / NF (non fait)",
  done: "Choisir dans la liste : Fait, Non fait ou NP (non présenté) ; épreuve sans note, Non fait et NP sont éliminatoires",
} as const;

export const HEADER_FIELDS: FieldSpec[] = [
  {
    key: "certification",
    label: "Brevet passé",
    type: "list",
    list: "certifications",
    required: true,
    comment: "Choisir dans la liste le brevet passé (nom du brevet)",
  },
  {
    key: "place",
    label: "Lieu",
    type: "text",
    required: false,
    maxLength: 200,
    comment: "Texte libre : piscine, fosse ou site de plongée (200 caractères au plus)",
  },
  { key: "startDate", label: "Date de début", type: "date", required: true, comment: COMMENTS.date },
  {
    key: "endDate",
    label: "Date de fin",
    type: "date",
    required: false,
    comment: `${COMMENTS.date} ; facultative, le jour de début ou après`,
  },
];

const LICENCE_COLUMN = { type: "licence", required: true, comment: COMMENTS.licence, width: 15 } as const;
const LAST_NAME = {
  type: "text",
  required: true,
  maxLength: 100,
  comment: "Texte : le nom tel qu'il figure sur la licence (majuscules et accents indifférents)",
  width: 22,
} as const;
const FIRST_NAME = {
  type: "text",
  required: true,
  maxLength: 100,
  comment: "Texte : le prénom tel qu'il figure sur la licence (majuscules et accents indifférents)",
  width: 20,
} as const;

export const JURY_TABLE: TableSpec<JuryKey> = {
  title: "Jury",
  capacity: 20,
  columns: [
    {
      key: "role",
      header: "Rôle",
      type: "list",
      list: "juryRoles",
      required: true,
      comment: "Choisir dans la liste : Président de jury, Délégué ou Membre du jury",
      width: 22,
    },
    { key: "licence", header: "Licence", ...LICENCE_COLUMN },
    { key: "lastName", header: "Nom", ...LAST_NAME },
    { key: "firstName", header: "Prénom", ...FIRST_NAME },
  ],
};

export const CANDIDATE_TABLE: TableSpec<CandidateKey> = {
  title: null,
  capacity: 1000,
  columns: [
    { key: "licence", header: "Licence", ...LICENCE_COLUMN },
    { key: "lastName", header: "Nom", ...LAST_NAME },
    { key: "firstName", header: "Prénom", ...FIRST_NAME },
    { key: "birthDate", header: "Date de naissance", type: "date", required: false, comment: COMMENTS.date, width: 13 },
    {
      key: "equivalence",
      header: "Équivalence",
      type: "list",
      list: "equivalences",
      required: false,
      comment: "Facultatif : choisir dans la liste le code du brevet d'un autre organisme (ex. CMAS-2)",
      width: 14,
    },
  ],
};

export const JURY_ROLE_OPTIONS: ListOption[] = [
  { label: "Président de jury", code: "president" },
  { label: "Délégué", code: "delegue" },
  { label: "Membre du jury", code: "membre" },
];

/** A fait / non fait test also takes NP (non présenté), as on the marks screen (app/domain/marks.ts). */
export const DONE_OPTIONS: ListOption[] = [
  { label: "Fait", code: "FAIT" },
  { label: "Non fait", code: "NON_FAIT" },
  { label: "NP", code: "NP" },
];

/** `Mannequin (×2)`; a fait / non fait test: `500 m capelé (fait / non fait)`. */
export function testHeader(test: Pick<GridTest, "label" | "coefficient" | "kind">): string {
  return test.kind === "done" ? `${test.label} (fait / non fait)` : `${test.label} (×${test.coefficient})`;
}

export function testColumn(test: GridTest): ColumnSpec<CandidateKey> {
  return test.kind === "done"
    ? {
        key: `test:${test.code}`,
        header: testHeader(test),
        type: "done",
        list: "done",
        required: false,
        comment: COMMENTS.done,
        width: 14,
      }
    : {
        key: `test:${test.code}`,
        header: testHeader(test),
        type: "mark",
        required: false,
        comment: COMMENTS.mark,
        width: 14,
      };
}

export function totalColumn(grid: Grid): ColumnSpec<CandidateKey> {
  return {
    key: "total",
    header: `Total (sur ${grid.maxTotal})`,
    type: "formula",
    required: false,
    comment: "Calculé automatiquement : somme des notes multipliées par leur coefficient (NP et NF comptent 0)",
    width: 11,
  };
}

export function resultColumn(grid: Grid): ColumnSpec<CandidateKey> {
  return {
    key: "result",
    header: "Résultat indicatif",
    type: "formula",
    required: false,
    comment:
      `Calculé automatiquement selon la grille ${grid.label} (admis à partir de ${grid.passTotal} points, ` +
      "notes éliminatoires, moyennes de groupes). Indicatif : le résultat officiel est établi à la clôture de la session.",
    width: 13,
  };
}
