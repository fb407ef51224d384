// The PostgreSQL side of e2e/sync-db.ts: one `pg` client in a worker thread. Each request comes on
// the port; the answer is posted back, then the shared flag is raised so that the waiting test
// thread wakes up and reads it with receiveMessageOnPort.
import pg from "pg";
import { workerData } from "node:worker_threads";

const { url, flag, port } = workerData;
const signal = new Int32Array(flag);

// Counts (bigint) and numerics as numbers, as the application reads them (db/connection.ts).
const types = {
  getTypeParser: (oid, format) =>
    oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC
      ? (text) => Number(text)
      : pg.types.getTypeParser(oid, format),
};
const client = new pg.Client({ connectionString: url, types });
// A lost connection is answered as an error to the next request, never a crash of the thread.
client.on("error", () => {});
const connected = client.connect();

port.on("message", async ({ text, params }) => {
  let reply;
  try {
    await connected;
    const result = await client.query(text, params);
    reply = { rows: result.rows ?? [], changes: result.rowCount ?? 0 };
  } catch (error) {
    reply = { error: { message: error.message, code: error.code } };
  }
  port.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
