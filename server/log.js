// One line per request: time, request id, method, path (never the query string: it can hold
// names searched for), status, duration, user id, IP. LOG_FORMAT=json: one JSON object per line.

export function logRequest(req, res, context, started) {
  const durationMs = Number((process.hrtime.bigint() - started) / 1000n) / 1000;
  const entry = {
    time: new Date().toISOString(),
    requestId: context.requestId,
    method: req.method,
    path: (req.originalUrl ?? req.url).split("?")[0],
    status: res.writableFinished ? res.statusCode : 499,
    durationMs: Math.round(durationMs * 10) / 10,
    userId: context.userId,
    ip: req.socket?.remoteAddress ?? null,
  };
  if (context.storageError) entry.error = context.storageError;
  if (process.env.LOG_FORMAT === "json") {
    process.stdout.write(`${JSON.stringify(entry)}\n`);
    return;
  }
  const error = entry.error ? ` error=${entry.error}` : "";
  process.stdout.write(
    `${entry.time} ${entry.requestId} ${entry.method} ${entry.path} ${entry.status} ${entry.durationMs}ms ` +
      `user=${entry.userId ?? "-"} ip=${entry.ip ?? "-"}${error}\n`,
  );
}
