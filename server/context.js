// The storage of the request under way, shared with the app build (app/utils/request-context.server.ts
// takes the same one through the same global key).
import { AsyncLocalStorage } from "node:async_hooks";

const KEY = Symbol.for("sessions.requestContext");

/** @type {AsyncLocalStorage<{ requestId: string, nonce: string, csrfToken: string, userId: number | null, storageError: string | null }>} */
export const requestStorage = (globalThis[KEY] ??= new AsyncLocalStorage());
