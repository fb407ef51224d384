import type { WorldInput } from "../../db/world";

/**
 * A small federation for the personal-space tests: a region and a CODEP with two commissions
 * each, two clubs and an SCA, two instructors and a diver, an account linked to an instructor.
 */
export function personalSpaceWorld(): WorldInput {
  return {
    structures: [
      {
        code: "FFESSM",
        type: "NATIONAL",
        name: "Fédération française d'études et de sports sous-marins",
        parent: null,
      },
      { code: "REGION-IDF", type: "REGION", name: "Comité régional Île-de-France", parent: "FFESSM" },
      { code: "CODEP-75", type: "CODEP", name: "Comité départemental de Paris", parent: "REGION-IDF" },
      { code: "0750001", type: "CLUB", name: "Les Tritons de Paris", parent: "CODEP-75" },
      { code: "0750002", type: "CLUB", name: "Plongée Bastille", parent: "CODEP-75" },
      { code: "0750456", type: "SCA", name: "Lutèce Plongée", parent: "CODEP-75" },
    ],
    commissions: [
      { code: "TECHNIQUE", name: "Commission Technique" },
      { code: "APNEE", name: "Commission Apnée" },
    ],
    licensees: [
      {
        licence: "A-75-100003",
        nom: "Moreau",
        prenom: "Claire",
        naissance: "1970-07-08",
        structure: "0750001",
        licences: [{ saison: 2026, statut: "validee" }],
        brevets: [{ code: "MF1", date: "2003-06-01" }],
        autorisations: ["0750001", "CODEP-75/TECHNIQUE"],
      },
      {
        licence: "A-75-100005",
        nom: "Petit",
        prenom: "Marc",
        naissance: "1975-04-20",
        structure: "0750002",
        licences: [{ saison: 2026, statut: "validee" }],
        brevets: [{ code: "MF1", date: "2005-06-01" }],
        autorisations: ["0750002"],
      },
      {
        licence: "A-75-100004",
        nom: "Bernard",
        prenom: "Zoé",
        naissance: "2000-01-15",
        structure: "0750002",
        licences: [{ saison: 2026, statut: "validee" }],
        brevets: [{ code: "N1", date: "2026-01-24" }],
      },
    ],
    users: [{ email: "moniteur@test.fr", password: "motdepasse-test", nom: "Marc Petit", licence: "A-75-100005" }],
  };
}
