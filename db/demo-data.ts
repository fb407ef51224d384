/**
 * Fixed data behind the demo world (`db/demo.ts`): committees, clubs, places and names.
 * Plain lists, no logic; the generator draws from them with its seeded PRNG.
 */

export interface DemoRegion {
  code: string;
  name: string;
}

export interface DemoCodep {
  code: string;
  name: string;
  region: string;
}

export interface DemoClub {
  /** 7 digits: `0` + department + 4 digits (`0750123`). */
  code: string;
  type: "CLUB" | "SCA";
  name: string;
  codep: string;
}

/** A place a session is held at, and the town named in titles ("Session Niveau 4 – Marseille"). */
export interface DemoPlace {
  lieu: string;
  ville: string;
  /** Sea or lake: not in winter, not for classroom exams (TIV, ANTEOR). */
  outdoor?: true;
}

export const NATIONAL = {
  code: "FFESSM",
  name: "Fédération française d'études et de sports sous-marins",
};

export const REGIONS: DemoRegion[] = [
  { code: "REGION-IDF", name: "Comité régional Île-de-France – Picardie" },
  { code: "REGION-AURA", name: "Comité régional Auvergne-Rhône-Alpes" },
  { code: "REGION-PACA", name: "Comité régional Provence-Alpes-Côte d'Azur" },
];

export const CODEPS: DemoCodep[] = [
  { code: "CODEP-75", name: "Comité départemental de Paris", region: "REGION-IDF" },
  { code: "CODEP-92", name: "Comité départemental des Hauts-de-Seine", region: "REGION-IDF" },
  { code: "CODEP-69", name: "Comité départemental du Rhône", region: "REGION-AURA" },
  { code: "CODEP-38", name: "Comité départemental de l'Isère", region: "REGION-AURA" },
  { code: "CODEP-13", name: "Comité départemental des Bouches-du-Rhône", region: "REGION-PACA" },
  { code: "CODEP-83", name: "Comité départemental du Var", region: "REGION-PACA" },
];

export const COMMISSIONS = [
  { code: "TECHNIQUE", name: "Commission Technique" },
  { code: "APNEE", name: "Commission Apnée" },
  { code: "BIO", name: "Commission Environnement et Biologie subaquatiques" },
  { code: "NAP", name: "Commission Nage avec palmes" },
];

export const CLUBS: DemoClub[] = [
  // CODEP-75
  { code: "0750123", type: "CLUB", name: "Club subaquatique de Paris – Montparnasse", codep: "CODEP-75" },
  { code: "0750287", type: "CLUB", name: "Les Hippocampes de Paris", codep: "CODEP-75" },
  { code: "0750341", type: "CLUB", name: "Plongée Paris Bastille", codep: "CODEP-75" },
  { code: "0750468", type: "CLUB", name: "Cercle des plongeurs de la Butte-aux-Cailles", codep: "CODEP-75" },
  { code: "0750512", type: "SCA", name: "Bleu Océan Plongée – Paris", codep: "CODEP-75" },
  // CODEP-92
  { code: "0920034", type: "CLUB", name: "Club de plongée de Boulogne-Billancourt", codep: "CODEP-92" },
  { code: "0920156", type: "CLUB", name: "Antony Subaquatique", codep: "CODEP-92" },
  { code: "0920219", type: "CLUB", name: "Les Tritons de Nanterre", codep: "CODEP-92" },
  { code: "0920377", type: "CLUB", name: "Club subaquatique de Rueil-Malmaison", codep: "CODEP-92" },
  { code: "0920402", type: "CLUB", name: "Palmes et Bulles d'Issy-les-Moulineaux", codep: "CODEP-92" },
  // CODEP-69
  { code: "0690045", type: "CLUB", name: "Club subaquatique de Lyon – Gerland", codep: "CODEP-69" },
  { code: "0690118", type: "CLUB", name: "Les Hippocampes de Villeurbanne", codep: "CODEP-69" },
  { code: "0690263", type: "CLUB", name: "Plongée Vénissieux", codep: "CODEP-69" },
  { code: "0690304", type: "CLUB", name: "Groupe subaquatique de Caluire-et-Cuire", codep: "CODEP-69" },
  { code: "0690421", type: "SCA", name: "Rhône Plongée Évasion", codep: "CODEP-69" },
  // CODEP-38
  { code: "0380027", type: "CLUB", name: "Club subaquatique de Grenoble", codep: "CODEP-38" },
  { code: "0380139", type: "CLUB", name: "Plongée Voiron Chartreuse", codep: "CODEP-38" },
  { code: "0380245", type: "CLUB", name: "Les Mérous de Vienne", codep: "CODEP-38" },
  { code: "0380318", type: "CLUB", name: "Échirolles Plongée", codep: "CODEP-38" },
  { code: "0380456", type: "CLUB", name: "Club de plongée du lac de Laffrey", codep: "CODEP-38" },
  // CODEP-13
  { code: "0130045", type: "CLUB", name: "Club subaquatique de Marseille", codep: "CODEP-13" },
  { code: "0130172", type: "CLUB", name: "École de plongée de La Ciotat", codep: "CODEP-13" },
  { code: "0130236", type: "CLUB", name: "Plongée Aix-en-Provence", codep: "CODEP-13" },
  { code: "0130381", type: "CLUB", name: "Les Hippocampes de Martigues", codep: "CODEP-13" },
  { code: "0130499", type: "SCA", name: "Cassis Plongée Calanques", codep: "CODEP-13" },
  // CODEP-83
  { code: "0830061", type: "CLUB", name: "Club subaquatique de Toulon", codep: "CODEP-83" },
  { code: "0830114", type: "CLUB", name: "Les Mérous de Saint-Raphaël", codep: "CODEP-83" },
  { code: "0830258", type: "CLUB", name: "Club de plongée de Sanary-sur-Mer", codep: "CODEP-83" },
  { code: "0830327", type: "CLUB", name: "Bandol Plongée", codep: "CODEP-83" },
  { code: "0830473", type: "SCA", name: "Porquerolles Plongée", codep: "CODEP-83" },
];

/** Pools, pits, lakes and sea sites used by each CODEP's clubs and committees. */
export const PLACES: Record<string, DemoPlace[]> = {
  "CODEP-75": [
    { lieu: "Piscine Georges-Vallerey, Paris", ville: "Paris" },
    { lieu: "Piscine Keller, Paris", ville: "Paris" },
    { lieu: "Piscine Château-Landon, Paris", ville: "Paris" },
    { lieu: "Piscine de la Butte-aux-Cailles, Paris", ville: "Paris" },
    { lieu: "Fosse de Villeneuve-la-Garenne", ville: "Villeneuve-la-Garenne" },
    { lieu: "Saint-Malo – Île de Cézembre", ville: "Saint-Malo", outdoor: true },
  ],
  "CODEP-92": [
    { lieu: "Fosse de Villeneuve-la-Garenne", ville: "Villeneuve-la-Garenne" },
    { lieu: "Centre aquatique de Boulogne-Billancourt", ville: "Boulogne-Billancourt" },
    { lieu: "Piscine municipale de Nanterre", ville: "Nanterre" },
    { lieu: "Piscine d'Issy-les-Moulineaux", ville: "Issy-les-Moulineaux" },
    { lieu: "Port-Cros – La Gabinière", ville: "Hyères", outdoor: true },
  ],
  "CODEP-69": [
    { lieu: "Centre nautique Tony-Bertrand, Lyon", ville: "Lyon" },
    { lieu: "Piscine du Rhône, Lyon", ville: "Lyon" },
    { lieu: "Piscine Auguste-Delaune, Vénissieux", ville: "Vénissieux" },
    { lieu: "Lac du Bourget – Aix-les-Bains", ville: "Aix-les-Bains", outdoor: true },
    { lieu: "Lac d'Annecy – Talloires", ville: "Talloires", outdoor: true },
  ],
  "CODEP-38": [
    { lieu: "Lac de Laffrey", ville: "Laffrey", outdoor: true },
    { lieu: "Lac de Paladru", ville: "Paladru", outdoor: true },
    { lieu: "Piscine Jean-Bron, Grenoble", ville: "Grenoble" },
    { lieu: "Lac d'Aiguebelette", ville: "Aiguebelette", outdoor: true },
    { lieu: "Centre aquatique de Vienne", ville: "Vienne" },
  ],
  "CODEP-13": [
    { lieu: "Marseille – Calanque de Sormiou", ville: "Marseille", outdoor: true },
    { lieu: "Marseille – Archipel du Frioul", ville: "Marseille", outdoor: true },
    { lieu: "Piscine Vallier, Marseille", ville: "Marseille" },
    { lieu: "Cassis – Calanque de Port-Miou", ville: "Cassis", outdoor: true },
    { lieu: "La Ciotat – Île Verte", ville: "La Ciotat", outdoor: true },
    { lieu: "Carry-le-Rouet – Cap Rousset", ville: "Carry-le-Rouet", outdoor: true },
  ],
  "CODEP-83": [
    { lieu: "Piscine du Port-Marchand, Toulon", ville: "Toulon" },
    { lieu: "Porquerolles – Pointe du Lequin", ville: "Hyères", outdoor: true },
    { lieu: "Saint-Raphaël – Le Dramont", ville: "Saint-Raphaël", outdoor: true },
    { lieu: "Sanary-sur-Mer – Le Grand Rouveau", ville: "Sanary-sur-Mer", outdoor: true },
    { lieu: "Saint-Mandrier – Pointe de la Cride", ville: "Saint-Mandrier-sur-Mer", outdoor: true },
  ],
};

/** Pioneers a session is sometimes named after. */
export const HOMMAGES = [
  "Jacques Mayol",
  "Jacques-Yves Cousteau",
  "Philippe Tailliez",
  "Frédéric Dumas",
  "Yves Le Prieur",
  "Albert Falco",
  "Simone Melchior",
  "André Laban",
];

export const LAST_NAMES = [
  "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
  "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
  "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez",
  "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas",
  "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin",
  "Masson", "Sanchez", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier",
  "Roger", "Roche", "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Jean", "Pérez", "Marchand",
  "Dufour", "Blanchard", "Marie", "Barbier", "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin",
  "Fernandez", "Pierre", "Renard", "Arnaud", "Rolland", "Caron", "Aubert", "Giraud", "Leclerc", "Vidal",
  "Bourgeois", "Renaud", "Lemoine", "Picard", "Gaillard", "Philippe", "Lacroix", "Fabre", "Dupuis", "Olivier",
  "Rodriguez", "Da Silva", "Hubert", "Louis", "Charles", "Guillot", "Rivière", "Le Gall", "Guillaume", "Adam",
  "Rey", "Moulin", "Gonzalez", "Berger", "Lecomte", "Ménard", "Fleury", "Deschamps", "Carpentier", "Julien",
  "Benoît", "Maillard", "Marchal", "Aubry", "Vasseur", "Le Roux", "Renault", "Jacquet", "Collet", "Prévost",
  "Poirier", "Charpentier", "Royer", "Huet", "Baron", "Dupuy", "Pons", "Carré", "Rémy", "Schneider",
  "Hélie", "Béranger", "Dupré", "N'Diaye", "Diallo", "Le Goff", "Le Bihan", "Thébault", "Lemaître", "Crépin",
  "Lebœuf", "Saint-Martin", "Martin-Lavigne", "Éloi", "Quéré",
];

export const MALE_FIRST_NAMES = [
  "Jean", "Pierre", "Michel", "Philippe", "Alain", "Patrick", "Nicolas", "Christophe", "Daniel", "Frédéric",
  "Éric", "Laurent", "Stéphane", "David", "Olivier", "Julien", "Sébastien", "Thomas", "Jérôme", "Bernard",
  "François", "Jean-François", "Jean-Pierre", "Jean-Luc", "Jean-Marc", "Marc", "Thierry", "Pascal", "Didier", "Gilles",
  "Vincent", "Antoine", "Maxime", "Alexandre", "Romain", "Guillaume", "Benoît", "Hugo", "Lucas", "Louis",
  "Gabriel", "Léo", "Raphaël", "Arthur", "Jules", "Nathan", "Théo", "Noé", "Mathis", "Enzo",
  "Clément", "Baptiste", "Quentin", "Yannick", "Loïc", "Gaël", "Hervé", "Rémi", "Cédric", "Joël",
  "Mathéo", "Timothée", "Mamadou", "Karim", "Yves", "Jean-Baptiste", "Pierre-Yves", "Aurélien", "Étienne", "Grégoire",
];

export const FEMALE_FIRST_NAMES = [
  "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Christine", "Sandrine", "Valérie", "Véronique",
  "Sophie", "Céline", "Stéphanie", "Aurélie", "Julie", "Émilie", "Camille", "Laura", "Manon", "Léa",
  "Chloé", "Emma", "Inès", "Jade", "Louise", "Alice", "Lina", "Zoé", "Anaïs", "Hélène",
  "Cécile", "Agnès", "Brigitte", "Martine", "Monique", "Nicole", "Élodie", "Mélanie", "Margaux", "Clémence",
  "Maëlle", "Océane", "Marie-Claire", "Anne-Sophie", "Marie-Hélène", "Laëtitia", "Noémie", "Pauline", "Juliette", "Mathilde",
  "Charlotte", "Élise", "Béatrice", "Geneviève", "Josiane", "Fatou", "Aïcha", "Salomé", "Romane", "Héloïse",
];
