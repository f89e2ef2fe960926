using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Search.Conformance;

/// <summary>
/// The fixed fixture of the conformance suite: 50 hand-written French company profiles, every engine indexes
/// exactly these. Expected counts in the tests are computed from this list, never from an engine.
/// </summary>
public static class ConformanceCompanies
{
    private static readonly DateTime Start = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A description that tries to inject markup: snippets must show it as text.</summary>
    public const string HostileDescription = "Studio de création <script>alert('xss')</script> & <b>design</b> graphique pour les marques locales.";

    public static IReadOnlyList<Company> All { get; } = Build();

    public static IReadOnlyList<CompanyDocument> Documents(TaxonomyCatalog taxonomy) => [.. All.Select(c => c.ToDocument(taxonomy))];

    public static Company BySlug(string slug) => All.Single(c => c.Slug == slug);

    /// <summary>The companies that work only in some communes or provinces (the others work on the whole territory).</summary>
    private static ServiceArea Communes(params string[] codes) => new() { CommuneCodes = [.. codes] };

    private static ServiceArea Provinces(params string[] codes) => new() { ProvinceCodes = [.. codes] };

    private static List<Company> Build()
    {
        var n = 0;
        Company C(string slug, string name, string activity, string commune, string? size, string? form, int? year, string description,
            string[]? secondary = null, string[]? skills = null, string[]? services = null, string[]? languages = null, string[]? labels = null,
            Action<ECommerceProfile>? shop = null, string? legal = null, ServiceArea? area = null, string[]? catalogue = null)
        {
            n++;
            var company = new Company
            {
                Id = new Guid($"00000000-0000-7000-8000-{n:000000000000}"),
                Slug = slug,
                LegalName = legal ?? name,
                TradeName = legal is null ? null : name,
                PrimaryActivityCode = activity,
                CommuneCode = commune,
                SizeBandCode = size,
                LegalFormCode = form,
                FoundingYear = year,
                DescriptionFr = description,
                Skills = [.. skills ?? []],
                Services = [.. services ?? []],
                ServiceCodes = [.. catalogue ?? []],
                Languages = [.. languages ?? ["fr"]],
                Labels = [.. labels ?? []],
                Status = PublicationStatus.Published,
                ServiceArea = area ?? new ServiceArea { WholeTerritory = true },
                Version = 1 + n % 3,
                CreatedAt = Start.AddDays(n * 10),
                PublishedAt = Start.AddDays(n * 10 + 1),
                UpdatedAt = Start.AddDays(1000 - n * 7),
            };
            company.SecondaryActivities.AddRange((secondary ?? []).Select(a => new CompanyActivity { CompanyId = company.Id, ActivityCode = a }));
            var profile = new ECommerceProfile();
            shop?.Invoke(profile);
            company.ECommerce = profile;
            return company;
        }

        return
        [
            C("cagou-developpement", "Cagou Développement", "A0405", "98818", "02", "SARL", 2012,
                "Développement web et mobile sur mesure pour les entreprises calédoniennes : sites internet, applications et API.",
                secondary: ["A0404"], skills: ["C#", ".NET", "Flutter"], services: ["applications mobiles", "sites internet"], languages: ["fr", "en"],
                catalogue: ["application-mobile", "site-vitrine", "boutique-en-ligne"]),
            C("informatique-caledonienne", "L'Informatique Calédonienne", "A0504", "98818", "11", "SA", 1998,
                "Intégration de systèmes, assistance aux utilisateurs et maintenance du parc informatique.",
                skills: ["Windows Server", "VMware"], services: ["infogérance", "maintenance"], labels: ["ISO 9001"],
                catalogue: ["infogerance", "maintenance-parc"]),
            C("logiciels-du-pacifique", "Logiciels du Pacifique", "A0404", "98805", "03", "SARL", 2005,
                "Éditeur d'un logiciel de paie adapté à la réglementation calédonienne.", skills: ["Java", "PostgreSQL"]),
            C("cyber-lagon", "Cyber Lagon", "A0504", "98818", "01", "SASU", 2019,
                "Audit de cybersécurité, tests d'intrusion et sensibilisation des équipes.", skills: ["Pentest", "ISO 27001"], labels: ["ISO 27001"], languages: ["fr", "en"],
                catalogue: ["audit-securite", "tests-intrusion"]),
            C("reference-web", "Référence Web", "A0901", "98818", "01", "EURL", 2016,
                "Agence spécialisée en référencement naturel et en rédaction de contenus.", skills: ["Google Analytics"], services: ["audit de visibilité"]),
            C("progiciels-nc", "Progiciels NC", "A0404", "98818", "12", "SAS", 2001,
                "Intégrateur de progiciel de gestion intégré pour la distribution et l'industrie.", skills: ["SAP", "Odoo"]),
            C("boutique-niaouli", "Boutique Niaouli", "A0604", "98818", "01", "EI", 2020,
                "Vente en ligne de matériel informatique reconditionné, livré partout sur le territoire.",
                shop: s => { s.SellsOnOwnShop = true; s.OnlinePayment = true; s.DeliversTerritory = true; s.DeliversIslands = true; s.B2C = true; s.Platforms = ["WooCommerce"]; },
                legal: "DUPONT Marie"),
            C("kone-numerique", "Koné Numérique", "A0505", "98811", "01", "EURL", 2014,
                "Réparation d'ordinateurs et de smartphones en Province Nord.", services: ["dépannage à domicile"], area: Communes("98811")),
            C("lifou-connect", "Lifou Connect", "A0304", "98814", "00", "SARL", 2017,
                "Accès internet et Wi-Fi pour les tribus et les gîtes de Lifou.", languages: ["fr", "drn"], area: Communes("98814")),
            C("mare-images", "Maré Images", "A1002", "98815", "NN", "EI", 2018,
                "Photographie de paysages en lumière naturelle et reportages pour le tourisme.", languages: ["fr", "nen"], legal: "WAHEO Paul", area: Communes("98815")),
            C("poya-reseaux", "Poya Réseaux", "A0305", "98827", "02", "SARL", 2010,
                "Installation de réseaux et câblage courants faibles pour les exploitations agricoles.", area: Communes("98827")),
            C("kunie-web", "Kunié Web", "A1001", "98809", "NN", "EI", 2021,
                "Création de sites vitrines pour les hébergements touristiques de l'Île des Pins.", legal: "VAKIE Jean", area: Communes("98809"),
                catalogue: ["site-vitrine"]),
            C("alpha-reseaux", "Alpha Réseaux", "A0301", "98818", "21", "SA", 1995,
                "Déploiement de fibre optique jusqu'à l'abonné dans le Grand Nouméa.", skills: ["Fibre optique", "FTTH"]),
            C("zenith-production", "Zénith Production", "A0701", "98818", "11", "SARL", 2003,
                "Production de documentaires et de programmes pour la télévision locale.", skills: ["Tournage 4K", "Montage"]),
            C("echo-medias", "Écho Médias", "A0804", "98818", "12", "SAS", 2008,
                "Magazine économique en ligne et édition papier mensuelle.", services: ["presse en ligne"]),
            C("studio-tamanou", "Studio Tamanou", "A1001", "98818", "01", "EURL", 2015, HostileDescription, skills: ["Figma", "Illustrator"]),
            C("agence-corail", "Agence Corail", "A0901", "98818", "02", "SARL", 2011,
                "Agence de communication globale : identité visuelle, campagnes et relations presse.", services: ["stratégie de communication"]),
            C("corail-agence-evenementielle", "Corail Événements", "A1004", "98817", "02", "SARL", 2009,
                "Sonorisation, éclairage et spectacles son et lumière : notre agence loue du matériel et assure la communication sur place.",
                skills: ["Sonorisation"]),
            C("nautile-cloud", "Nautile Cloud", "A0601", "98818", "11", "SAS", 2018,
                "Hébergement de données sur le territoire, cloud privé et sauvegarde externalisée.", skills: ["Kubernetes", "Proxmox"], labels: ["ISO 27001"]),
            C("caillou-formation", "Caillou Formation", "A1101", "98818", "03", "ASSO", 2013,
                "Formation aux outils numériques pour les demandeurs d'emploi et les salariés.", labels: ["Qualiopi"], services: ["formation bureautique"]),
            C("code-academie", "Code Académie", "A1102", "98805", "02", "ASSO", 2019,
                "École de code : cours de programmation pour les jeunes et les adultes.", skills: ["Python", "JavaScript"], labels: ["Qualiopi"]),
            C("banian-conseil", "Banian Conseil", "A1104", "98818", "01", "EURL", 2017,
                "Conseil en transformation numérique des PME et des collectivités."),
            C("houp-telecom", "Houp Télécom", "A0302", "98818", "32", "SA", 1990,
                "Opérateur de téléphonie mobile et d'accès internet.", skills: ["4G", "5G"], languages: ["fr", "en"]),
            C("alize-distribution", "Alizé Distribution", "A0201", "98821", "12", "SARL", 1999,
                "Commerce de gros de matériel informatique et de logiciels pour les revendeurs.", skills: ["Dell", "HP"]),
            C("recif-store", "Récif Store", "A0203", "98818", "02", "SARL", 2007,
                "Magasin d'informatique : ordinateurs, tablettes et accessoires, avec un site marchand.",
                shop: s => { s.SellsOnOwnShop = true; s.OnlinePayment = true; s.DeliversTerritory = true; s.B2C = true; s.B2B = true; s.Platforms = ["PrestaShop"]; }),
            C("tiare-shop", "Tiaré Shop", "A0604", "98805", "00", "EI", 2022,
                "Objets connectés vendus sur les places de marché internationales.",
                shop: s => { s.SellsOnMarketplaces = true; s.B2C = true; s.Platforms = ["Amazon", "Etsy"]; }, legal: "TUIFUA Sina"),
            C("santal-electronique", "Santal Électronique", "A0101", "98818", "03", "SARL", 2006,
                "Conception de cartes électroniques et de capteurs connectés pour la mine.", skills: ["IoT", "LoRaWAN"]),
            C("goyave-games", "Goyave Games", "A0401", "98818", "01", "SAS", 2020,
                "Studio indépendant d'édition de jeux électroniques pour mobile.", skills: ["Unity"], languages: ["fr", "en", "ja"]),
            C("radio-kaori", "Radio Kaori", "A0801", "98818", "11", "ASSO", 1987,
                "Radio associative : information locale, musique et émissions en langues kanak.", languages: ["fr", "drn", "aji"]),
            C("tricot-traduction", "Tricot Traduction", "A1006", "98818", "NN", "EI", 2012,
                "Traduction et interprétation français, anglais et japonais.", languages: ["fr", "en", "ja"], legal: "SASAKI Emi"),
            C("amedee-data", "Amédée Data", "A0603", "98818", "02", "SAS", 2021,
                "Veille et bases de données en ligne sur les marchés publics.", skills: ["Python", "Data"]),
            C("ouen-toro-films", "Ouen Toro Films", "A0702", "98818", "01", "EURL", 2014,
                "Films institutionnels et publicitaires, prises de vue par drone.", skills: ["Drone", "Montage"],
                catalogue: ["tournage-video", "drone"]),
            C("anse-vata-studio", "Anse Vata Studio", "A0707", "98818", "01", "SARL", 2010,
                "Enregistrement sonore, mixage, montage audio et édition musicale.", skills: ["Mixage"]),
            C("mont-panie-ingenierie", "Mont Panié Ingénierie", "A1105", "98811", "11", "SARL", 2004,
                "Études techniques de réseaux et de télécommunications pour les collectivités du Nord.", area: Communes("98811", "98825")),
            C("notou-rd", "Notou R&D", "A1106", "98818", "03", "SAS", 2016,
                "Recherche appliquée en intelligence artificielle et en traitement d'images.", skills: ["Python", "Machine learning"]),
            C("grande-terre-copie", "Grande Terre Copie", "A0206", "98821", "02", "SARL", 2002,
                "Location de copieurs et de matériel de bureau."),
            C("tropique-maintenance", "Tropique Maintenance", "A0502", "98805", "11", "SARL", 2000,
                "Tierce maintenance d'applications et de serveurs.", services: ["maintenance"]),
            C("horizon-infogerance", "Horizon Infogérance", "A0503", "98818", "21", "SA", 1997,
                "Infogérance complète des systèmes d'information des grands comptes.", labels: ["ISO 27001", "ISO 9001"]),
            C("passe-sat", "Passe Sat", "A0303", "98818", "03", "SAS", 2015,
                "Liaisons satellite pour les sites isolés et les navires."),
            C("barriere-call", "Barrière Call", "A0605", "98818", "12", "SARL", 2011,
                "Centre d'appels et relation client à distance en français et en anglais.", languages: ["fr", "en"]),
            C("roussette-ux", "Roussette UX", "A1001", "98818", "NN", "EI", 2023,
                "Design d'interfaces et expérience utilisateur pour les applications.", skills: ["Figma", "UX design"], legal: "HOAREAU Léa"),
            C("kagou-print", "Kagou Print", "A1005", "98818", "02", "SARL", 1993,
                "Impression numérique grand format et pré-presse."),
            C("pacifique-editions", "Pacifique Éditions", "A0805", "98818", "01", "SARL", 1985,
                "Édition de livres sur le patrimoine et l'histoire du pays."),
            C("koumac-informatique", "Koumac Informatique", "A0505", "98812", "01", "EI", 2011,
                "Dépannage informatique et vente de consommables à Koumac.", legal: "BOEWA Marc", area: Communes("98812", "98811")),
            C("bourail-web", "Bourail Web", "A0405", "98803", "NN", "EI", 2019,
                "Développeur indépendant : sites WordPress et boutiques en ligne.", skills: ["WordPress", "WooCommerce"], legal: "MARTIN Luc",
                shop: s => { s.B2B = true; }, area: Communes("98803", "98816")),
            C("ouvea-tourisme-digital", "Ouvéa Digital", "A0602", "98820", "00", "ASSO", 2020,
                "Portail web de réservation pour le tourisme à Ouvéa.", languages: ["fr", "en"], area: Provinces("iles")),
            C("dumbea-securite", "Dumbéa Sécurité Informatique", "A0504", "98805", "02", "SARL", 2018,
                "Sécurité informatique des PME : pare-feu, sauvegarde et antivirus.", skills: ["Fortinet"]),
            C("paita-drone", "Païta Drone", "A1002", "98821", "NN", "EI", 2022,
                "Photographie aérienne par drone pour le BTP.", skills: ["Drone"], legal: "NGUYEN Anh"),
            C("mobile-factory", "Mobile Factory", "A0405", "98818", "03", "SAS", 2017,
                "Applications mobiles natives iOS et Android.", skills: ["Kotlin", "Swift", "Flutter"], languages: ["fr", "en"]),
            C("sans-annee", "Sans Année Conseil", "A0501", "98818", null, null, null,
                "Conseil en systèmes informatiques, profil minimal."),
        ];
    }
}
