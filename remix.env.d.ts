/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

import type { RequestContext } from "./app/utils/request-context.server";

declare module "@remix-run/node" {
  // What server/app.js hands every loader and action (absent under `remix dev` and in unit tests).
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends Partial<RequestContext> {}
}
