import { Form, useNavigation, useSubmit, type Location } from "@remix-run/react";
import { useEffect, useRef, type MutableRefObject, type ReactNode } from "react";
import { Button } from "./FormParts";

/**
 * A search box in a GET form: the URL keeps the search (it works without JavaScript and
 * survives a reload); with JavaScript the search runs as the user types (300 ms after the last
 * key). `timer` is the caller's, so that its other forms can cancel a search still waiting.
 */
export function SearchForm({
  inputId,
  label,
  placeholder,
  query,
  searching,
  timer,
  children,
}: {
  inputId: string;
  label: string;
  placeholder: string;
  query: string;
  searching: boolean;
  timer: MutableRefObject<ReturnType<typeof setTimeout> | undefined>;
  /** More fields of the same GET form, after the button (a filter checkbox). */
  children?: ReactNode;
}) {
  const submit = useSubmit();
  return (
    <Form
      method="get"
      className="mt-2 flex flex-wrap items-end gap-2"
      role="search"
      onSubmit={() => clearTimeout(timer.current)}
    >
      <div className="min-w-0 flex-1 basis-56">
        <label htmlFor={inputId} className="block text-sm">
          {label}
        </label>
        <input
          id={inputId}
          name="q"
          type="search"
          defaultValue={query}
          autoComplete="off"
          placeholder={placeholder}
          className="mt-1 w-full rounded border border-slate-400 px-2 py-1.5"
          onChange={(event) => {
            const form = event.currentTarget.form;
            clearTimeout(timer.current);
            timer.current = setTimeout(() => submit(form, { replace: true, preventScrollReset: true }), 300);
          }}
        />
      </div>
      <Button variant="secondary" size="md">
        Rechercher
      </Button>
      {children}
      {searching ? (
        <span role="status" className="text-sm text-slate-600">
          Recherche…
        </span>
      ) : null}
    </Form>
  );
}

/**
 * A titled search block: its heading, the search box (`SearchForm`) with its extra `fields`, then
 * what `children` shows of the results. It owns the search-as-you-type timer: `children` gets
 * `cancelSearch`, for a form of the results that must not be overtaken by a search still waiting.
 */
export function SearchPanel({
  id,
  title,
  className,
  form,
  isSearch,
  fields,
  children,
}: {
  /** The section's id (a link's fragment); its heading's is `${id}-titre`. */
  id: string;
  title: string;
  className: string;
  form: { inputId: string; label: string; placeholder: string; query: string };
  /** Whether the page being loaded is this search's results ("Recherche…" is then shown). */
  isSearch: (location: Location) => boolean;
  fields?: ReactNode;
  children: ReactNode | ((cancelSearch: () => void) => ReactNode);
}) {
  const navigation = useNavigation();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const searching = navigation.state === "loading" && isSearch(navigation.location);
  return (
    <section id={id} aria-labelledby={`${id}-titre`} className={className}>
      <h3 id={`${id}-titre`} className="font-semibold">
        {title}
      </h3>
      <SearchForm {...form} searching={searching} timer={timer}>
        {fields}
      </SearchForm>
      {typeof children === "function" ? children(() => clearTimeout(timer.current)) : children}
    </section>
  );
}
