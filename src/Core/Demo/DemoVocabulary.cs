namespace AnnuaireFiliere.Core.Demo;

/// <summary>French vocabulary of each sector, for names and descriptions of demo companies.</summary>
internal sealed record SectorVocabulary(
    string LegalNoun,
    int Weight,
    string[] NameTerms,
    string[] Services,
    string[] Skills,
    string[] Pitches,
    double ShareSellingOnline);

internal static class DemoVocabulary
{
    /// <summary>Words of New Caledonia (fauna, flora, places) that local brands are made of.</summary>
    public static readonly string[] LocalRoots =
    [
        "Cagou", "Niaouli", "Lagon", "Corail", "Caillou", "Kaori", "Houp", "Banian", "Nautile", "Alizé",
        "Récif", "Tamanou", "Notou", "Araucaria", "Pacifique", "Océania", "Calédo", "Amédée", "Kunié",
        "Grande Terre", "Tricot Rayé", "Roussette", "Tiaré", "Santal", "Goyavier", "Ouen Toro", "Anse Vata",
        "Baie des Citrons", "Mont Panié", "Nouvelle Vague", "Horizon", "Tropique", "Barrière", "Passe",
    ];

    public static readonly string[] BrandSuffixes = ["NC", "Pacifique", "Calédonie", "Services", "Solutions", "Group"];

    public static readonly string[] CompanyKinds = ["entreprise", "société", "structure", "équipe"];

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

    public static readonly string[] Closings =
    [
        "Devis gratuit sous 48 heures.",
        "Nous répondons en français et en anglais.",
        "Une équipe locale, disponible et réactive.",
        "Intervention possible dans les îles sur demande.",
        "Membre du cluster OPEN NC.",
        "Prise de rendez-vous en ligne ou par téléphone.",
        "Nos références sont disponibles sur demande.",
    ];

    public static readonly string[] Labels =
    [
        "ISO 9001", "ISO 27001", "Qualiopi", "Microsoft Partner", "Cisco Partner", "Google Partner",
        "Membre OPEN NC", "Label Numérique Responsable", "Entreprise engagée RSE", "Certifié AWS",
    ];

    public static readonly string[] Platforms =
    [
        "Boutique en ligne propre", "Shopify", "WooCommerce", "PrestaShop", "Facebook Marketplace",
        "Instagram Shopping", "Amazon", "Etsy",
    ];

    public static readonly string[] ContactRoles =
    [
        "Gérant", "Gérante", "Directeur général", "Directrice générale", "Responsable commercial",
        "Responsable commerciale", "Chargée de communication", "Fondateur", "Fondatrice", "Directeur technique",
    ];

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

    public static readonly IReadOnlyDictionary<string, SectorVocabulary> Sectors = new Dictionary<string, SectorVocabulary>
    {
        ["S01"] = new("d'Électronique", 2,
            ["Électronique", "Circuits", "Systèmes Embarqués", "Électronique Systèmes", "IoT", "Capteurs"],
            ["conception de cartes électroniques", "prototypage", "capteurs connectés", "réparation de cartes", "assemblage de petites séries", "automatismes"],
            ["Électronique embarquée", "IoT", "LoRaWAN", "Arduino", "Raspberry Pi", "Conception de PCB", "Soudure CMS", "Capteurs"],
            ["conçoit et fabrique sur place des équipements électroniques adaptés au climat tropical",
             "met au point des capteurs connectés pour l'environnement, l'agriculture et la mine"],
            0.1),
        ["S02"] = new("de Matériel Informatique", 8,
            ["Informatique", "Bureautique", "Distribution", "Hardware", "Store", "Équipements"],
            ["vente de matériel informatique", "location de copieurs", "téléphonie d'entreprise", "installation de postes de travail", "service après-vente", "maintenance des imprimantes"],
            ["Dell", "HP", "Lenovo", "Apple", "Imprimantes", "Copieurs", "Téléphonie IP", "Location évolutive", "Smartphones"],
            ["distribue le matériel des grandes marques avec un stock sur place à Nouméa",
             "équipe les entreprises et les particuliers en ordinateurs, tablettes et accessoires"],
            0.45),
        ["S03"] = new("de Télécommunications", 5,
            ["Télécom", "Réseaux", "Connect", "Fibre", "Net", "Câblage"],
            ["déploiement de fibre optique", "accès Internet professionnel", "réseaux Wi-Fi", "téléphonie sur IP", "câblage courants faibles", "liaisons satellite"],
            ["Fibre optique", "Wi-Fi", "4G", "5G", "VSAT", "Câblage cuivre", "VoIP", "Radio", "Fusion de fibre"],
            ["raccorde les entreprises et les sites isolés au réseau avec des solutions fiables",
             "installe et entretient les réseaux de télécommunication, du bureau aux tribus"],
            0.1),
        ["S04"] = new("de Logiciels", 14,
            ["Software", "Logiciels", "Apps", "Dev", "Code", "Labs", "Digital"],
            ["développement d'applications web", "applications mobiles", "logiciels de gestion sur mesure", "sites internet", "intégration d'API", "maintenance applicative", "progiciels en mode SaaS"],
            ["C#", ".NET", "Java", "PHP", "Symfony", "Laravel", "React", "Angular", "Vue.js", "Flutter", "Kotlin", "Swift", "Python", "Node.js", "PostgreSQL", "WordPress", "Drupal"],
            ["développe des logiciels et des applications sur mesure pour les besoins calédoniens",
             "édite des logiciels de gestion adaptés à la réglementation locale",
             "crée des sites internet et des applications mobiles rapides et accessibles"],
            0.15),
        ["S05"] = new("d'Informatique", 20,
            ["Informatique", "IT Services", "Conseil", "Systèmes", "Infogérance", "Cyber", "Micro"],
            ["infogérance", "maintenance informatique", "audit de sécurité", "sauvegarde externalisée", "assistance aux utilisateurs", "virtualisation", "migration vers le cloud", "réparation d'ordinateurs"],
            ["Microsoft 365", "Windows Server", "Linux", "VMware", "Proxmox", "Fortinet", "Cisco", "Veeam", "Active Directory", "ITIL", "Cybersécurité", "Sauvegarde", "Supervision"],
            ["assure l'infogérance et la sécurité des systèmes d'information de ses clients",
             "intervient sur site et à distance pour dépanner et maintenir les parcs informatiques",
             "conseille les entreprises dans leurs choix informatiques et leur cybersécurité"],
            0.08),
        ["S06"] = new("de Services en Ligne", 7,
            ["Cloud", "Data", "Hébergement", "Market", "Shop", "Boutique", "Data Center"],
            ["hébergement de sites et d'applications", "cloud privé", "centre de données", "boutique en ligne", "vente à distance", "plateforme de réservation", "relation client à distance"],
            ["AWS", "Azure", "Kubernetes", "Docker", "Shopify", "WooCommerce", "PrestaShop", "Paiement en ligne", "Logistique"],
            ["héberge les données de ses clients sur le territoire, au plus près des utilisateurs",
             "vend en ligne et livre partout en Nouvelle-Calédonie"],
            0.6),
        ["S07"] = new("de Production Audiovisuelle", 9,
            ["Production", "Films", "Studio", "Images", "Prod", "Sound"],
            ["films institutionnels", "clips musicaux", "tournage aérien par drone", "montage vidéo", "animation 2D et 3D", "sonorisation", "documentaires"],
            ["Tournage 4K", "Drone", "Montage", "Étalonnage", "DaVinci Resolve", "Premiere Pro", "After Effects", "Prise de son", "Mixage"],
            ["produit des films, des documentaires et des contenus pour la télévision et le web",
             "filme et monte des vidéos d'entreprise et des publicités tournées en Nouvelle-Calédonie"],
            0.1),
        ["S08"] = new("d'Édition et de Presse", 6,
            ["Médias", "Radio", "Éditions", "Presse", "Magazine", "Info"],
            ["édition de magazines", "presse en ligne", "diffusion radio", "podcasts", "édition de livres", "régie publicitaire"],
            ["Rédaction", "Podcast", "Diffusion FM", "Web TV", "Mise en page", "InDesign", "Journalisme"],
            ["informe les Calédoniens chaque jour sur l'actualité locale et régionale",
             "publie des ouvrages et des magazines sur la culture et le patrimoine du pays"],
            0.2),
        ["S09"] = new("de Communication", 13,
            ["Communication", "Agence", "Marketing", "Pub", "Digital", "Media", "Conseil"],
            ["stratégie de communication", "référencement naturel", "gestion des réseaux sociaux", "campagnes publicitaires", "création de sites vitrines", "relations presse", "études de marché"],
            ["SEO", "SEA", "Google Ads", "Meta Ads", "Réseaux sociaux", "Community management", "Emailing", "Branding", "Stratégie de contenu"],
            ["accompagne les marques locales dans leur communication digitale et leur visibilité",
             "conçoit des campagnes publicitaires pour la presse, la radio, l'affichage et le web"],
            0.1),
        ["S10"] = new("de Design et d'Image", 11,
            ["Design", "Studio", "Créations", "Graphique", "Photo", "Images", "Atelier"],
            ["identité visuelle", "design d'interfaces", "photographie professionnelle", "illustration", "motion design", "impression numérique", "traduction de documents"],
            ["Figma", "Adobe Illustrator", "Photoshop", "UX design", "UI design", "Motion design", "Blender", "Impression grand format", "Photographie aérienne"],
            ["crée des identités visuelles et des interfaces qui parlent aux Calédoniens",
             "réalise des photographies, des illustrations et des supports imprimés"],
            0.2),
        ["S11"] = new("de Formation Numérique", 7,
            ["Formation", "Conseil", "Académie", "Ingénierie", "Lab", "Innovation"],
            ["formation aux outils numériques", "cours de programmation", "accompagnement à la transformation numérique", "études techniques", "recherche appliquée", "conseil en organisation"],
            ["Formation bureautique", "Python", "Gestion de projet", "Agile", "Scrum", "Protection des données", "Transformation numérique", "Cybersécurité"],
            ["forme les salariés et les demandeurs d'emploi aux métiers et aux outils du numérique",
             "accompagne les organisations dans leur transformation numérique"],
            0.1),
    };
}
