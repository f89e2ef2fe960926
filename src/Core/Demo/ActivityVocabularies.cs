namespace AnnuaireFiliere.Core.Demo;

/// <summary>
/// One vocabulary per activity of the typology (activities.csv), grouped where activities speak alike
/// (A0301 and A0304), split where one activity covers different trades (A0901: web agencies and advertising agencies).
/// </summary>
internal static class ActivityVocabularies
{
    public static readonly ActivityVocabulary[] All =
    [
        // S01 — hardware and electronics
        new()
        {
            Activities = ["A0101", "A0103", "A0104"],
            LegalNoun = "d'Électronique",
            NameTerms = ["Électronique", "Electronics", "Circuits", "Systèmes Embarqués", "IoT", "Capteurs"],
            NameHeads = ["Atelier", "Labo"],
            Kinds = ["un bureau d'études électroniques", "une PME d'électronique", "un atelier d'électronique"],
            Services =
            [
                "conception de cartes électroniques", "prototypage électronique", "fabrication de petites séries",
                "routage de circuits imprimés", "assemblage et soudure CMS", "capteurs connectés", "stations de mesure autonomes",
                "balises et relais radio", "antennes sur mesure", "coffrets étanches pour le climat tropical",
                "réparation de cartes électroniques",
            ],
            Skills = ["Électronique embarquée", "Conception de PCB", "KiCad", "Altium", "Soudure CMS", "Arduino", "Raspberry Pi", "STM32", "LoRaWAN", "Radiofréquence", "IoT", "Énergie solaire"],
            Pitches =
            [
                "Nous concevons et fabriquons sur place des cartes électroniques adaptées au climat tropical.",
                "Nous mettons au point des capteurs connectés pour l'environnement, l'agriculture et la mine.",
                "Du schéma au prototype puis à la petite série, nous maîtrisons toute la chaîne de fabrication électronique.",
                "Nos stations de mesure et nos relais radio fonctionnent dans les sites les plus isolés du pays.",
            ],
            Experience = "en électronique",
            Clients = ["les industriels", "le secteur minier et métallurgique", "les bureaux d'études", "les collectivités", "les exploitants agricoles"],
            Closings = ["Étude de faisabilité offerte pour tout nouveau projet."],
            KindEn = "an electronics design and manufacturing firm",
            PitchesEn = ["We design and build electronic boards, sensors and radio equipment made for the tropics."],
            ShareSellingOnline = 0.08,
            Related = ["A0102", "A0202", "A1106", "A0506", "A1105"],
        },
        new()
        {
            Activities = ["A0102"],
            LegalNoun = "d'Assemblage Informatique",
            NameTerms = ["Computers", "PC", "Systems", "Hardware", "Machines"],
            Kinds = ["un assembleur informatique", "une entreprise d'assemblage de PC"],
            Services =
            [
                "assemblage d'ordinateurs sur mesure", "PC de bureau et stations de travail", "serveurs assemblés localement",
                "ordinateurs durcis pour les sites miniers", "bornes interactives", "PC de jeu sur mesure",
                "garantie et pièces sur place", "intégration de périphériques",
            ],
            Skills = ["Intel", "AMD", "NVIDIA", "Assemblage PC", "Serveurs rack", "Refroidissement", "Tests de charge", "Linux", "Windows"],
            Pitches =
            [
                "Nous assemblons sur place des ordinateurs et des serveurs configurés pour l'usage de chaque client.",
                "Nos machines sont montées, testées et garanties localement, avec des pièces en stock.",
                "Nous fabriquons des postes durcis et des bornes interactives qui résistent à la chaleur et à la poussière.",
            ],
            Experience = "en assemblage informatique",
            KindEn = "a computer assembler",
            PitchesEn = ["We build desktops, workstations and servers to order, tested and guaranteed locally."],
            ShareSellingOnline = 0.3,
            Related = ["A0203", "A0201", "A0505", "A0101"],
        },
        new()
        {
            Activities = ["A0105"],
            LegalNoun = "de Duplication",
            NameTerms = ["Duplication", "Copie Média", "Disques", "Archives"],
            NameHeads = ["Atelier"],
            Kinds = ["un atelier de duplication", "une entreprise de duplication de supports"],
            Services =
            [
                "duplication de CD et DVD", "pressage de disques", "clés USB personnalisées", "numérisation de cassettes vidéo",
                "transfert de bandes audio", "archivage sur supports optiques", "sérigraphie des disques", "jaquettes et conditionnement",
            ],
            Skills = ["Duplication CD/DVD", "Blu-ray", "Numérisation", "Archivage", "Sérigraphie", "Clés USB", "Conditionnement"],
            Pitches =
            [
                "Nous dupliquons CD, DVD et clés USB en petites et grandes séries, avec leur habillage.",
                "Nous sauvons les souvenirs enregistrés sur cassettes et sur bandes en les numérisant sur des supports durables.",
                "Artistes, associations et entreprises nous confient la duplication de leurs albums et de leurs films.",
            ],
            Experience = "en duplication de supports",
            Clients = ["les artistes", "les associations", "les particuliers", "les entreprises"],
            KindEn = "a media duplication workshop",
            PitchesEn = ["We duplicate CDs, DVDs and USB keys and digitise old tapes."],
            ShareSellingOnline = 0.25,
            Related = ["A1005", "A0707", "A0705"],
        },

        // S02 — distribution, trade and rental
        new()
        {
            Activities = ["A0201"],
            LegalNoun = "de Distribution Informatique",
            NameTerms = ["Distribution", "Informatique", "IT Distribution", "Import", "Trading"],
            Kinds = ["un distributeur informatique", "un grossiste en informatique"],
            Services =
            [
                "distribution de matériel informatique", "approvisionnement des revendeurs", "licences logicielles en volume",
                "import de matériel sur commande", "vente de serveurs et de stockage", "fourniture de postes de travail",
                "consommables d'impression", "gestion de la garantie constructeur",
            ],
            Skills = ["Dell", "HP", "Lenovo", "Microsoft", "Fortinet", "Synology", "APC", "Logistique", "Import", "Licences en volume"],
            Pitches =
            [
                "Nous distribuons le matériel des grandes marques avec un stock sur le territoire.",
                "Revendeurs, intégrateurs et administrations s'approvisionnent chez nous en postes, serveurs et licences.",
                "Nous importons sur commande et gérons la garantie constructeur pour nos clients.",
            ],
            Experience = "dans la distribution informatique",
            Clients = ["les revendeurs et les intégrateurs", "les administrations", "les grands comptes", "les établissements scolaires"],
            Labels = ["Microsoft Partner", "Partenaire Dell Technologies"],
            KindEn = "an IT distributor",
            PitchesEn = ["We supply resellers and large accounts with hardware and licences from stock."],
            ShareSellingOnline = 0.35,
            Related = ["A0202", "A0203", "A0206"],
        },
        new()
        {
            Activities = ["A0202"],
            LegalNoun = "de Composants Électroniques",
            NameTerms = ["Composants", "Connectique", "Télécom Distribution", "Équipements"],
            Kinds = ["un grossiste en composants électroniques", "un distributeur d'équipements télécom"],
            Services =
            [
                "vente de composants électroniques", "câbles et connectique", "équipements réseau et télécom",
                "onduleurs et protection électrique", "antennes et accessoires radio", "accessoires de fibre optique",
                "pièces détachées", "approvisionnement de chantiers",
            ],
            Skills = ["Ubiquiti", "Cisco", "MikroTik", "APC", "Connectique", "Composants passifs", "Radiofréquence", "Logistique"],
            Pitches =
            [
                "Nous fournissons composants, connectique et équipements réseau aux installateurs et aux ateliers.",
                "Notre stock de pièces détachées évite des semaines d'attente aux chantiers et aux ateliers.",
            ],
            Experience = "dans la distribution de composants",
            Clients = ["les installateurs", "les ateliers", "les opérateurs", "les industriels"],
            KindEn = "an electronic components wholesaler",
            PitchesEn = ["We stock components, cabling and network equipment for installers and workshops."],
            ShareSellingOnline = 0.35,
            Related = ["A0201", "A0305", "A0101"],
        },
        new()
        {
            Activities = ["A0203"],
            WorksOnQuotation = false,
            LegalNoun = "de Micro-Informatique",
            NameTerms = ["Informatique", "Micro", "Store", "Computer", "Digital Store"],
            Kinds = ["un magasin informatique", "une boutique informatique", "un revendeur informatique"],
            Services =
            [
                "vente d'ordinateurs portables", "vente de matériel informatique", "imprimantes et consommables",
                "accessoires et périphériques", "configuration avant livraison", "installation à domicile",
                "reprise de votre ancien matériel", "extension de garantie",
            ],
            Skills = ["Apple", "HP", "Lenovo", "Asus", "Acer", "Epson", "Canon", "Logitech", "Microsoft 365", "Windows"],
            Pitches =
            [
                "Nous vendons ordinateurs, imprimantes et accessoires des grandes marques, avec un stock en magasin.",
                "Particuliers et professionnels trouvent chez nous le bon matériel et des conseils clairs, sans jargon.",
                "Chaque ordinateur est préparé et configuré avant de quitter le magasin.",
            ],
            Experience = "dans la vente de matériel informatique",
            Clients = ["les particuliers et les professionnels", "les étudiants", "les TPE", "les familles"],
            Closings = ["Magasin ouvert du lundi au samedi.", "Paiement en plusieurs fois sans frais."],
            Labels = ["Apple Premium Reseller", "Microsoft Partner"],
            KindEn = "a computer store",
            PitchesEn = ["We sell computers, printers and accessories from stock, set up before they leave the shop."],
            ShareSellingOnline = 0.55,
            Related = ["A0505", "A0204", "A0205", "A0206"],
        },
        new()
        {
            Activities = ["A0204"],
            WorksOnQuotation = false,
            LegalNoun = "de Téléphonie",
            NameTerms = ["Mobile", "Phone", "Téléphonie", "GSM", "Smart"],
            Kinds = ["une boutique de téléphonie", "un magasin de téléphonie mobile"],
            Services =
            [
                "vente de smartphones", "accessoires de téléphonie", "protections d'écran et coques",
                "transfert de données vers votre nouveau téléphone", "téléphones fixes et standards", "talkies-walkies",
                "téléphones satellites", "mise en service de votre mobile",
            ],
            Skills = ["Samsung", "Apple", "Xiaomi", "Oppo", "Motorola", "Android", "iOS", "Accessoires"],
            Pitches =
            [
                "Nous vendons smartphones, téléphones et accessoires, et nous les mettons en service avec vous.",
                "Nous transférons vos contacts et vos photos vers votre nouveau téléphone pendant que vous patientez.",
            ],
            Experience = "dans la téléphonie",
            Clients = ["les particuliers et les professionnels", "les familles", "les entreprises"],
            Closings = ["Magasin ouvert du lundi au samedi."],
            KindEn = "a phone shop",
            PitchesEn = ["We sell smartphones and accessories and set them up with you."],
            ShareSellingOnline = 0.5,
            Related = ["A0506", "A0203", "A0302"],
        },
        new()
        {
            Activities = ["A0205"],
            WorksOnQuotation = false,
            LegalNoun = "d'Audio-Vidéo",
            NameTerms = ["Hi-Fi", "Audio", "Vidéo", "Son & Image", "Home Cinéma"],
            Kinds = ["un magasin audio-vidéo", "une boutique hi-fi"],
            Services =
            [
                "vente de téléviseurs", "home cinéma", "enceintes et hi-fi", "vidéoprojecteurs",
                "installation d'antennes et de paraboles", "équipement audio-vidéo des salles de réunion",
                "livraison et installation à domicile", "multiroom et domotique",
            ],
            Skills = ["Sony", "Samsung", "LG", "Bose", "Yamaha", "Denon", "Epson", "Home cinéma", "Domotique"],
            Pitches =
            [
                "Nous vendons et installons téléviseurs, home cinémas et chaînes hi-fi, avec un auditorium pour les essayer.",
                "Nous équipons les maisons, les restaurants et les salles de réunion en son et en image.",
            ],
            Experience = "dans l'audio et la vidéo",
            Clients = ["les particuliers", "les restaurants et les hôtels", "les entreprises"],
            Closings = ["Livraison et installation à domicile sur rendez-vous."],
            KindEn = "an audio and video store",
            PitchesEn = ["We sell and install TVs, home cinemas and hi-fi systems."],
            ShareSellingOnline = 0.45,
            Related = ["A0203", "A1004", "A0204"],
        },
        new()
        {
            Activities = ["A0206"],
            LegalNoun = "de Location Bureautique",
            NameTerms = ["Bureautique", "Location", "Copie", "Office", "Leasing"],
            Kinds = ["un loueur de matériel de bureau", "une société de location bureautique"],
            Services =
            [
                "location de copieurs multifonctions", "location de matériel informatique", "location évolutive de postes de travail",
                "location d'ordinateurs pour événements", "entretien des copieurs loués", "gestion du parc de copieurs",
                "location de vidéoprojecteurs", "reprise et recyclage du matériel",
            ],
            Skills = ["Canon", "Ricoh", "Konica Minolta", "Kyocera", "Sharp", "Location évolutive", "PaperCut"],
            Pitches =
            [
                "Nous louons copieurs, ordinateurs et vidéoprojecteurs, entretien compris, pour un loyer connu d'avance.",
                "Nous renouvelons votre matériel au fil du contrat, sans immobiliser votre trésorerie.",
            ],
            Experience = "dans la location de matériel de bureau",
            KindEn = "an office equipment rental company",
            PitchesEn = ["We rent copiers, computers and projectors, servicing included."],
            ShareSellingOnline = 0.1,
            Related = ["A0201", "A0203"],
        },

        // S03 — telecommunications
        new()
        {
            Activities = ["A0301", "A0304"],
            LegalNoun = "de Télécommunications",
            NameTerms = ["Télécom", "Net", "Connect", "Fibre", "Internet", "Online"],
            Kinds = ["un fournisseur d'accès à Internet", "un opérateur de télécommunications"],
            Services =
            [
                "accès Internet fibre", "liaisons fibre dédiées", "interconnexion de sites", "VPN inter-sites",
                "téléphonie fixe professionnelle", "noms de domaine", "messagerie professionnelle", "adresses IP fixes",
                "accès Internet pour les hôtels et les campings",
            ],
            Skills = ["Fibre optique", "FTTH", "BGP", "MPLS", "VoIP", "SIP", "IPv6", "Routage", "Cisco", "Juniper"],
            Pitches =
            [
                "Nous raccordons les entreprises et les particuliers à Internet par la fibre, avec un support local.",
                "Nos liaisons dédiées relient les sites de nos clients avec un débit garanti.",
                "Nous fournissons l'accès Internet, la téléphonie et les noms de domaine chez un seul interlocuteur.",
            ],
            Experience = "dans les télécoms",
            Labels = ["Cisco Partner"],
            KindEn = "an internet service provider",
            PitchesEn = ["We connect businesses and homes to the internet over fibre, with local support."],
            ShareSellingOnline = 0.15,
            Related = ["A0305", "A0302", "A0303", "A0601"],
        },
        new()
        {
            Activities = ["A0302"],
            LegalNoun = "de Radiotéléphonie",
            NameTerms = ["Mobile", "Télécom", "Radio", "Connect", "4G"],
            Kinds = ["un opérateur de radiocommunication", "une entreprise de radiotéléphonie"],
            Services =
            [
                "forfaits mobiles professionnels", "gestion de flotte mobile", "cartes SIM pour objets connectés",
                "réseaux radio privés", "couverture 4G des sites isolés", "relais de radiocommunication", "talkies-walkies professionnels",
            ],
            Skills = ["4G", "5G", "LTE", "DMR", "M2M", "Antennes", "Couverture radio"],
            Pitches =
            [
                "Nous connectons les équipes mobiles et les objets connectés, jusque dans les zones les moins couvertes.",
                "Nous installons des réseaux radio privés pour les mines, les chantiers et les services de secours.",
            ],
            Experience = "en radiocommunication",
            KindEn = "a mobile and radio communications operator",
            PitchesEn = ["We connect mobile teams and devices, even where coverage is thin."],
            ShareSellingOnline = 0.1,
            Related = ["A0301", "A0303", "A0204", "A0506"],
        },
        new()
        {
            Activities = ["A0303"],
            LegalNoun = "de Télécommunications par Satellite",
            NameTerms = ["Sat", "Satellite", "Orbit", "Connect"],
            Kinds = ["un opérateur satellite", "un intégrateur de solutions satellite"],
            Services =
            [
                "liaisons satellite VSAT", "Internet par satellite", "connexion des sites isolés", "téléphonie par satellite",
                "connectivité maritime", "installation de paraboles", "secours satellite des liaisons terrestres",
            ],
            Skills = ["VSAT", "Starlink", "Iridium", "Inmarsat", "Bande Ku", "Paraboles", "Maritime"],
            Pitches =
            [
                "Nous apportons Internet et le téléphone aux tribus, aux stations et aux navires, là où la fibre n'arrive pas.",
                "Nos liaisons satellite secourent les réseaux terrestres des sites qui ne peuvent pas s'arrêter.",
            ],
            Experience = "dans les télécommunications par satellite",
            KindEn = "a satellite communications provider",
            PitchesEn = ["We bring internet and telephone to remote sites and ships by satellite."],
            ShareSellingOnline = 0.1,
            Related = ["A0301", "A0302", "A0305"],
        },
        new()
        {
            Activities = ["A0305"],
            LegalNoun = "de Câblage et Réseaux",
            NameTerms = ["Réseaux", "Câblage", "Connect", "Fibre", "Network"],
            Kinds = ["un installateur réseau", "une entreprise de câblage"],
            Services =
            [
                "câblage réseau", "câblage courants faibles", "installation Wi-Fi", "baies de brassage",
                "fibre optique en bâtiment", "certification de câblage", "vidéosurveillance", "contrôle d'accès",
            ],
            Skills = ["Cat 6A", "Fibre optique", "Fusion de fibre", "Ubiquiti", "Cisco Meraki", "Wi-Fi", "Vidéosurveillance", "Fluke", "Habilitation électrique"],
            Pitches =
            [
                "Nous câblons bureaux, commerces et bâtiments publics, du plan de câblage à la recette.",
                "Nous installons des réseaux Wi-Fi qui couvrent vraiment tout le bâtiment, même les plus grands.",
                "Nos techniciens posent, raccordent et certifient le câblage cuivre et fibre.",
            ],
            Experience = "en câblage et réseaux",
            Labels = ["Cisco Partner"],
            KindEn = "a network cabling contractor",
            PitchesEn = ["We cable offices and buildings, copper and fibre, and install Wi-Fi that covers them."],
            ShareSellingOnline = 0.03,
            Related = ["A0301", "A0504", "A1105", "A0202"],
        },

        // S04 — software
        new()
        {
            Activities = ["A0401"],
            LegalNoun = "de Jeux Vidéo",
            NameTerms = ["Games", "Play", "Interactive", "Pixel", "Studio"],
            NameHeads = ["Studio"],
            Kinds = ["un studio de jeux vidéo", "un studio de développement de jeux"],
            Services =
            [
                "développement de jeux vidéo", "jeux mobiles", "serious games", "expériences en réalité virtuelle",
                "portage sur consoles", "game design", "jeux pour les musées et le tourisme",
            ],
            Skills = ["Unity", "Unreal Engine", "Godot", "C#", "C++", "Blender", "Game design", "Réalité virtuelle", "Pixel art"],
            Pitches =
            [
                "Nous créons des jeux vidéo et des serious games inspirés des cultures océaniennes.",
                "Nous développons des expériences en réalité virtuelle pour les musées, le tourisme et l'industrie.",
            ],
            Experience = "dans le jeu vidéo",
            Clients = ["les musées", "les acteurs du tourisme", "les établissements scolaires", "les industriels"],
            KindEn = "a video game studio",
            PitchesEn = ["We make video games and serious games inspired by Pacific cultures."],
            ShareSellingOnline = 0.3,
            Related = ["A0405", "A1003", "A0704"],
        },
        new()
        {
            Activities = ["A0402", "A0403"],
            LegalNoun = "de Logiciels",
            NameTerms = ["Software", "Logiciels", "Systems", "Labs", "Soft"],
            Kinds = ["un éditeur de logiciels", "un éditeur de logiciels techniques"],
            Services =
            [
                "logiciels de supervision réseau", "outils de sauvegarde", "logiciels de sécurité", "kits de développement (SDK)",
                "bibliothèques logicielles", "outils d'automatisation", "support éditeur", "licences et abonnements",
            ],
            Skills = ["C", "C++", "Rust", "Go", "Linux", "Kubernetes", "API REST", "Open source", "Sécurité logicielle"],
            Pitches =
            [
                "Nous éditons des logiciels techniques utilisés par les administrateurs systèmes et les développeurs.",
                "Nos outils surveillent les réseaux et les serveurs et préviennent avant la panne.",
                "Nous publions nos bibliothèques en open source et vendons le support qui va avec.",
            ],
            Experience = "dans l'édition de logiciels",
            KindEn = "a software publisher",
            PitchesEn = ["We publish technical software for system administrators and developers."],
            ShareSellingOnline = 0.3,
            Related = ["A0404", "A0504", "A1106"],
        },
        new()
        {
            Activities = ["A0404"],
            LegalNoun = "de Progiciels",
            NameTerms = ["Software", "Soft", "Logiciels", "Gestion", "Apps"],
            Kinds = ["un éditeur de logiciels de gestion", "un éditeur de progiciels"],
            Services =
            [
                "logiciel de gestion commerciale", "logiciel de caisse", "logiciel de paie calédonienne", "gestion des stocks",
                "logiciel de comptabilité", "prise de rendez-vous en ligne", "gestion des plannings",
                "reprise de données et paramétrage", "progiciels en mode SaaS",
            ],
            Skills = ["SaaS", ".NET", "Angular", "PostgreSQL", "TGC", "Paie CAFAT", "Comptabilité", "API REST", "Facturation"],
            Pitches =
            [
                "Nous éditons des logiciels de gestion conformes aux règles calédoniennes : TGC, CAFAT, RUAMM.",
                "Nos logiciels en ligne gèrent la caisse, les stocks et la facturation des commerçants.",
                "Nous assurons nous-mêmes le paramétrage, la reprise des données et l'assistance de nos clients.",
            ],
            Experience = "dans l'édition de logiciels de gestion",
            KindEn = "a business software publisher",
            PitchesEn = ["We publish management software that follows New Caledonian rules (TGC, CAFAT)."],
            ShareSellingOnline = 0.25,
            Related = ["A0405", "A0501", "A0502", "A0601"],
        },
        new()
        {
            Activities = ["A0405"],
            LegalNoun = "de Développement Informatique",
            NameTerms = ["Dev", "Code", "Apps", "Digital", "Web", "Labs", "Software"],
            NameHeads = ["Studio"],
            Kinds = ["un studio de développement", "une société de développement web et mobile", "une agence de développement"],
            Services =
            [
                "développement d'applications web", "applications mobiles iOS et Android", "création de sites internet",
                "sites e-commerce", "intégration d'API", "logiciels sur mesure", "refonte de site",
                "maintenance applicative", "extranets et portails clients",
            ],
            Skills = ["C#", ".NET", "Java", "PHP", "Symfony", "Laravel", "React", "Angular", "Vue.js", "Flutter", "Kotlin", "Swift", "Python", "Node.js", "PostgreSQL", "WordPress"],
            Pitches =
            [
                "Nous développons des applications web et mobiles sur mesure, de la maquette à la mise en ligne.",
                "Nous créons des sites internet rapides, accessibles et faciles à mettre à jour.",
                "Nous reprenons aussi les applications existantes pour les faire évoluer et les maintenir.",
            ],
            Experience = "en développement web et mobile",
            Labels = ["Google Partner", "Certifié AWS"],
            KindEn = "a web and mobile development studio",
            PitchesEn = ["We build custom web and mobile applications and websites, from mock-up to launch."],
            ShareSellingOnline = 0.12,
            Related = ["A0901", "A1001", "A0404", "A0601", "A0502"],
        },

        // S05 — IT services
        new()
        {
            Activities = ["A0501"],
            LegalNoun = "de Conseil Informatique",
            NameTerms = ["Conseil", "Consulting", "IT Conseil", "Stratégie", "Partners"],
            NameHeads = ["Cabinet"],
            Kinds = ["un cabinet de conseil informatique", "une société de conseil en systèmes d'information"],
            Services =
            [
                "schéma directeur informatique", "audit du système d'information", "assistance à maîtrise d'ouvrage",
                "choix de logiciels", "rédaction de cahiers des charges", "accompagnement de projets ERP",
                "pilotage de projets informatiques", "conseil en architecture",
            ],
            Skills = ["AMOA", "ITIL", "TOGAF", "Gestion de projet", "Prince2", "ERP", "Urbanisation SI", "RGPD"],
            Pitches =
            [
                "Nous aidons les directions à choisir, cadrer et piloter leurs projets informatiques.",
                "Nous auditons les systèmes d'information et proposons une feuille de route réaliste.",
                "Indépendants de tout éditeur, nous conseillons nos clients sans rien leur vendre d'autre.",
            ],
            Experience = "en conseil informatique",
            Clients = ["les collectivités et les provinces", "les grands comptes", "les établissements publics", "les PME"],
            KindEn = "an IT consultancy",
            PitchesEn = ["We help organisations choose, frame and steer their IT projects."],
            ShareSellingOnline = 0.02,
            Related = ["A1104", "A0502", "A0504", "A0404"],
        },
        new()
        {
            Activities = ["A0502"],
            LegalNoun = "de Maintenance Informatique",
            NameTerms = ["Maintenance", "IT Services", "Support", "Informatique", "Systèmes"],
            Kinds = ["une société de tierce maintenance", "un prestataire de maintenance informatique"],
            Services =
            [
                "tierce maintenance applicative", "maintenance informatique", "maintien en conditions opérationnelles",
                "support de niveau 2 et 3", "contrats de maintenance", "mises à jour et correctifs",
                "assistance informatique aux utilisateurs", "maintenance de serveurs",
            ],
            Skills = ["ITIL", "GLPI", "Windows Server", "Linux", "SQL Server", "Oracle", "Supervision", "Centreon"],
            Pitches =
            [
                "Nous maintenons les applications et les serveurs de nos clients, avec des délais d'intervention écrits.",
                "Nous prenons le relais des éditeurs et des prestataires partis pour garder les logiciels en service.",
            ],
            Experience = "en maintenance informatique",
            KindEn = "an IT maintenance provider",
            PitchesEn = ["We maintain our clients' applications and servers under written service levels."],
            ShareSellingOnline = 0.02,
            Related = ["A0503", "A0504", "A0505", "A0501"],
        },
        new()
        {
            Activities = ["A0503"],
            LegalNoun = "d'Infogérance",
            NameTerms = ["Infogérance", "IT Services", "Informatique", "Systèmes", "Managed IT", "Cloud"],
            Kinds = ["une société d'infogérance", "une entreprise de services du numérique"],
            Services =
            [
                "infogérance", "maintenance de parc informatique", "hébergement cloud", "sauvegarde externalisée",
                "supervision des serveurs", "helpdesk", "administration de Microsoft 365", "assistance informatique",
                "mise à disposition de techniciens",
            ],
            Skills = ["Microsoft 365", "Windows Server", "Active Directory", "VMware", "Proxmox", "Veeam", "Fortinet", "Cisco", "ITIL", "Supervision"],
            Pitches =
            [
                "Nous prenons en charge l'informatique des entreprises : postes, serveurs, sauvegardes et sécurité.",
                "Nos techniciens interviennent sur site et à distance, avec un helpdesk joignable toute la journée.",
                "Nous hébergeons les serveurs de nos clients dans notre cloud et les supervisons jour et nuit.",
            ],
            Experience = "en infogérance",
            Labels = ["Microsoft Partner", "ISO 27001", "Certifié AWS"],
            KindEn = "a managed IT services company",
            PitchesEn = ["We run our clients' IT: workstations, servers, backups and security, on site and remotely."],
            ShareSellingOnline = 0.04,
            Related = ["A0504", "A0502", "A0601", "A0505", "A0305"],
        },
        new()
        {
            Activities = ["A0504"],
            LegalNoun = "de Services Informatiques",
            NameTerms = ["Cyber", "Sécurité", "IT", "Systèmes", "Informatique", "Intégration"],
            Kinds = ["un intégrateur informatique", "une société de cybersécurité", "une entreprise de services informatiques"],
            Services =
            [
                "audit de sécurité", "tests d'intrusion", "installation de serveurs", "virtualisation", "pare-feu et VPN",
                "sensibilisation à la cybersécurité", "assistance informatique", "migration vers Microsoft 365",
                "plan de reprise d'activité",
            ],
            Skills = ["Cybersécurité", "Fortinet", "Stormshield", "Sophos", "VMware", "Proxmox", "Active Directory", "Linux", "Microsoft 365", "ISO 27001", "Pentest"],
            Pitches =
            [
                "Nous installons et sécurisons les serveurs, les réseaux et les postes des entreprises.",
                "Nous testons la sécurité des systèmes d'information et aidons nos clients à corriger leurs failles.",
                "Nous intégrons les solutions du marché et les faisons fonctionner ensemble.",
            ],
            Experience = "en intégration et en cybersécurité",
            Labels = ["ISO 27001", "Microsoft Partner", "Cisco Partner"],
            KindEn = "an IT integration and cybersecurity firm",
            PitchesEn = ["We install and secure servers, networks and workstations, and test their defences."],
            ShareSellingOnline = 0.04,
            Related = ["A0503", "A0501", "A0305", "A0502"],
        },
        new()
        {
            Activities = ["A0505"],
            LegalNoun = "de Dépannage Informatique",
            NameTerms = ["Info", "Informatique", "Micro", "PC Service", "Dépannage", "Dépannage Informatique", "Assistance", "Clic"],
            NameHeads = ["Atelier"],
            Kinds = ["un atelier de réparation informatique", "un dépanneur informatique", "une entreprise de dépannage informatique"],
            Services =
            [
                "dépannage informatique", "dépannage à domicile", "réparation d'ordinateurs", "remplacement d'écran",
                "récupération de données", "suppression de virus", "installation de logiciels",
                "remise en état de PC portables", "montage de PC sur mesure",
            ],
            Skills = ["Windows", "macOS", "Linux", "Récupération de données", "Micro-soudure", "Antivirus", "Réseau domestique", "Imprimantes"],
            Pitches =
            [
                "Nous dépannons ordinateurs et imprimantes, à l'atelier ou à domicile, souvent dans la journée.",
                "Nous réparons PC et Mac de toutes marques et récupérons les données des disques en panne.",
                "Virus, lenteurs, écran cassé : nous trouvons la panne et annonçons le prix avant de réparer.",
            ],
            Experience = "en dépannage informatique",
            Clients = ["les particuliers", "les TPE", "les professions libérales", "les commerçants"],
            Closings = ["Diagnostic gratuit à l'atelier.", "Intervention à domicile sur rendez-vous."],
            KindEn = "a computer repair shop",
            PitchesEn = ["We repair PCs and Macs of every brand, in our workshop or at your home."],
            ShareSellingOnline = 0.08,
            Related = ["A0203", "A0506", "A0503", "A1102"],
        },
        new()
        {
            Activities = ["A0506"],
            LegalNoun = "de Réparation Téléphonie",
            NameTerms = ["Phone", "Répar", "Mobile", "GSM", "Phone Service"],
            NameHeads = ["Atelier"],
            Kinds = ["un atelier de réparation de téléphones", "un réparateur de smartphones"],
            Services =
            [
                "réparation de smartphones", "remplacement d'écran de téléphone", "changement de batterie", "réparation de tablettes",
                "réparation de radios VHF", "entretien de standards téléphoniques", "désoxydation après immersion",
            ],
            Skills = ["Micro-soudure", "Apple", "Samsung", "Radio VHF", "Standards téléphoniques", "Diagnostic"],
            Pitches =
            [
                "Nous réparons smartphones et tablettes en moins d'une heure pour les pannes courantes.",
                "Nous entretenons les radios VHF des bateaux et les standards téléphoniques des entreprises.",
            ],
            Experience = "en réparation de téléphones",
            Clients = ["les particuliers", "les plaisanciers", "les entreprises"],
            Closings = ["Devis gratuit en boutique."],
            KindEn = "a phone repair shop",
            PitchesEn = ["We repair smartphones and tablets, most of them within the hour."],
            ShareSellingOnline = 0.1,
            Related = ["A0204", "A0505", "A0302"],
        },

        // S06 — data, hosting, platforms and e-commerce
        new()
        {
            Activities = ["A0601"],
            LegalNoun = "d'Hébergement Informatique",
            NameTerms = ["Cloud", "Data", "Hébergement", "Datacenter", "Host", "Serveurs"],
            Kinds = ["un hébergeur", "un opérateur de centre de données", "un fournisseur de cloud"],
            Services =
            [
                "hébergement cloud", "hébergement de sites", "serveurs dédiés", "serveurs privés virtuels", "cloud privé",
                "colocation de baies", "sauvegarde externalisée", "plan de reprise d'activité", "stockage de données",
                "traitement de données",
            ],
            Skills = ["VMware", "Proxmox", "OpenStack", "Kubernetes", "Docker", "Linux", "Veeam", "Tier III", "Stockage objet", "Haute disponibilité"],
            Pitches =
            [
                "Nous hébergeons les données de nos clients sur le territoire, au plus près des utilisateurs.",
                "Notre centre de données accueille les serveurs des entreprises dans des baies sécurisées et climatisées.",
                "Nous proposons un hébergement cloud local, avec des sauvegardes répliquées sur un second site.",
            ],
            Experience = "en hébergement et en cloud",
            Labels = ["ISO 27001", "Certifié AWS"],
            KindEn = "a hosting and cloud provider",
            PitchesEn = ["We host our clients' data and servers in New Caledonia, close to their users."],
            ShareSellingOnline = 0.2,
            Related = ["A0503", "A0304", "A0602", "A0405"],
        },
        new()
        {
            Activities = ["A0602"],
            WorksOnQuotation = false,
            LegalNoun = "de Services en Ligne",
            NameTerms = ["Portail", "Annonces", "Net", "Web", "Plateforme", "Online"],
            Kinds = ["un éditeur de plateforme en ligne", "une plateforme en ligne", "un portail internet"],
            Services =
            [
                "portail d'information locale", "plateforme de petites annonces", "plateforme de réservation", "annuaire en ligne",
                "place de marché en ligne", "billetterie en ligne", "publicité sur la plateforme", "espace communautaire",
            ],
            Skills = ["Plateforme web", "Paiement en ligne", "Modération", "SEO", "PHP", "React", "Applications mobiles", "Statistiques d'audience"],
            Pitches =
            [
                "Notre plateforme met en relation chaque mois des milliers de Calédoniens.",
                "Nous faisons vivre un portail d'annonces et d'information consulté dans tout le pays.",
                "Nous avons créé la plateforme de réservation des activités de loisirs du territoire.",
            ],
            Experience = "dans les plateformes en ligne",
            Clients = ["les particuliers", "les commerçants", "les prestataires de loisirs", "les annonceurs"],
            KindEn = "an online platform",
            PitchesEn = ["Our platform connects thousands of New Caledonians every month."],
            ShareSellingOnline = 0.45,
            Related = ["A0604", "A0405", "A0902", "A0601"],
        },
        new()
        {
            Activities = ["A0603"],
            LegalNoun = "de Veille et d'Information",
            NameTerms = ["Veille", "Data", "Observatoire", "Insight", "Infos"],
            Kinds = ["une société de veille", "un service d'information en ligne"],
            Services =
            [
                "veille stratégique", "veille réglementaire", "bases de données en ligne", "revue de presse",
                "collecte de données", "tableaux de bord", "datavisualisation", "veille des appels d'offres",
            ],
            Skills = ["Veille", "Open data", "Python", "Power BI", "Web scraping", "Bases de données", "Datavisualisation", "Recherche documentaire"],
            Pitches =
            [
                "Nous surveillons pour nos clients la réglementation, les appels d'offres et la concurrence.",
                "Nos bases de données en ligne rassemblent l'information économique du territoire.",
            ],
            Experience = "en veille et en information",
            KindEn = "a business intelligence service",
            PitchesEn = ["We monitor regulations, tenders and competitors for our clients."],
            ShareSellingOnline = 0.2,
            Related = ["A0904", "A0602", "A0806"],
        },
        new()
        {
            Activities = ["A0604"],
            WorksOnQuotation = false,
            LegalNoun = "de Vente à Distance",
            NameTerms = ["Shop", "Boutique", "Market", "Store", "Express", "Livraison"],
            Kinds = ["une boutique en ligne", "un commerce en ligne"],
            Services =
            [
                "vente en ligne", "livraison à domicile", "retrait en magasin", "livraison dans les îles", "paiement sécurisé",
                "produits calédoniens", "cartes cadeaux", "vente en ligne de matériel high-tech", "vente en ligne d'articles de sport",
            ],
            Skills = ["Shopify", "WooCommerce", "PrestaShop", "Paiement en ligne", "Logistique", "Expédition", "Service client", "Réseaux sociaux"],
            Pitches =
            [
                "Nous vendons en ligne et livrons partout en Nouvelle-Calédonie, îles comprises.",
                "Commandez en quelques clics : nous préparons votre colis le jour même.",
                "Notre boutique en ligne réunit des produits introuvables sur le Caillou.",
            ],
            Experience = "dans la vente en ligne",
            Clients = ["les particuliers", "les familles", "les professionnels"],
            KindEn = "an online shop",
            PitchesEn = ["We sell online and deliver anywhere in New Caledonia, islands included."],
            ShareSellingOnline = 1,
            Related = ["A0602", "A0203", "A0605"],
        },
        new()
        {
            Activities = ["A0605"],
            LegalNoun = "de Relation Client",
            NameTerms = ["Contact", "Call", "Accueil", "Relation Client", "Permanence"],
            Kinds = ["un centre d'appels", "une société de relation client à distance"],
            Services =
            [
                "centre d'appels", "permanence téléphonique", "prise de rendez-vous", "télésecrétariat", "hotline",
                "réponse aux courriels et aux messages", "campagnes d'appels sortants", "accueil téléphonique",
            ],
            Skills = ["Relation client", "CRM", "Téléphonie IP", "Zendesk", "Scripts d'appel", "Bilinguisme", "Qualité de service"],
            Pitches =
            [
                "Nous répondons au téléphone, aux courriels et aux messages au nom de nos clients.",
                "Nos conseillers assurent permanences, prises de rendez-vous et hotlines, en français et en anglais.",
            ],
            Experience = "en relation client",
            KindEn = "a call centre",
            PitchesEn = ["We answer calls, emails and messages on behalf of our clients."],
            ShareSellingOnline = 0.02,
            Related = ["A0904", "A0602"],
        },

        // S07 — audiovisual, film and sound
        new()
        {
            Activities = ["A0701", "A0703"],
            LegalNoun = "de Production Audiovisuelle",
            NameTerms = ["Productions", "Films", "Prod", "Pictures", "Cinéma"],
            Kinds = ["une société de production", "une maison de production"],
            Services =
            [
                "production de documentaires", "magazines et séries pour la télévision", "courts métrages", "longs métrages",
                "coproductions internationales", "développement de projets", "production exécutive de tournages",
            ],
            Skills = ["Production", "Réalisation", "Écriture de scénario", "Tournage 4K", "Financement", "Coproduction", "Direction de production"],
            Pitches =
            [
                "Nous produisons des documentaires et des fictions qui racontent la Nouvelle-Calédonie et le Pacifique.",
                "Nous accompagnons les auteurs du développement à la diffusion de leurs films.",
                "Nous assurons la production exécutive des équipes de tournage venues de l'étranger.",
            ],
            Experience = "dans la production audiovisuelle",
            Clients = ["les chaînes de télévision", "les diffuseurs", "les institutions culturelles", "les auteurs"],
            KindEn = "a film and television production company",
            PitchesEn = ["We produce documentaries and fiction about New Caledonia and the Pacific."],
            ShareSellingOnline = 0.05,
            Related = ["A0704", "A0702", "A0705"],
        },
        new()
        {
            Activities = ["A0702"],
            LegalNoun = "de Production Vidéo",
            NameTerms = ["Prod", "Vidéo", "Films", "Motion", "Production"],
            NameHeads = ["Studio"],
            Kinds = ["une société de production vidéo", "un studio vidéo"],
            Services =
            [
                "films institutionnels", "spots publicitaires", "vidéos d'entreprise", "captation d'événements",
                "tournage aérien par drone", "vidéos pour les réseaux sociaux", "motion design", "montage vidéo",
            ],
            Skills = ["Tournage 4K", "Drone", "Montage", "DaVinci Resolve", "Premiere Pro", "After Effects", "Étalonnage", "Prise de son"],
            Pitches =
            [
                "Nous filmons et montons des vidéos d'entreprise et des publicités tournées sur le territoire.",
                "De l'écriture au montage, nous réalisons des films courts qui font connaître nos clients.",
                "Nos pilotes de drone offrent des images aériennes des sites, des chantiers et des paysages.",
            ],
            Experience = "en production vidéo",
            KindEn = "a corporate video production company",
            PitchesEn = ["We shoot and edit corporate films and commercials made in New Caledonia."],
            ShareSellingOnline = 0.05,
            Related = ["A0704", "A1002", "A0901", "A1004"],
        },
        new()
        {
            Activities = ["A0704"],
            LegalNoun = "de Post-Production",
            NameTerms = ["Post", "FX", "Lab", "Montage", "Studio"],
            NameHeads = ["Studio"],
            Kinds = ["un studio de post-production", "un studio d'animation"],
            Services =
            [
                "montage vidéo", "étalonnage", "effets visuels", "animation 2D et 3D", "sous-titrage", "mixage son",
                "habillage graphique", "livraison aux diffuseurs",
            ],
            Skills = ["DaVinci Resolve", "Avid", "Premiere Pro", "After Effects", "Nuke", "Blender", "Cinema 4D", "Pro Tools"],
            Pitches =
            [
                "Nous montons, étalonnons et mixons films et programmes jusqu'à leur livraison aux diffuseurs.",
                "Notre équipe d'animation crée des films en 2D et en 3D et des effets visuels.",
            ],
            Experience = "en post-production",
            Clients = ["les sociétés de production", "les chaînes de télévision", "les agences"],
            KindEn = "a post-production studio",
            PitchesEn = ["We edit, grade and mix films and programmes, and make 2D and 3D animation."],
            ShareSellingOnline = 0.03,
            Related = ["A0701", "A0702", "A1003", "A0707"],
        },
        new()
        {
            Activities = ["A0705"],
            LegalNoun = "de Distribution de Films",
            NameTerms = ["Distribution", "Films", "Vidéo", "Diffusion"],
            Kinds = ["un distributeur de films", "un éditeur vidéo"],
            Services =
            [
                "distribution de films", "édition DVD et Blu-ray", "vidéo à la demande", "catalogue de films océaniens",
                "vente de droits de diffusion", "programmation de festivals",
            ],
            Skills = ["Droits audiovisuels", "VOD", "DCP", "Festivals", "Marketing de films", "Édition vidéo"],
            Pitches =
            [
                "Nous faisons voir les films du Pacifique dans les salles, à la télévision et en ligne.",
                "Nous éditons en vidéo et en VOD un catalogue de documentaires océaniens.",
            ],
            Experience = "dans la distribution de films",
            Clients = ["les salles", "les diffuseurs", "les festivals", "les médiathèques"],
            KindEn = "a film distributor",
            PitchesEn = ["We bring Pacific films to cinemas, television and streaming."],
            ShareSellingOnline = 0.4,
            Related = ["A0706", "A0701", "A0105"],
        },
        new()
        {
            Activities = ["A0706"],
            WorksOnQuotation = false,
            LegalNoun = "de Cinéma",
            NameTerms = ["Cinéma", "Ciné", "Écran", "Projection"],
            Kinds = ["un cinéma", "un exploitant de salles de cinéma"],
            Services =
            [
                "projection de films", "cinéma en plein air", "séances scolaires", "cinéma itinérant", "privatisation de salles",
                "avant-premières",
            ],
            Skills = ["Projection numérique", "DCP", "Son Dolby", "Programmation", "Écran gonflable"],
            Pitches =
            [
                "Nous projetons les films de l'actualité et organisons des séances en plein air dans les communes.",
                "Notre cinéma itinérant apporte le grand écran aux tribus et aux villages.",
            ],
            Experience = "dans l'exploitation cinématographique",
            Clients = ["le public", "les écoles", "les communes", "les comités d'entreprise"],
            Closings = ["Programme et réservations en ligne."],
            KindEn = "a cinema",
            PitchesEn = ["We show new releases and bring open-air screenings to towns and villages."],
            ShareSellingOnline = 0.3,
            Related = ["A0705", "A1004"],
        },
        new()
        {
            Activities = ["A0707"],
            LegalNoun = "d'Enregistrement",
            NameTerms = ["Records", "Music", "Sound", "Musique", "Studio"],
            NameHeads = ["Studio"],
            Kinds = ["un studio d'enregistrement", "un label de musique"],
            Services =
            [
                "enregistrement en studio", "mixage et mastering", "production musicale", "édition musicale", "voix off",
                "jingles et habillage sonore", "musique à l'image",
            ],
            Skills = ["Pro Tools", "Ableton Live", "Logic Pro", "Mixage", "Mastering", "Prise de son", "Composition"],
            Pitches =
            [
                "Nous enregistrons, mixons et produisons les artistes calédoniens, du kaneka au reggae.",
                "Nous créons jingles, voix off et musiques pour la radio, la publicité et les films.",
            ],
            Experience = "en production musicale",
            Clients = ["les artistes", "les agences", "les radios", "les producteurs"],
            KindEn = "a recording studio",
            PitchesEn = ["We record, mix and produce New Caledonian artists, from kaneka to reggae."],
            ShareSellingOnline = 0.3,
            Related = ["A1004", "A0105", "A0801", "A0704"],
        },

        // S08 — media
        new()
        {
            Activities = ["A0801"],
            WorksOnQuotation = false,
            LegalNoun = "de Radiodiffusion",
            NameTerms = ["Radio", "FM", "Ondes", "Direct"],
            Kinds = ["une radio", "une station de radio"],
            Services =
            [
                "diffusion radio", "émissions d'information locale", "podcasts", "spots publicitaires radio",
                "animation d'émissions", "retransmission d'événements", "écoute en ligne",
            ],
            Skills = ["Diffusion FM", "Podcast", "Streaming", "Animation", "Journalisme", "Prise de son", "Programmation musicale"],
            Pitches =
            [
                "Nous informons et divertissons nos auditeurs chaque jour, en direct et en podcast.",
                "Notre antenne fait la place belle à la musique et aux langues du pays.",
            ],
            Experience = "à l'antenne",
            Clients = ["nos auditeurs", "les annonceurs locaux", "les associations"],
            Closings = ["À écouter en FM et en ligne."],
            KindEn = "a radio station",
            PitchesEn = ["We inform and entertain our listeners every day, live and as podcasts."],
            ShareSellingOnline = 0,
            Related = ["A0802", "A0902", "A0707"],
        },
        new()
        {
            Activities = ["A0802"],
            WorksOnQuotation = false,
            LegalNoun = "de Télévision",
            NameTerms = ["TV", "Télé", "Channel", "Vision"],
            Kinds = ["une chaîne de télévision", "une télévision locale"],
            Services =
            [
                "journal télévisé", "magazines de société", "retransmissions sportives", "émissions de plateau",
                "replay en ligne", "publicité télévisée",
            ],
            Skills = ["Diffusion TNT", "Régie", "Plateau", "Replay", "Journalisme", "Montage"],
            Pitches =
            [
                "Nous diffusons chaque jour l'actualité et les programmes du territoire.",
                "Nos équipes produisent magazines, débats et retransmissions sportives.",
            ],
            Experience = "à la télévision",
            Clients = ["nos téléspectateurs", "les annonceurs", "les institutions"],
            KindEn = "a television channel",
            PitchesEn = ["We broadcast local news and programmes every day."],
            ShareSellingOnline = 0,
            Related = ["A0801", "A0701", "A0902"],
        },
        new()
        {
            Activities = ["A0803", "A0804"],
            WorksOnQuotation = false,
            LegalNoun = "de Presse",
            NameTerms = ["Presse", "Magazine", "Hebdo", "Infos", "Journal", "Mag"],
            Kinds = ["un journal", "un éditeur de presse", "un magazine"],
            Services =
            [
                "presse quotidienne", "magazine mensuel", "presse en ligne", "abonnements papier et numérique",
                "suppléments thématiques", "petites annonces", "lettre d'information",
            ],
            Skills = ["Journalisme", "Rédaction", "Mise en page", "Adobe InDesign", "Photojournalisme", "CMS", "Édition numérique"],
            Pitches =
            [
                "Nous informons les Calédoniens sur l'actualité locale, régionale et économique.",
                "Notre magazine raconte la vie du pays, ses acteurs et ses initiatives.",
                "Nous publions en ligne et sur papier, avec une édition numérique pour nos abonnés.",
            ],
            Experience = "dans la presse",
            Clients = ["nos lecteurs", "les annonceurs", "les abonnés"],
            KindEn = "a news publisher",
            PitchesEn = ["We cover local, regional and business news, in print and online."],
            ShareSellingOnline = 0.3,
            Related = ["A0806", "A0902", "A0805", "A0602"],
        },
        new()
        {
            Activities = ["A0805"],
            WorksOnQuotation = false,
            LegalNoun = "d'Édition",
            NameTerms = ["Éditions", "Livres", "Publications"],
            NameHeads = ["Éditions"],
            Kinds = ["une maison d'édition", "un éditeur"],
            Services =
            [
                "édition de livres", "beaux livres", "livres jeunesse", "guides touristiques", "annuaires professionnels",
                "coédition", "diffusion en librairie", "livres numériques",
            ],
            Skills = ["Édition", "Correction", "Mise en page", "Adobe InDesign", "Diffusion", "ePub", "Droits d'auteur"],
            Pitches =
            [
                "Nous publions des ouvrages sur la culture, l'histoire et le patrimoine du pays.",
                "Nous accompagnons les auteurs calédoniens du manuscrit jusqu'aux librairies.",
            ],
            Experience = "dans l'édition",
            Clients = ["les auteurs", "les lecteurs", "les institutions culturelles", "les librairies"],
            KindEn = "a book publisher",
            PitchesEn = ["We publish books on the culture, history and heritage of New Caledonia."],
            ShareSellingOnline = 0.45,
            Related = ["A0804", "A1005", "A1003", "A1006"],
        },
        new()
        {
            Activities = ["A0806"],
            WorksOnQuotation = false,
            LegalNoun = "d'Information",
            NameTerms = ["Press", "News", "Infos", "Agence"],
            Kinds = ["une agence de presse"],
            Services =
            [
                "dépêches d'actualité", "photos d'actualité", "reportages", "couverture d'événements",
                "fil d'information régional", "vidéos d'actualité",
            ],
            Skills = ["Journalisme", "Photojournalisme", "Vérification des faits", "Reportage", "Montage"],
            Pitches =
            [
                "Nous fournissons aux médias un fil d'information, des photos et des reportages sur le Pacifique.",
                "Nos correspondants couvrent l'actualité des trois provinces et des pays voisins.",
            ],
            Experience = "dans l'information",
            Clients = ["les médias", "les institutions", "les entreprises"],
            KindEn = "a news agency",
            PitchesEn = ["We supply news, photos and reports on the Pacific to the media."],
            ShareSellingOnline = 0.02,
            Related = ["A0804", "A1002", "A0603"],
        },

        // S09 — communication, advertising, marketing
        new()
        {
            Activities = ["A0901"],
            LegalNoun = "de Communication Digitale",
            NameTerms = ["Web", "Digital", "Pixel", "Créa", "Studio Web", "Web Agency"],
            NameHeads = ["Agence"],
            Kinds = ["une agence web", "une agence digitale"],
            Services =
            [
                "création de sites internet", "création de sites vitrines", "sites e-commerce", "refonte de site",
                "référencement naturel", "gestion des réseaux sociaux", "campagnes Google Ads", "maintenance de sites WordPress",
                "rédaction web",
            ],
            Skills = ["WordPress", "WooCommerce", "Shopify", "SEO", "Google Ads", "Meta Ads", "Figma", "Google Analytics", "Elementor", "Community management"],
            Pitches =
            [
                "Nous créons des sites internet qui donnent à vos clients l'envie de vous appeler.",
                "Nous concevons des sites vitrines et des boutiques en ligne, puis nous les faisons connaître.",
                "De la maquette au référencement, nous prenons en charge votre présence en ligne.",
            ],
            Experience = "en création de sites internet",
            Labels = ["Google Partner", "Meta Business Partner"],
            KindEn = "a web agency",
            PitchesEn = ["We design websites and online shops, then make them easy to find."],
            ShareSellingOnline = 0.08,
            Related = ["A1001", "A0405", "A0601", "A0903"],
        },
        new()
        {
            Activities = ["A0901"],
            LegalNoun = "de Publicité",
            NameTerms = ["Communication", "Pub", "Com", "Agence", "Marketing"],
            NameHeads = ["Agence"],
            Kinds = ["une agence de communication", "une agence de publicité"],
            Services =
            [
                "stratégie de communication", "campagnes publicitaires", "création d'affiches", "spots radio et télévision",
                "plans médias", "marketing digital", "identité de marque", "communication événementielle",
            ],
            Skills = ["Branding", "Marketing digital", "Réseaux sociaux", "Direction artistique", "Conception-rédaction", "Achat média", "Suite Adobe"],
            Pitches =
            [
                "Nous imaginons des campagnes qui font parler des marques locales, en affichage, en radio et sur les réseaux.",
                "Nous accompagnons les marques de la stratégie à la création, jusqu'à l'achat d'espace.",
            ],
            Experience = "en communication",
            KindEn = "an advertising agency",
            PitchesEn = ["We create campaigns for local brands, from strategy to media buying."],
            ShareSellingOnline = 0.03,
            Related = ["A1001", "A0902", "A0903", "A0702"],
        },
        new()
        {
            Activities = ["A0902"],
            LegalNoun = "de Régie Publicitaire",
            NameTerms = ["Régie", "Média", "Médias", "Pub", "Affichage"],
            Kinds = ["une régie publicitaire"],
            Services =
            [
                "vente d'espaces publicitaires", "affichage urbain", "publicité radio", "publicité dans la presse",
                "écrans publicitaires", "plans médias", "publicité en ligne",
            ],
            Skills = ["Achat média", "Affichage", "Plan média", "Audiences", "Programmatique", "Négociation"],
            Pitches =
            [
                "Nous commercialisons les espaces publicitaires des médias et des panneaux du pays.",
                "Nous construisons avec les annonceurs des plans médias adaptés à leur budget.",
            ],
            Experience = "dans la régie publicitaire",
            Clients = ["les annonceurs", "les agences", "les commerçants"],
            KindEn = "a media sales house",
            PitchesEn = ["We sell advertising space across local media and billboards."],
            ShareSellingOnline = 0.02,
            Related = ["A0901", "A0801", "A0803"],
        },
        new()
        {
            Activities = ["A0903"],
            LegalNoun = "de Conseil en Communication",
            NameTerms = ["Conseil", "Communication", "RP", "Influence", "Relations Publiques"],
            NameHeads = ["Cabinet"],
            Kinds = ["un cabinet de conseil en communication", "une agence de relations publiques"],
            Services =
            [
                "relations presse", "relations publiques", "communication de crise", "communication institutionnelle",
                "media training", "conseil en communication", "rédaction de discours", "conférences de presse",
            ],
            Skills = ["Relations presse", "Communication de crise", "Rédaction", "Media training", "Stratégie", "Affaires publiques", "Réseaux sociaux"],
            Pitches =
            [
                "Nous conseillons dirigeants et institutions dans leur communication, y compris en période de crise.",
                "Nous entretenons des relations de confiance avec les journalistes du pays et de la région.",
            ],
            Experience = "en relations publiques",
            Clients = ["les institutions", "les dirigeants", "les grands comptes", "les associations"],
            KindEn = "a public relations consultancy",
            PitchesEn = ["We advise leaders and institutions on their communication, crises included."],
            ShareSellingOnline = 0.02,
            Related = ["A0901", "A1104", "A0904"],
        },
        new()
        {
            Activities = ["A0904"],
            LegalNoun = "d'Études et de Sondages",
            NameTerms = ["Études", "Opinion", "Sondages", "Insight", "Conseil", "Statistiques"],
            NameHeads = ["Institut"],
            Kinds = ["un institut d'études", "un cabinet d'études de marché"],
            Services =
            [
                "études de marché", "sondages d'opinion", "enquêtes de satisfaction", "études quantitatives",
                "groupes de discussion", "analyse de données d'enquête", "études de fréquentation", "visites mystère",
            ],
            Skills = ["Sondages", "Statistiques", "SPSS", "R", "Questionnaires", "Échantillonnage", "Enquêtes terrain", "Power BI"],
            Pitches =
            [
                "Nous mesurons l'opinion et les attentes des Calédoniens pour les entreprises et les institutions.",
                "Nos enquêteurs interrogent sur le terrain, au téléphone et en ligne, dans les trois provinces.",
                "Nous transformons les réponses d'enquête en décisions claires.",
            ],
            Experience = "en études et sondages",
            Clients = ["les institutions", "les collectivités", "les grands comptes", "les médias"],
            KindEn = "a market research and polling firm",
            PitchesEn = ["We measure the opinions and expectations of New Caledonians."],
            ShareSellingOnline = 0.02,
            Related = ["A0603", "A0903", "A1104"],
        },

        // S10 — design, imaging, digital creation
        new()
        {
            Activities = ["A1001"],
            LegalNoun = "de Design Graphique",
            NameTerms = ["Design", "Graphic", "Créa", "Pixel", "Graphisme", "Studio"],
            NameHeads = ["Studio", "Atelier"],
            Kinds = ["un studio de design graphique", "une agence de design"],
            Services =
            [
                "identité visuelle", "création de logo", "charte graphique", "web design", "maquettes de sites internet",
                "design UX/UI", "supports imprimés", "packaging", "mise en page",
            ],
            Skills = ["Figma", "Adobe Illustrator", "Photoshop", "Adobe InDesign", "UX design", "UI design", "Typographie", "Design system"],
            Pitches =
            [
                "Nous créons des identités visuelles et des interfaces qui parlent aux Calédoniens.",
                "Logo, charte graphique, maquettes web : nous donnons une image claire et cohérente à nos clients.",
                "Nous dessinons des interfaces simples à utiliser, testées avec de vrais utilisateurs.",
            ],
            Experience = "en design graphique",
            KindEn = "a graphic and UX design studio",
            PitchesEn = ["We create visual identities and interfaces that speak to New Caledonians."],
            ShareSellingOnline = 0.05,
            Related = ["A0901", "A1003", "A1005", "A0405", "A1002"],
        },
        new()
        {
            Activities = ["A1002"],
            LegalNoun = "de Photographie",
            NameTerms = ["Photo", "Images", "Objectif", "Focus", "Photographie", "Studio"],
            NameHeads = ["Studio"],
            Kinds = ["un studio photo", "un photographe professionnel"],
            Services =
            [
                "photographie professionnelle", "reportages photo", "portraits", "photographie aérienne", "packshots",
                "photographie culinaire", "photographie d'architecture", "mariages et événements",
            ],
            Skills = ["Lightroom", "Photoshop", "Drone", "Éclairage studio", "Retouche", "Sony Alpha", "Canon", "Capture One"],
            Pitches =
            [
                "Nous photographions les entreprises, leurs équipes, leurs produits et leurs lieux.",
                "Du portrait à la vue aérienne, nous livrons des images prêtes pour le web et le papier.",
            ],
            Experience = "en photographie",
            KindEn = "a photography studio",
            PitchesEn = ["We photograph companies, their people, products and places."],
            ShareSellingOnline = 0.15,
            Related = ["A0702", "A1001", "A1005", "A1003"],
        },
        new()
        {
            Activities = ["A1003"],
            LegalNoun = "de Création Numérique",
            NameTerms = ["Créations", "Art", "Illustration", "Motion", "Studio"],
            NameHeads = ["Atelier", "Studio"],
            Kinds = ["un atelier de création numérique", "un studio d'illustration et de motion design"],
            Services =
            [
                "illustration", "motion design", "bande dessinée", "fresques et décors", "mapping vidéo",
                "création de personnages", "art numérique", "animations pour les réseaux sociaux",
            ],
            Skills = ["Procreate", "Adobe Illustrator", "After Effects", "Blender", "Motion design", "Dessin", "Animation 2D", "TouchDesigner"],
            Pitches =
            [
                "Nous illustrons et animons les histoires, les marques et les lieux du pays.",
                "Nos créations mêlent dessin, animation et projections lumineuses.",
            ],
            Experience = "en création numérique",
            KindEn = "a digital art studio",
            PitchesEn = ["We illustrate and animate stories, brands and places."],
            ShareSellingOnline = 0.2,
            Related = ["A1001", "A0704", "A1004", "A0401"],
        },
        new()
        {
            Activities = ["A1004"],
            LegalNoun = "de Sonorisation et d'Éclairage",
            NameTerms = ["Events", "Son & Lumière", "Scène", "Live", "Show"],
            Kinds = ["un prestataire technique événementiel", "une société de sonorisation et d'éclairage"],
            Services =
            [
                "sonorisation", "éclairage scénique", "location de matériel son et lumière", "écrans LED", "régie vidéo",
                "captation et retransmission", "scènes et structures", "assistance technique de spectacles",
            ],
            Skills = ["Sonorisation", "Éclairage", "Yamaha", "L-Acoustics", "grandMA", "Vidéoprojection", "Structures", "Régie"],
            Pitches =
            [
                "Nous sonorisons et éclairons concerts, festivals, salons et conférences.",
                "Nous livrons, installons et exploitons le matériel son, lumière et vidéo de vos événements.",
            ],
            Experience = "dans la technique du spectacle",
            Clients = ["les organisateurs d'événements", "les collectivités", "les artistes", "les entreprises"],
            KindEn = "a stage and event technology company",
            PitchesEn = ["We provide sound, lighting and video for concerts, festivals and conferences."],
            ShareSellingOnline = 0.05,
            Related = ["A0707", "A0205", "A0702", "A1003"],
        },
        new()
        {
            Activities = ["A1005"],
            LegalNoun = "d'Impression",
            NameTerms = ["Print", "Imprimerie", "Impression", "Copy", "Repro"],
            NameHeads = ["Imprimerie"],
            Kinds = ["une imprimerie", "un atelier d'impression numérique"],
            Services =
            [
                "impression numérique", "impression grand format", "cartes de visite", "flyers et affiches", "bâches et kakémonos",
                "signalétique", "marquage de véhicules", "photocopies et reliure", "pré-presse",
            ],
            Skills = ["Impression grand format", "Impression offset", "Pré-presse", "Adobe InDesign", "Découpe", "Gestion de la couleur", "HP Latex"],
            Pitches =
            [
                "Nous imprimons cartes de visite, flyers, affiches et bâches, souvent en 24 heures.",
                "De la vérification des fichiers à la pose, nous prenons en charge vos supports imprimés.",
                "Nous reproduisons documents, plans et supports pour les entreprises et les administrations.",
            ],
            Experience = "dans l'impression",
            KindEn = "a printing company",
            PitchesEn = ["We print business cards, flyers, posters and banners, often within 24 hours."],
            ShareSellingOnline = 0.35,
            Related = ["A1001", "A0105", "A0902"],
        },
        new()
        {
            Activities = ["A1006"],
            LegalNoun = "de Traduction",
            NameTerms = ["Traduction", "Translation", "Langues", "Lingua", "Interprètes"],
            NameHeads = ["Cabinet"],
            Kinds = ["un cabinet de traduction", "une agence de traduction"],
            Services =
            [
                "traduction", "traduction assermentée", "interprétation de conférence", "localisation de logiciels",
                "sous-titrage", "traduction de sites", "relecture",
            ],
            Skills = ["Anglais", "Japonais", "Chinois", "Langues kanak", "Bislama", "Trados", "Interprétation simultanée", "Localisation"],
            Pitches =
            [
                "Nous traduisons documents, contrats et sites entre le français, l'anglais et les langues de la région.",
                "Nos interprètes accompagnent conférences, réunions et délégations du Pacifique.",
            ],
            Experience = "en traduction",
            KindEn = "a translation agency",
            PitchesEn = ["We translate and interpret between French, English and the languages of the region."],
            ShareSellingOnline = 0.05,
            Related = ["A0805", "A0704", "A1101"],
        },

        // S11 — training, consulting, engineering, R&D
        new()
        {
            Activities = ["A1101"],
            LegalNoun = "de Formation",
            NameTerms = ["Formation", "Formations", "Académie", "Campus", "Learning", "Compétences"],
            NameHeads = ["Académie"],
            Kinds = ["un organisme de formation", "un centre de formation"],
            Services =
            [
                "formation bureautique", "formation Microsoft 365", "formation à la cybersécurité", "formations certifiantes",
                "formation sur mesure en entreprise", "formation de formateurs", "formation à distance",
                "formation au community management",
            ],
            Skills = ["Formation bureautique", "Excel", "Microsoft 365", "Pédagogie", "Classe virtuelle", "Moodle", "Certification", "Ingénierie de formation"],
            Pitches =
            [
                "Nous formons les salariés et les demandeurs d'emploi aux outils et aux métiers du numérique.",
                "Nos formations courtes, en salle ou à distance, s'adaptent au niveau de chacun.",
            ],
            Experience = "en formation",
            Clients = ["les salariés", "les entreprises", "les demandeurs d'emploi", "les collectivités"],
            Labels = ["Qualiopi", "Microsoft Partner"],
            KindEn = "a training centre",
            PitchesEn = ["We train employees and jobseekers in digital tools and trades."],
            ShareSellingOnline = 0.1,
            Related = ["A1102", "A1104", "A1103"],
        },
        new()
        {
            Activities = ["A1102"],
            LegalNoun = "d'Enseignement Informatique",
            NameTerms = ["Code", "École", "Lab", "Académie", "Cours"],
            Kinds = ["une école de code", "un centre de cours d'informatique"],
            Services =
            [
                "cours d'informatique", "école de code", "initiation à la programmation", "ateliers de robotique pour enfants",
                "cours particuliers", "préparation aux certifications", "stages pendant les vacances",
            ],
            Skills = ["Python", "JavaScript", "Scratch", "HTML et CSS", "Robotique", "Pédagogie", "Arduino"],
            Pitches =
            [
                "Nous apprenons à coder aux enfants, aux adultes et aux personnes en reconversion.",
                "Nos cours d'informatique vont de la prise en main de l'ordinateur jusqu'à la programmation.",
            ],
            Experience = "dans l'enseignement de l'informatique",
            Clients = ["les enfants et les adolescents", "les adultes", "les personnes en reconversion", "les écoles"],
            Labels = ["Qualiopi"],
            KindEn = "a coding school",
            PitchesEn = ["We teach coding to children, adults and career changers."],
            ShareSellingOnline = 0.1,
            Related = ["A1101", "A1103", "A0505"],
        },
        new()
        {
            Activities = ["A1103"],
            WorksOnQuotation = false,
            LegalNoun = "d'Enseignement Supérieur",
            NameTerms = ["Institut", "École", "Campus", "Sup"],
            NameHeads = ["Institut"],
            Kinds = ["une école supérieure", "un établissement d'enseignement supérieur"],
            Services =
            [
                "BTS informatique", "licence professionnelle", "master du numérique", "formation en alternance",
                "formation continue diplômante", "projets tutorés avec les entreprises",
            ],
            Skills = ["Enseignement supérieur", "Alternance", "Développement", "Réseaux", "Pédagogie", "Recherche"],
            Pitches =
            [
                "Nous formons les développeurs, les techniciens et les ingénieurs dont le pays a besoin.",
                "Nos étudiants alternent cours et périodes en entreprise.",
            ],
            Experience = "dans l'enseignement supérieur",
            Clients = ["les étudiants", "les entreprises partenaires", "les salariés en reprise d'études"],
            Labels = ["Qualiopi"],
            KindEn = "a higher education school",
            PitchesEn = ["We train the developers, technicians and engineers the country needs."],
            ShareSellingOnline = 0,
            Related = ["A1101", "A1106", "A1102"],
        },
        new()
        {
            Activities = ["A1104"],
            LegalNoun = "de Conseil",
            NameTerms = ["Conseil", "Consulting", "Stratégie", "Partners", "Management", "Transformation"],
            NameHeads = ["Cabinet"],
            Kinds = ["un cabinet de conseil", "un cabinet de conseil en transformation numérique"],
            Services =
            [
                "accompagnement à la transformation numérique", "conseil en organisation", "conduite du changement",
                "diagnostic numérique", "dématérialisation des processus", "gestion de projet", "conseil en gestion",
            ],
            Skills = ["Transformation numérique", "Conduite du changement", "Gestion de projet", "Agile", "Lean", "Processus", "Protection des données"],
            Pitches =
            [
                "Nous accompagnons les organisations dans leur transformation numérique, sans jargon.",
                "Nous aidons dirigeants et équipes à revoir leurs processus et à choisir les bons outils.",
            ],
            Experience = "en conseil",
            Clients = ["les collectivités et les provinces", "les PME", "les établissements publics", "les associations"],
            KindEn = "a digital transformation consultancy",
            PitchesEn = ["We help organisations through their digital transformation, without jargon."],
            ShareSellingOnline = 0.02,
            Related = ["A0501", "A1101", "A0903"],
        },
        new()
        {
            Activities = ["A1105"],
            LegalNoun = "d'Ingénierie",
            NameTerms = ["Ingénierie", "Études", "Engineering", "BET"],
            NameHeads = ["Bureau d'Études"],
            Kinds = ["un bureau d'études", "une société d'ingénierie"],
            Services =
            [
                "études de réseaux", "ingénierie télécom", "maîtrise d'œuvre", "dimensionnement de réseaux", "audits techniques",
                "études de couverture radio", "assistance à maîtrise d'ouvrage",
            ],
            Skills = ["Ingénierie réseau", "Télécoms", "Maîtrise d'œuvre", "AutoCAD", "QGIS", "Fibre optique", "Radio"],
            Pitches =
            [
                "Nous étudions et concevons les réseaux télécoms, informatiques et techniques des grands projets.",
                "Nous assurons la maîtrise d'œuvre des déploiements, de l'étude jusqu'à la réception.",
            ],
            Experience = "en ingénierie",
            Clients = ["les collectivités", "les opérateurs", "les industriels", "le secteur minier et métallurgique"],
            KindEn = "an engineering consultancy",
            PitchesEn = ["We design telecom, IT and technical networks for large projects."],
            ShareSellingOnline = 0,
            Related = ["A0305", "A0501", "A1106"],
        },
        new()
        {
            Activities = ["A1106"],
            LegalNoun = "de Recherche",
            NameTerms = ["Lab", "Labs", "Innovation", "Research", "R&D"],
            Kinds = ["un laboratoire de recherche", "une société de recherche et développement"],
            Services =
            [
                "recherche appliquée", "prototypage", "intelligence artificielle", "traitement d'images satellite",
                "modélisation", "projets de recherche collaboratifs", "transfert de technologie",
            ],
            Skills = ["Intelligence artificielle", "Python", "Machine learning", "Télédétection", "Modélisation", "Statistiques", "IoT"],
            Pitches =
            [
                "Nous menons des projets de recherche appliquée avec les entreprises et les laboratoires.",
                "Nous mettons l'intelligence artificielle et la télédétection au service de l'environnement et de la mine.",
            ],
            Experience = "en recherche et développement",
            Clients = ["les entreprises", "les laboratoires", "les institutions", "le secteur minier et métallurgique"],
            KindEn = "a research and development company",
            PitchesEn = ["We run applied research projects with companies and laboratories."],
            ShareSellingOnline = 0,
            Related = ["A1105", "A0101", "A1103", "A0603"],
        },
    ];
}
