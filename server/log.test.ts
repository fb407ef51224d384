/** The request log line of server/log.js, as text and as JSON (LOG_FORMAT=json). */
import { afterEach, describe, expect, it, vi } from "vitest";
import { logRequest } from "./log.js";

const request = { method: "GET", originalUrl: "/sessions?intitule=Dupont", socket: { remoteAddress: "192.0.2.7" } };
const context = { requestId: "r-123", userId: 42, storageError: null as string | null };

function written(response: { statusCode: number; writableFinished: boolean }, ctx = context): string {
  const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  try {
    logRequest(request, response, ctx, process.hrtime.bigint() - 12_300_000n);
    return write.mock.calls.map((call) => String(call[0])).join("");
  } finally {
    write.mockRestore();
  }
}

afterEach(() => {
  delete process.env.LOG_FORMAT;
});

describe("request log", () => {
  it("writes one text line: ISO time, reference, method, path without its query, status, duration, user, IP", () => {
    const line = written({ statusCode: 200, writableFinished: true });
    expect(line).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z r-123 GET \/sessions 200 \d+(\.\d)?ms user=42 ip=192\.0\.2\.7\n$/,
    );
    expect(line).not.toContain("Dupont");
  });

  it("writes one JSON object per line with LOG_FORMAT=json, the storage error included", () => {
    process.env.LOG_FORMAT = "json";
    const line = written({ statusCode: 503, writableFinished: true }, { ...context, storageError: "SQLITE_FULL" });
    expect(line.endsWith("\n")).toBe(true);
    expect(line.trim().split("\n")).toHaveLength(1);
    const entry = JSON.parse(line);
    expect(entry).toMatchObject({
      requestId: "r-123",
      method: "GET",
      path: "/sessions",
      status: 503,
      userId: 42,
      ip: "192.0.2.7",
      error: "SQLITE_FULL",
    });
    expect(new Date(entry.time).toISOString()).toBe(entry.time);
    expect(entry.durationMs).toBeGreaterThanOrEqual(12);
  });

  it("logs 499 when the client went away before the answer ended", () => {
    process.env.LOG_FORMAT = "json";
    expect(JSON.parse(written({ statusCode: 200, writableFinished: false })).status).toBe(499);
  });
});
