import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CloseReport } from "~/components/CloseReport";
import { buildCloseReport } from "~/sessions/close.server";
import { buttonClass } from "~/components/Button";
import { db } from "~/utils/db.server";
import { requireSession, requireViewer } from "~/utils/scope.server";

/** "Vérifier": the close checks, run without closing (a GET: nothing changes). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const access = await requireSession(viewer, params.id);
  if (access.status === "closed") return json({ closed: true as const, report: null, canClose: false });
  const report = await buildCloseReport(db, access.id);
  return json({ closed: false as const, report, canClose: access.role === "gestionnaire" && report.verdict.ok });
}

export default function Verification() {
  const { closed, report, canClose } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="verification-titre">
      <h2 id="verification-titre" className="text-lg font-semibold">
        Vérification avant clôture
      </h2>
      {closed || !report ? (
        <p className="mt-2">Cette session est clôturée.</p>
      ) : (
        <div className="mt-3">
          <CloseReport report={report} />
          {canClose ? (
            <p className="mt-4">
              <Link to="../cloture" relative="path" className={buttonClass("primary")}>
                Clôturer
              </Link>
            </p>
          ) : null}
        </div>
      )}
    </section>
  );
}
