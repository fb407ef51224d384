/** The places of server/guard.js's uploads and downloads: how many run, who waits, for how long. */
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { Limiter } from "./guard.js";

const connection = () => new EventEmitter();

describe("Limiter", () => {
  it("refuses at once when nobody may wait (uploads)", async () => {
    const uploads = new Limiter(1);
    expect(await uploads.acquire("a", connection())).toBe("ok");
    expect(await uploads.acquire("b", connection())).toBe("full");
    expect(await uploads.acquire("a", connection())).toBe("user");
    uploads.release("a");
    expect(await uploads.acquire("b", connection())).toBe("ok");
  });

  it("gives a freed place to the first who waits, in order", async () => {
    const downloads = new Limiter(1, { waiting: 2, patience: 5_000 });
    expect(await downloads.acquire("a", connection())).toBe("ok");
    const b = downloads.acquire("b", connection());
    const c = downloads.acquire("c", connection());
    expect(await downloads.acquire("d", connection())).toBe("full");
    expect(await downloads.acquire("b", connection())).toBe("user");
    downloads.release("a");
    expect(await b).toBe("ok");
    downloads.release("b");
    expect(await c).toBe("ok");
  });

  it("refuses whoever waited longer than its patience", async () => {
    const downloads = new Limiter(1, { waiting: 5, patience: 50 });
    await downloads.acquire("a", connection());
    const started = Date.now();
    expect(await downloads.acquire("b", connection())).toBe("full");
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    downloads.release("a");
    expect(await downloads.acquire("c", connection())).toBe("ok");
  });

  it("forgets a user whose connection closed while waiting", async () => {
    const downloads = new Limiter(1, { waiting: 1, patience: 5_000 });
    await downloads.acquire("a", connection());
    const gone = connection();
    const b = downloads.acquire("b", gone);
    gone.emit("close");
    expect(await b).toBe("gone");
    const c = downloads.acquire("c", connection());
    downloads.release("a");
    expect(await c).toBe("ok");
  });
});
