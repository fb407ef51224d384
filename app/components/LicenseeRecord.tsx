import type { ReactNode } from "react";
import { DataTable } from "./DataTable";
import { Panel } from "./Panel";
import { LicenceStateBadge } from "./LicenseeSearch";
import { formatDate } from "~/utils/format";
import type { LicenceState } from "~/domain/licence";

/** The tables of a licensee's record, on the licensee page and in « Mon espace » (each with its own words). */

interface LicenceRow {
  season: number;
  status: "validee" | "en_attente";
  from: string;
  to: string;
  state: LicenceState;
}

/** One row a season: the period it covers, validated or not, and whether it is valid today. */
export function LicencesTable({
  licences,
  periodLabel,
  pendingLabel,
}: {
  licences: LicenceRow[];
  periodLabel: string;
  pendingLabel: string;
}) {
  return (
    <DataTable className="mt-2" columns={["Saison", periodLabel, "Statut", "Aujourd'hui"]}>
      <tbody>
        {licences.map((l) => (
          <tr key={l.season} className="border-t border-slate-200">
            <td className="px-3 py-2">{l.season}</td>
            <td className="px-3 py-2">
              du {formatDate(l.from)} au {formatDate(l.to)}
            </td>
            <td className="px-3 py-2">{l.status === "validee" ? "Validée" : pendingLabel}</td>
            <td className="px-3 py-2">
              <LicenceStateBadge state={l.state} />
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

interface HeldCertification {
  id: number;
  certification_code: string;
  name: string;
  obtained_on: string;
  certificate_number: string | null;
}

/** One row a brevet held; `session`, when given, writes a last column (where the brevet comes from). */
export function CertificationsTable<C extends HeldCertification>({
  certifications,
  dateLabel,
  session,
}: {
  certifications: C[];
  dateLabel: string;
  session?: { label: string; cell: (certification: C) => ReactNode };
}) {
  const columns = ["Brevet", dateLabel, "N° de certificat", ...(session ? [session.label] : [])];
  return (
    <DataTable className="mt-2" columns={columns}>
      <tbody>
        {certifications.map((c) => (
          <tr key={c.id} className="border-t border-slate-200">
            <td className="px-3 py-2">
              {c.name} ({c.certification_code})
            </td>
            <td className="px-3 py-2">{formatDate(c.obtained_on)}</td>
            <td className="px-3 py-2 font-mono">{c.certificate_number ?? "—"}</td>
            {session ? <td className="px-3 py-2">{session.cell(c)}</td> : null}
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/** Each page's words for the same record: the licensee page, and the licensee's own « Mon espace ». */
const WORDS = {
  licensee: {
    licences: "Licences",
    certifications: "Brevets",
    period: "Période",
    pending: "En attente",
    obtained: "Date",
  },
  own: {
    licences: "Mes licences",
    certifications: "Mes brevets",
    period: "Période de validité",
    pending: "En attente de validation",
    obtained: "Obtenu le",
  },
} as const;

/** The record's two panels, licences then brevets, each with its line for an empty list. */
export function RecordPanels<C extends HeldCertification>({
  page,
  licences,
  certifications,
  session,
}: {
  page: keyof typeof WORDS;
  licences: LicenceRow[];
  certifications: C[];
  session?: { label: string; cell: (certification: C) => ReactNode };
}) {
  const words = WORDS[page];
  return (
    <>
      <Panel id="licences-titre" title={words.licences} empty={licences.length === 0 && "Aucune licence enregistrée."}>
        <LicencesTable licences={licences} periodLabel={words.period} pendingLabel={words.pending} />
      </Panel>
      <Panel
        id="brevets-titre"
        title={words.certifications}
        empty={certifications.length === 0 && "Aucun brevet enregistré."}
      >
        <CertificationsTable certifications={certifications} dateLabel={words.obtained} session={session} />
      </Panel>
    </>
  );
}
