import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CloseReport } from "~/components/CloseReport";
import { FlashMessage, buttonClass } from "~/components/FormParts";
import {
  buildCloseReport,
  removePerson,
  db,
  readFlash,
  backWithMessage,
  readTabPost,
  NOT_IN_SESSION,
  RemoveSchema,
  requireViewerAndSession,
  json,
} from "./route.server";

/** "Vérifier": the close checks, run without closing (a GET: nothing changes). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access } = await requireViewerAndSession(request, params.id);
  const { flash, headers } = await readFlash(request);
  if (access.status === "closed") {
    return json({ closed: true as const, report: null, canClose: false, canEdit: false, flash }, { headers });
  }
  const report = await buildCloseReport(db, access.id);
  const canEdit = access.role === "gestionnaire";
  return json({ closed: false as const, report, canClose: canEdit && report.verdict.ok, canEdit, flash }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, access, submission, path } = await readTabPost(request, params.id, "verification", RemoveSchema);
  if (submission.status !== "success") {
    return backWithMessage(request, path, "error", [NOT_IN_SESSION], undefined, "verification-titre");
  }
  const input = submission.value;
  const [kind, id, fragment] =
    "candidate" in input
      ? (["candidate", input.candidate, "rapport-candidats"] as const)
      : (["jury", input.member, "rapport-jury"] as const);
  const name = await removePerson(db, access.id, viewer.user.id, kind, id);
  return name
    ? backWithMessage(
        request,
        path,
        "success",
        [kind === "candidate" ? `${name} a été retiré de la session.` : `${name} a été retiré du jury.`],
        undefined,
        fragment,
      )
    : backWithMessage(request, path, "error", [NOT_IN_SESSION], undefined, fragment);
}

export default function Verification() {
  const { closed, report, canClose, canEdit, flash } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="verification-titre">
      <h2 id="verification-titre" className="text-lg font-semibold">
        Vérification avant clôture
      </h2>
      <FlashMessage flash={flash} />
      {closed || !report ? (
        <p className="mt-2">Cette session est clôturée.</p>
      ) : (
        <div className="mt-3">
          <CloseReport report={report} removable={canEdit} />
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
