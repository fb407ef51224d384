import { sql } from "kysely";
import { db } from "~/utils/db.server";

/** 200 when the database answers, 503 otherwise. */
export async function loader() {
  try {
    await sql`select 1 as ok`.execute(db);
    return new Response("OK", {
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  } catch (error) {
    console.error("healthcheck", error);
    return new Response("Base de données indisponible", { status: 503 });
  }
}
