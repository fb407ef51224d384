/**
 * Fixed geography behind the federation-size database (`bench/scale.ts`): the 13 metropolitan
 * regions, their 96 departments (one CODEP each) and a few towns per department.
 * Plain lists, no logic; the generator draws from them with its seeded PRNG.
 */

export interface Region {
  code: string;
  name: string;
}

export interface Department {
  /** `13`, `2A`: the CODEP is `CODEP-13`, its clubs `0130001`… */
  code: string;
  /** With its preposition, to write "Comité départemental des Bouches-du-Rhône". */
  of: string;
  region: string;
  /** On the sea: sea sites among the places, more clubs. */
  coastal: boolean;
  towns: string[];
}

export const REGIONS: Region[] = [
  { code: "REGION-AURA", name: "Comité régional Auvergne-Rhône-Alpes" },
  { code: "REGION-BFC", name: "Comité régional Bourgogne-Franche-Comté" },
  { code: "REGION-BRETAGNE", name: "Comité régional de Bretagne" },
  { code: "REGION-CVL", name: "Comité régional Centre-Val de Loire" },
  { code: "REGION-CORSE", name: "Comité régional de Corse" },
  { code: "REGION-GRAND-EST", name: "Comité régional Grand Est" },
  { code: "REGION-HDF", name: "Comité régional Hauts-de-France" },
  { code: "REGION-IDF", name: "Comité régional Île-de-France" },
  { code: "REGION-NORMANDIE", name: "Comité régional de Normandie" },
  { code: "REGION-NAQ", name: "Comité régional Nouvelle-Aquitaine" },
  { code: "REGION-OCCITANIE", name: "Comité régional Occitanie – Pyrénées-Méditerranée" },
  { code: "REGION-PDL", name: "Comité régional des Pays de la Loire" },
  { code: "REGION-PACA", name: "Comité régional Provence-Alpes-Côte d'Azur" },
];

// code | preposition and name | region suffix | coastal (1) | towns
const TABLE = `
01|de l'Ain|AURA|0|Bourg-en-Bresse,Oyonnax,Ambérieu-en-Bugey
02|de l'Aisne|HDF|0|Laon,Saint-Quentin,Soissons
03|de l'Allier|AURA|0|Moulins,Montluçon,Vichy
04|des Alpes-de-Haute-Provence|PACA|0|Digne-les-Bains,Manosque,Sisteron
05|des Hautes-Alpes|PACA|0|Gap,Briançon,Embrun
06|des Alpes-Maritimes|PACA|1|Nice,Antibes,Cannes,Menton,Villefranche-sur-Mer
07|de l'Ardèche|AURA|0|Privas,Annonay,Aubenas
08|des Ardennes|GRAND-EST|0|Charleville-Mézières,Sedan,Rethel
09|de l'Ariège|OCCITANIE|0|Foix,Pamiers,Saint-Girons
10|de l'Aube|GRAND-EST|0|Troyes,Romilly-sur-Seine,Bar-sur-Aube
11|de l'Aude|OCCITANIE|1|Carcassonne,Narbonne,Leucate
12|de l'Aveyron|OCCITANIE|0|Rodez,Millau,Villefranche-de-Rouergue
13|des Bouches-du-Rhône|PACA|1|Marseille,Aix-en-Provence,La Ciotat,Cassis,Martigues,Carry-le-Rouet
14|du Calvados|NORMANDIE|1|Caen,Lisieux,Honfleur
15|du Cantal|AURA|0|Aurillac,Saint-Flour,Mauriac
16|de la Charente|NAQ|0|Angoulême,Cognac,Confolens
17|de la Charente-Maritime|NAQ|1|La Rochelle,Royan,Rochefort
18|du Cher|CVL|0|Bourges,Vierzon,Saint-Amand-Montrond
19|de la Corrèze|NAQ|0|Tulle,Brive-la-Gaillarde,Ussel
2A|de la Corse-du-Sud|CORSE|1|Ajaccio,Porto-Vecchio,Propriano,Bonifacio
2B|de la Haute-Corse|CORSE|1|Bastia,Calvi,Saint-Florent
21|de la Côte-d'Or|BFC|0|Dijon,Beaune,Montbard
22|des Côtes-d'Armor|BRETAGNE|1|Saint-Brieuc,Lannion,Perros-Guirec,Saint-Quay-Portrieux
23|de la Creuse|NAQ|0|Guéret,Aubusson,La Souterraine
24|de la Dordogne|NAQ|0|Périgueux,Bergerac,Sarlat-la-Canéda
25|du Doubs|BFC|0|Besançon,Montbéliard,Pontarlier
26|de la Drôme|AURA|0|Valence,Montélimar,Romans-sur-Isère
27|de l'Eure|NORMANDIE|0|Évreux,Vernon,Louviers
28|d'Eure-et-Loir|CVL|0|Chartres,Dreux,Châteaudun
29|du Finistère|BRETAGNE|1|Brest,Quimper,Morlaix,Concarneau,Camaret-sur-Mer
30|du Gard|OCCITANIE|1|Nîmes,Alès,Le Grau-du-Roi
31|de la Haute-Garonne|OCCITANIE|0|Toulouse,Muret,Saint-Gaudens,Colomiers
32|du Gers|OCCITANIE|0|Auch,Condom,Mirande
33|de la Gironde|NAQ|1|Bordeaux,Arcachon,Mérignac,Pessac
34|de l'Hérault|OCCITANIE|1|Montpellier,Sète,Agde,Béziers
35|d'Ille-et-Vilaine|BRETAGNE|1|Rennes,Saint-Malo,Fougères,Dinard
36|de l'Indre|CVL|0|Châteauroux,Issoudun,Le Blanc
37|d'Indre-et-Loire|CVL|0|Tours,Amboise,Chinon
38|de l'Isère|AURA|0|Grenoble,Vienne,Voiron,Échirolles
39|du Jura|BFC|0|Lons-le-Saunier,Dole,Saint-Claude
40|des Landes|NAQ|1|Mont-de-Marsan,Dax,Capbreton
41|de Loir-et-Cher|CVL|0|Blois,Vendôme,Romorantin-Lanthenay
42|de la Loire|AURA|0|Saint-Étienne,Roanne,Montbrison
43|de la Haute-Loire|AURA|0|Le Puy-en-Velay,Yssingeaux,Brioude
44|de la Loire-Atlantique|PDL|1|Nantes,Saint-Nazaire,La Baule-Escoublac,Pornic
45|du Loiret|CVL|0|Orléans,Montargis,Gien
46|du Lot|OCCITANIE|0|Cahors,Figeac,Gourdon
47|de Lot-et-Garonne|NAQ|0|Agen,Villeneuve-sur-Lot,Marmande
48|de la Lozère|OCCITANIE|0|Mende,Marvejols,Florac
49|de Maine-et-Loire|PDL|0|Angers,Cholet,Saumur
50|de la Manche|NORMANDIE|1|Saint-Lô,Cherbourg-en-Cotentin,Granville
51|de la Marne|GRAND-EST|0|Châlons-en-Champagne,Reims,Épernay
52|de la Haute-Marne|GRAND-EST|0|Chaumont,Saint-Dizier,Langres
53|de la Mayenne|PDL|0|Laval,Mayenne,Château-Gontier
54|de Meurthe-et-Moselle|GRAND-EST|0|Nancy,Lunéville,Toul
55|de la Meuse|GRAND-EST|0|Bar-le-Duc,Verdun,Commercy
56|du Morbihan|BRETAGNE|1|Vannes,Lorient,Quiberon,Larmor-Plage
57|de la Moselle|GRAND-EST|0|Metz,Thionville,Forbach
58|de la Nièvre|BFC|0|Nevers,Cosne-Cours-sur-Loire,Clamecy
59|du Nord|HDF|1|Lille,Dunkerque,Valenciennes,Roubaix,Tourcoing
60|de l'Oise|HDF|0|Beauvais,Compiègne,Creil
61|de l'Orne|NORMANDIE|0|Alençon,Flers,Argentan
62|du Pas-de-Calais|HDF|1|Arras,Boulogne-sur-Mer,Calais
63|du Puy-de-Dôme|AURA|0|Clermont-Ferrand,Riom,Issoire
64|des Pyrénées-Atlantiques|NAQ|1|Pau,Bayonne,Biarritz,Hendaye,Saint-Jean-de-Luz
65|des Hautes-Pyrénées|OCCITANIE|0|Tarbes,Lourdes,Bagnères-de-Bigorre
66|des Pyrénées-Orientales|OCCITANIE|1|Perpignan,Collioure,Banyuls-sur-Mer,Argelès-sur-Mer
67|du Bas-Rhin|GRAND-EST|0|Strasbourg,Haguenau,Sélestat
68|du Haut-Rhin|GRAND-EST|0|Colmar,Mulhouse,Guebwiller
69|du Rhône|AURA|0|Lyon,Villeurbanne,Vénissieux,Caluire-et-Cuire
70|de la Haute-Saône|BFC|0|Vesoul,Lure,Gray
71|de Saône-et-Loire|BFC|0|Mâcon,Chalon-sur-Saône,Le Creusot
72|de la Sarthe|PDL|0|Le Mans,La Flèche,Sablé-sur-Sarthe
73|de la Savoie|AURA|0|Chambéry,Aix-les-Bains,Albertville
74|de la Haute-Savoie|AURA|0|Annecy,Thonon-les-Bains,Annemasse,Talloires
75|de Paris|IDF|0|Paris
76|de la Seine-Maritime|NORMANDIE|1|Rouen,Le Havre,Dieppe,Fécamp
77|de Seine-et-Marne|IDF|0|Melun,Meaux,Chelles
78|des Yvelines|IDF|0|Versailles,Saint-Germain-en-Laye,Mantes-la-Jolie
79|des Deux-Sèvres|NAQ|0|Niort,Bressuire,Parthenay
80|de la Somme|HDF|1|Amiens,Abbeville,Saint-Valery-sur-Somme
81|du Tarn|OCCITANIE|0|Albi,Castres,Gaillac
82|de Tarn-et-Garonne|OCCITANIE|0|Montauban,Castelsarrasin,Moissac
83|du Var|PACA|1|Toulon,Hyères,Saint-Raphaël,Sanary-sur-Mer,Bandol,Le Lavandou
84|du Vaucluse|PACA|0|Avignon,Carpentras,Orange
85|de la Vendée|PDL|1|La Roche-sur-Yon,Les Sables-d'Olonne,Saint-Jean-de-Monts
86|de la Vienne|NAQ|0|Poitiers,Châtellerault,Loudun
87|de la Haute-Vienne|NAQ|0|Limoges,Saint-Junien,Saint-Yrieix-la-Perche
88|des Vosges|GRAND-EST|0|Épinal,Saint-Dié-des-Vosges,Gérardmer
89|de l'Yonne|BFC|0|Auxerre,Sens,Avallon
90|du Territoire de Belfort|BFC|0|Belfort,Delle,Valdoie
91|de l'Essonne|IDF|0|Évry-Courcouronnes,Massy,Corbeil-Essonnes
92|des Hauts-de-Seine|IDF|0|Nanterre,Boulogne-Billancourt,Antony,Issy-les-Moulineaux
93|de la Seine-Saint-Denis|IDF|0|Bobigny,Saint-Denis,Montreuil
94|du Val-de-Marne|IDF|0|Créteil,Vitry-sur-Seine,Vincennes
95|du Val-d'Oise|IDF|0|Cergy,Argenteuil,Pontoise
`;

export const DEPARTMENTS: Department[] = TABLE.trim()
  .split("\n")
  .map((line) => {
    const [code, of, region, coastal, towns] = line.split("|");
    return { code, of, region: `REGION-${region}`, coastal: coastal === "1", towns: towns.split(",") };
  });

/** Departments with many clubs: large cities and the Mediterranean coast. */
export const BUSY_DEPARTMENTS = new Set(["06", "13", "29", "31", "33", "34", "44", "59", "69", "75", "83", "92"]);

/** "de Marseille", "d'Antibes", "du Havre", "des Sables-d'Olonne", "de La Ciotat". */
export function ofTown(town: string): string {
  if (town.startsWith("Le ")) return `du ${town.slice(3)}`;
  if (town.startsWith("Les ")) return `des ${town.slice(4)}`;
  if (/^[AEIOUYÉÈÂÎH]/.test(town)) return `d'${town}`;
  return `de ${town}`;
}

/** Club names; `{de}` is "de Marseille", `{ville}` is "Marseille". */
export const CLUB_NAMES = [
  "Club subaquatique {de}",
  "Les Hippocampes {de}",
  "{ville} Plongée",
  "Cercle des plongeurs {de}",
  "Groupe subaquatique {de}",
  "Palmes et Bulles {de}",
  "École de plongée {de}",
  "Les Mérous {de}",
  "Les Tritons {de}",
  "Les Dauphins {de}",
  "Association de plongée {de}",
  "Aqua Club {de}",
  "Club nautique {de} – section plongée",
  "Subaquatique Club {de}",
  "Les Loups de mer {de}",
  "Amicale des plongeurs {de}",
  "Plongée Passion {ville}",
  "Océane Plongée {ville}",
];

/** SCA (commercial structures) names. */
export const SCA_NAMES = [
  "{ville} Plongée Évasion",
  "Centre de plongée {de}",
  "Bleu Océan Plongée – {ville}",
  "Atelier de la mer {de}",
  "Immersion {ville}",
];

/** Pools named after people, as French pools often are. */
export const POOL_NAMES = [
  "Jean-Bouin",
  "Léo-Lagrange",
  "Georges-Vallerey",
  "Alfred-Nakache",
  "Jean-Taris",
  "Émile-Anthoine",
  "Pierre-de-Coubertin",
  "Marius-Jacquet",
  "Suzanne-Lenglen",
  "Jacqueline-Auriol",
  "Édouard-Herriot",
  "Aimé-Césaire",
  "Hélène-Boucher",
  "Joséphine-Baker",
  "Christine-Caron",
  "Laure-Manaudou",
];

/** Place names; `{de}`/`{ville}` as for clubs, `{piscine}` one of POOL_NAMES. */
export const INDOOR_PLACES = [
  "Piscine {piscine}, {ville}",
  "Centre aquatique {de}",
  "Fosse de plongée {de}",
  "Centre nautique {piscine}, {ville}",
  "Stade nautique {de}",
  "Piscine municipale {de}",
  "Salle de cours du club, {ville}",
];

export const OUTDOOR_PLACES = ["Carrière de plongée {de}", "Base de loisirs {de}", "Gravière {de}"];

export const SEA_PLACES = [
  "{ville} – sortie en mer",
  "Port de plaisance {de}",
  "{ville} – épave du « Saint-Pierre »",
  "{ville} – tombant de la Pointe",
  "Île au large {de}",
];
