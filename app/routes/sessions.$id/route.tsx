import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { StatusBadge, keepPageOnRefusal } from "~/sessions/layout";
import { BackLink, buttonClass } from "~/components/FormParts";
import { formatDateRange } from "~/utils/format";
import { requireViewerAndSession, buildCloseReport, getSessionDetail, db, json } from "./route.server";
import type { SessionLayoutData } from "~/sessions/layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.session.title} – Sessions` : "Session – Sessions" },
];

/** A refused save (4xx) keeps the page as the user saw it, so that the form can say why. */
export const shouldRevalidate = keepPageOnRefusal;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access } = await requireViewerAndSession(request, params.id);
  const session = await getSessionDetail(db, access.id);
  const draft = session.status === "draft";
  const [jury, report] = await Promise.all([
    db
      .selectFrom("session_jury")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("session_id", "=", access.id)
      .executeTakeFirstOrThrow(),
    draft && session.candidate_count > 0 ? buildCloseReport(db, access.id) : Promise.resolve(null),
  ]);
  return json<SessionLayoutData>({
    session,
    canEdit: access.role === "gestionnaire" && draft,
    canClose: access.role === "gestionnaire" && draft,
    juryCount: Number(jury.count),
    readyToClose: report !== null && report.verdict.ok,
  });
}

/** A post to the session without naming a tab: access is checked first, then it is refused. */
export async function action({ request, params }: ActionFunctionArgs) {
  await requireViewerAndSession(request, params.id, { write: true });
  throw json({ message: "Cette action n'existe pas." }, { status: 405 });
}

const tabClass = ({ isActive }: { isActive: boolean }) =>
  `-mb-px border-b-2 px-4 py-2 font-medium ${isActive ? "border-brand-700 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`;

export default function SessionLayout() {
  const { session, canEdit, canClose, juryCount, readyToClose } = useLoaderData<typeof loader>();
  const base = `/sessions/${session.id}`;
  return (
    <div>
      <BackLink to="/sessions">Toutes les sessions</BackLink>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{session.title}</h1>
        <StatusBadge status={session.status} />
      </div>
      <p className="mt-1 text-slate-700">
        {session.certification_name} ({session.certification_code}) · {session.organiser_name} ·{" "}
        {formatDateRange(session.start_date, session.end_date)}
        {session.place ? ` · ${session.place}` : ""}
      </p>
      <div className="no-print mt-3 flex flex-wrap gap-2">
        {session.status === "draft" ? (
          <Link to={`${base}/verification`} className={buttonClass(readyToClose ? "secondary" : "primary", "md")}>
            Vérifier
          </Link>
        ) : null}
        {canClose ? (
          <Link to={`${base}/cloture`} className={buttonClass(readyToClose ? "primary" : "secondary", "md")}>
            Clôturer
          </Link>
        ) : null}
        <a href={`${base}/excel.xlsx`} className={buttonClass("plain", "md")}>
          Exporter vers Excel
        </a>
        {session.status === "closed" ? (
          <Link to={`${base}/pv`} className={buttonClass("secondary", "md")}>
            Procès-verbal (PV)
          </Link>
        ) : null}
        {canEdit ? (
          <Link to={`${base}/mise-a-jour`} className={buttonClass("secondary", "md")}>
            Mettre à jour depuis Excel
          </Link>
        ) : null}
        {canEdit ? (
          <Link to={`${base}/supprimer`} className={buttonClass("remove", "md")}>
            Supprimer
          </Link>
        ) : null}
      </div>
      <nav aria-label="Onglets de la session" className="mt-4 flex flex-wrap gap-x-2 border-b border-slate-300">
        <NavLink to={base} end className={tabClass}>
          Informations
        </NavLink>
        <NavLink to={`${base}/participants`} className={tabClass}>
          Participants ({session.candidate_count})
        </NavLink>
        <NavLink to={`${base}/jury`} className={tabClass}>
          Jury ({juryCount})
        </NavLink>
        {session.grid_id !== null ? (
          <NavLink to={`${base}/notes`} className={tabClass}>
            Notes
          </NavLink>
        ) : null}
      </nav>
      <div className="mt-4">
        <Outlet />
      </div>
    </div>
  );
}
