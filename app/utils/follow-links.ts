import { useNavigate } from "@remix-run/react";
import type { MouseEvent } from "react";

/**
 * For a long list of plain `<a href>` links (the list's 50 session titles): with JavaScript, a
 * plain click on one of them opens the page without reloading the document, as a `<Link>` would.
 * Put the returned handler on the links' container (`<tbody onClick={…}>`).
 *
 * Why not 50 `<Link>`s: each resolves its path against the route tree while the page renders on
 * the server (about 10 µs each: half a millisecond a page, bench/README.md round 3), for what one
 * handler does here. A click with a modifier key or another button, or on a link that opens
 * elsewhere, is left to the browser.
 */
export function useFollowLinksInPage() {
  const navigate = useNavigate();
  return (event: MouseEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
    const link = (event.target as Element).closest("a");
    if (!link || !event.currentTarget.contains(link)) return;
    if ((link.target && link.target !== "_self") || link.hasAttribute("download")) return;
    if (link.origin !== window.location.origin) return;
    event.preventDefault();
    navigate(`${link.pathname}${link.search}${link.hash}`);
  };
}
