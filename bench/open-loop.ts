/**
 * An open-loop load generator: requests sent at a constant rate, whatever the server does, over
 * at most N keep-alive connections, each request's latency counted from the moment it was due
 * (as wrk2 does), so that a slow answer delays nobody's clock.
 *
 * Why not autocannon's `overallRate`: autocannon gives each connection a quota per second and
 * lets it send back to back until the quota is used, then waits for the next second
 * (lib/httpClient.js, `reqsMadeThisSecond`): the second's 200 requests leave in a burst, as
 * fast as the server answers, and the run measures 16 connections always waiting (a throughput
 * test) for most of each second instead of users arriving 5 ms apart.
 *
 * When all N connections are busy, a due request waits for one (node:http's agent queue), and
 * that wait is part of its latency: what a browser meets when the server is behind.
 */
import { Agent, request } from "node:http";

export interface OpenLoopRequest {
  path: string;
  headers: Record<string, string>;
}

export interface OpenLoopResult {
  /** Latencies (ms) from the moment each request was due to the end of its answer, sorted. */
  latencies: number[];
  /** Requests sent per second of the run, answers received per second. */
  sentPerSecond: number;
  answeredPerSecond: number;
  /** Answers other than 2xx, connection errors, and requests still unanswered at the end. */
  errors: number;
  /** How late the generator itself sent requests (ms, p99): its own lag, not the server's. */
  senderLagP99: number;
}

/**
 * Sends `rate` requests a second for `seconds` seconds to `origin`, taking `requests` in turn,
 * over at most `connections` connections; waits up to `timeoutSeconds` for the last answers.
 */
export async function openLoop({
  origin,
  requests,
  rate,
  seconds,
  connections,
  timeoutSeconds = 30,
}: {
  origin: string;
  requests: OpenLoopRequest[];
  rate: number;
  seconds: number;
  connections: number;
  timeoutSeconds?: number;
}): Promise<OpenLoopResult> {
  if (requests.length === 0 || rate <= 0 || seconds <= 0) throw new Error("openLoop : rien à envoyer");
  const agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const latencies: number[] = [];
  const lags: number[] = [];
  let non2xx = 0;
  let failures = 0;
  let answered = 0;
  let sent = 0;
  let lastAnswerAt = 0;

  const send = (due: number, spec: OpenLoopRequest) =>
    new Promise<void>((resolve) => {
      let settled = false;
      const fail = () => {
        if (!settled) failures++;
        settled = true;
        resolve();
      };
      const req = request(
        `${origin}${spec.path}`,
        { agent, headers: spec.headers, timeout: timeoutSeconds * 1000 },
        (response) => {
          // The body is read (not decompressed), as a browser receives it, then the clock stops.
          response.on("data", () => {});
          response.on("end", () => {
            if (settled) return;
            settled = true;
            const now = performance.now();
            const status = response.statusCode ?? 0;
            if (status >= 200 && status < 300) latencies.push(now - due);
            else non2xx++;
            answered++;
            lastAnswerAt = now;
            resolve();
          });
          response.on("error", fail);
        },
      );
      req.on("timeout", () => req.destroy(new Error("délai dépassé")));
      req.on("error", fail);
      req.end();
    });

  const pending: Promise<void>[] = [];
  const start = performance.now();
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        const due = start + sent * interval;
        lags.push(now - due);
        pending.push(send(due, requests[sent % requests.length]));
        sent++;
      }
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
      else done();
    };
    tick();
  });
  const sentAt = performance.now();
  await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, timeoutSeconds * 1000))]);
  agent.destroy();
  const unanswered = total - answered - failures;
  latencies.sort((a, b) => a - b);
  lags.sort((a, b) => a - b);
  return {
    latencies,
    sentPerSecond: (sent * 1000) / (sentAt - start),
    answeredPerSecond: (answered * 1000) / Math.max(1, lastAnswerAt - start),
    errors: non2xx + failures + unanswered,
    senderLagP99: lags[Math.min(lags.length - 1, Math.floor(lags.length * 0.99))] ?? 0,
  };
}
