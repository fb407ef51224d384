import type { LoaderFunctionArgs } from "@remix-run/node";
import { xlsxResponse } from "~/excel/build.server";
import { buildTemplateFile } from "~/sessions/export.server";
import { templateFromFileName } from "~/excel/templates";
import { organisableCertifications } from "~/utils/catalogue.server";
import { db } from "~/utils/db.server";
import { requireSessionsAccess, requireViewer } from "~/utils/scope.server";

/**
 * `/modeles/<slug>.xlsx`: a blank bordereau. "Session sans note" offers the brevets the
 * current scope may organise (every one for the administrator acting without scope).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  requireSessionsAccess(viewer);
  const spec = templateFromFileName(params.file);
  if (!spec) {
    return new Response("Modèle introuvable", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const allowed = viewer.current
    ? new Set((await organisableCertifications(viewer.current.organiserId)).map((c) => c.code))
    : null;
  return xlsxResponse(await buildTemplateFile(db, spec, allowed));
}
