import { isIsoDate } from "~/domain/dates";

/**
 * How a list screen reads its filters from the URL (the sessions list, the security journal): a
 * malformed value never breaks the page, it is ignored and a French notice says so; an empty one
 * means "no filter". The notices come in the order the values are read.
 */
export function filterReader(params: URLSearchParams) {
  const notices: string[] = [];
  const ignored = (name: string, value: string, why: string) =>
    notices.push(`Le filtre « ${name} » (« ${value.slice(0, 40)} ») ${why} : il a été ignoré.`);
  /** The trimmed value of `key` when `accept` takes it; null when empty, or refused (`why` in the notice). */
  const read = (key: string, label: string, accept: (value: string) => boolean, why: string): string | null => {
    const value = (params.get(key) ?? "").trim();
    if (!value) return null;
    if (accept(value)) return value;
    ignored(label, value, why);
    return null;
  };
  return {
    notices,
    ignored,
    read,
    /** A calendar day, `AAAA-MM-JJ`. */
    date: (key: "du" | "au", label: string) => read(key, label, isIsoDate, "n'est pas une date valide (AAAA-MM-JJ)"),
    /** The page asked for: 1 when none, or not a page number. */
    page: () =>
      Number(read("page", "Page", (v) => /^\d{1,7}$/.test(v) && Number(v) >= 1, "n'est pas un numéro de page") ?? 1),
    /** A period that ends before it begins: `none` (« aucune session ») can match it. */
    checkPeriod: (filters: { du: string | null; au: string | null }, none: string) => {
      if (filters.du && filters.au && filters.du > filters.au) {
        notices.push(`La date « Du » est postérieure à la date « Au » : ${none} ne peut correspondre.`);
      }
    },
  };
}
