namespace AnnuaireFiliere.Core.Demo;

/// <summary>Words shared by all demo companies, whatever their activities (see <see cref="ActivityVocabularies"/>).</summary>
internal static class DemoVocabulary
{
    /// <summary>
    /// Words of New Caledonia (fauna, flora, landscape) that local brands are made of, with the form that follows a
    /// head noun ("Imprimerie du Lagon").
    /// </summary>
    public static readonly (string Root, string Of)[] LocalRoots =
    [
        ("Cagou", "du Cagou"), ("Niaouli", "du Niaouli"), ("Lagon", "du Lagon"), ("Corail", "du Corail"),
        ("Caillou", "du Caillou"), ("Kaori", "du Kaori"), ("Houp", "du Houp"), ("Banian", "du Banian"),
        ("Nautile", "du Nautile"), ("Alizé", "de l'Alizé"), ("Récif", "du Récif"), ("Tamanou", "du Tamanou"),
        ("Notou", "du Notou"), ("Araucaria", "de l'Araucaria"), ("Pacifique", "du Pacifique"), ("Océania", "d'Océania"),
        ("Calédo", "Calédo"), ("Grande Terre", "de la Grande Terre"), ("Tricot Rayé", "du Tricot Rayé"),
        ("Roussette", "de la Roussette"), ("Tiaré", "du Tiaré"), ("Santal", "du Santal"), ("Goyavier", "du Goyavier"),
        ("Nouvelle Vague", "de la Nouvelle Vague"), ("Horizon", "de l'Horizon"), ("Tropique", "du Tropique"),
        ("Barrière", "de la Barrière"), ("Passe", "de la Passe"), ("Flamboyant", "du Flamboyant"), ("Manou", "du Manou"),
    ];

    /// <summary>Places that only a company located in that commune would put in its name.</summary>
    public static readonly IReadOnlyDictionary<string, (string Root, string Of)[]> PlaceRoots = new Dictionary<string, (string, string)[]>
    {
        ["98818"] = [("Ouen Toro", "du Ouen Toro"), ("Anse Vata", "de l'Anse Vata"), ("Baie des Citrons", "de la Baie des Citrons"), ("Amédée", "d'Amédée"), ("Quartier Latin", "du Quartier Latin")],
        ["98817"] = [("Plum", "de Plum"), ("Boulari", "de Boulari")],
        ["98805"] = [("Koutio", "de Koutio"), ("Koghis", "des Koghis")],
        ["98821"] = [("Tontouta", "de la Tontouta")],
        ["98809"] = [("Kunié", "de Kunié")],
        ["98807"] = [("Mont Panié", "du Mont Panié")],
        ["98814"] = [("Drehu", "de Drehu")],
        ["98815"] = [("Nengone", "de Nengone")],
        ["98820"] = [("Iaai", "d'Iaai")],
        ["98811"] = [("Koniambo", "du Koniambo")],
        ["98803"] = [("Deva", "de Deva"), ("Roche Percée", "de la Roche Percée")],
    };

    /// <summary>Ends of a brand that claim no trade.</summary>
    public static readonly string[] BrandSuffixes = ["NC", "Pacifique", "Calédonie", "Services", "Solutions", "Group"];

    /// <summary>Whom a company serves, when its activities have no list of their own.</summary>
    public static readonly string[] Clients =
    [
        "les TPE et PME", "les collectivités et les provinces", "les commerçants", "les établissements scolaires",
        "le secteur minier et métallurgique", "les associations", "les acteurs du tourisme", "les professions libérales",
        "les grands comptes", "les administrations", "les cabinets médicaux", "les startups calédoniennes",
    ];

    public static readonly string[] ClientsEn =
    [
        "small businesses", "local authorities", "retailers", "schools", "the mining industry", "non-profits",
        "tourism operators", "professional firms", "large accounts", "public bodies",
    ];

    /// <summary>Closing sentences that fit any trade (activities add their own).</summary>
    public static readonly string[] Closings =
    [
        "Nous répondons en français et en anglais.",
        "Une équipe locale, disponible et réactive.",
        "Membre du cluster OPEN NC.",
        "Contactez-nous par téléphone ou par courriel.",
        "Nos références sont disponibles sur demande.",
    ];

    /// <summary>Closing sentences of companies that sell a service on quotation.</summary>
    public static readonly string[] QuoteClosings =
    [
        "Devis gratuit sous 48 heures.",
        "Intervention possible dans les îles sur demande.",
        "Prise de rendez-vous en ligne ou par téléphone.",
    ];

    /// <summary>Labels any company may hold (activities add those of their trade).</summary>
    public static readonly string[] Labels =
    [
        "ISO 9001", "Membre OPEN NC", "Label Numérique Responsable", "Entreprise engagée RSE",
    ];

    /// <summary>Skills any company may list beside those of its activities.</summary>
    public static readonly string[] GenericSkills = ["Gestion de projet", "Relation client", "Anglais professionnel"];

    public static readonly string[] Platforms =
    [
        "Site marchand propre", "Shopify", "WooCommerce", "PrestaShop", "Facebook Marketplace",
        "Instagram Shopping", "Amazon", "Etsy",
    ];

    /// <summary>Roles of the contact person, as a man and as a woman would write them.</summary>
    public static readonly (string Man, string Woman)[] ContactRoles =
    [
        ("Gérant", "Gérante"), ("Directeur général", "Directrice générale"), ("Responsable commercial", "Responsable commerciale"),
        ("Chargé de communication", "Chargée de communication"), ("Fondateur", "Fondatrice"), ("Directeur technique", "Directrice technique"),
    ];

    /// <summary>Roles a sole trader gives themself.</summary>
    public static readonly (string Man, string Woman)[] SoleTraderRoles = [("Gérant", "Gérante"), ("Fondateur", "Fondatrice")];

    /// <summary>Family names common in New Caledonia beside the French ones Bogus provides.</summary>
    public static readonly string[] LocalFamilyNames =
    [
        "Wahuzue", "Poiwi", "Hnawia", "Wenisso", "Boewa", "Kaloi", "Tuifua", "Lauhea", "Falelavaki", "Takala",
        "Nguyen", "Tran", "Pham", "Sasaki", "Hoarau", "Wamo", "Hmeun", "Waheo", "Kasarhérou", "Ukeiwé",
    ];

    public static readonly string[] NoumeaStreets =
    [
        "rue de Sébastopol", "avenue du Maréchal Foch", "rue Jean Jaurès", "boulevard Vauban", "route de l'Anse Vata",
        "promenade Roger Laroque", "rue Higginson", "avenue James Cook", "rue du Général Mangin", "route du Vélodrome",
        "rue Georges Clemenceau", "rue de l'Alma", "avenue de la Victoire", "rue Anatole France", "rue Paul Doumer",
        "rue Félix Trombe", "rue Jacques Iékawé", "rue Ampère", "rue Édouard Unger", "route de la Baie des Dames",
        "boulevard Extérieur", "rue du Docteur Guégan", "avenue Benebig", "rue Gallieni",
    ];

    public static readonly string[] OtherStreets =
    [
        "route territoriale 1", "rue principale", "route de la mairie", "lotissement des Flamboyants",
        "zone d'activités", "centre commercial", "rue des Cocotiers", "route du wharf", "allée des Niaoulis",
    ];
}
