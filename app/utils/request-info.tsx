import { createContext, useContext } from "react";

/**
 * What the server rendering a page knows of its request: the CSP nonce of Remix's inline scripts
 * and the request id printed on an error page. Empty in the browser (the nonce is not needed
 * there: scripts Remix adds later are files of the site).
 */
export const RequestInfo = createContext<{ nonce: string; requestId: string }>({ nonce: "", requestId: "" });

export function useRequestInfo() {
  return useContext(RequestInfo);
}
