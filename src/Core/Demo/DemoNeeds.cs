using System.Buffers.Binary;
using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Core.Companies;
using Bogus;

namespace AnnuaireFiliere.Core.Demo;

/// <summary>
/// Buyers' needs for the demo, so that the needs board and its statistics show something on first start: about three
/// needs a month over the last year, from the kinds of needs buyers of the territory post (a town hall's website, a
/// shop's till, a school's video…), public and private buyers, in the communes where buyers are. The older ones are
/// closed (filled, cancelled) or expired; the recent ones are on the board; two wait for a moderator. Published
/// companies with one of a need's activities answered some of them, most within a few days. Deterministic for a seed,
/// a reference time and the companies given; the buyers are invented (<c>@exemple.nc</c> addresses).
/// </summary>
internal static class DemoNeeds
{
    private const int Months = 12;

    private sealed record Kind(string Title, string Description, string[] Activities, string[] Services, BuyerKind Buyer, string Organisation, string? Budget);

    private static readonly Kind[] Kinds =
    [
        new("Refonte du site internet de la mairie", "La mairie souhaite refondre son site internet : actualités, démarches en ligne, agenda des manifestations, accessible sur téléphone et conforme aux règles d'accessibilité.", ["A0405", "A0901"], ["refonte-site", "design-ux-ui"], BuyerKind.Public, "Mairie", BudgetBands.From2MTo10M),
        new("Boutique en ligne pour une épicerie fine", "Nous vendons des produits locaux et voulons une boutique en ligne avec paiement par carte et retrait en magasin ou livraison sur le Grand Nouméa.", ["A0405", "A0604"], ["boutique-en-ligne"], BuyerKind.Private, "Épicerie", BudgetBands.From500kTo2M),
        new("Maintenance du parc informatique d'un cabinet", "Cabinet de douze postes cherche un contrat de maintenance : dépannage sur place, sauvegardes, mises à jour et assistance téléphonique.", ["A0503", "A0502"], ["maintenance-parc", "assistance-utilisateurs"], BuyerKind.Private, "Cabinet comptable", BudgetBands.Under500k),
        new("Film de présentation d'un collège", "Le collège prépare un film de trois minutes pour présenter ses filières aux familles : tournage sur deux jours, montage et sous-titres.", ["A0702", "A0704"], [], BuyerKind.Public, "Collège", BudgetBands.From500kTo2M),
        new("Application mobile de réservation", "Club de sport : application pour réserver les cours, payer l'abonnement et recevoir les annonces du club, sur Android et iPhone.", ["A0405"], ["application-mobile", "plateforme-reservation"], BuyerKind.Private, "Club sportif", BudgetBands.From2MTo10M),
        new("Câblage réseau de nouveaux locaux", "Déménagement de nos bureaux : câblage de trente prises réseau, baie de brassage et point d'accès sans fil, à terminer avant la fin du mois.", ["A0305"], [], BuyerKind.Private, "Société de transport", BudgetBands.From500kTo2M),
        new("Logiciel de caisse pour trois magasins", "Réseau de trois magasins cherche un logiciel de caisse avec gestion des stocks partagée et suivi des ventes par magasin.", ["A0404"], ["logiciel-caisse", "gestion-stocks"], BuyerKind.Private, "Magasins de sport", BudgetBands.From2MTo10M),
        new("Hébergement et sauvegarde des données de la province", "Consultation pour l'hébergement de trois applications métier et la sauvegarde externalisée de leurs données, sur le territoire.", ["A0601"], ["hebergement-cloud", "sauvegarde"], BuyerKind.Public, "Direction des systèmes d'information", BudgetBands.Over10M),
        new("Campagne de communication pour un festival", "Festival de musique : identité visuelle, affiches, réseaux sociaux et spot radio pour l'édition de l'année prochaine.", ["A0901", "A0903"], [], BuyerKind.Private, "Association culturelle", BudgetBands.From500kTo2M),
        new("Audit de sécurité informatique", "Établissement de santé souhaite un audit de sécurité de son réseau et de ses postes, avec un plan d'actions et une sensibilisation du personnel.", ["A0504", "A0501"], [], BuyerKind.Public, "Établissement de santé", BudgetBands.From2MTo10M),
        new("Mise en place d'un logiciel de paie", "PME de quarante salariés cherche un logiciel de paie adapté aux règles calédoniennes, avec reprise des données et formation.", ["A0404", "A0501"], ["logiciel-paie", "parametrage-logiciel"], BuyerKind.Private, "Entreprise de BTP", BudgetBands.From500kTo2M),
        new("Visite virtuelle d'un site touristique", "Office du tourisme : visite virtuelle à 360° d'un site naturel, consultable sur le site internet et sur une borne à l'accueil.", ["A0401", "A0704"], ["realite-virtuelle"], BuyerKind.Public, "Office du tourisme", BudgetBands.From2MTo10M),
        new("Dépannage et réparation d'ordinateurs portables", "École privée : réparation d'une vingtaine d'ordinateurs portables d'élèves (écrans, batteries, claviers) avant la rentrée.", ["A0505"], ["reparation-ordinateurs"], BuyerKind.Private, "École privée", BudgetBands.Under500k),
        new("Étude de satisfaction des usagers", "Service public : enquête de satisfaction auprès de 800 usagers, par téléphone et en ligne, avec un rapport et une restitution.", ["A0904"], [], BuyerKind.Public, "Service public", BudgetBands.From500kTo2M),
    ];

    private static readonly (string Commune, double Weight)[] Places =
    [
        ("98818", 0.40), ("98817", 0.10), ("98805", 0.08), ("98821", 0.06), ("98811", 0.05), ("98812", 0.04), ("98814", 0.03), ("98803", 0.03),
    ];

    /// <summary>The activities the demo's needs ask for: the seeder gives the published companies that have them.</summary>
    public static IReadOnlySet<string> ActivityCodes { get; } = Kinds.SelectMany(k => k.Activities).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The needs, their answers and histories (insert in that order), answered by some of the published companies
    /// that have one of the need's activities (<paramref name="byActivity"/>: activity code → company ids, in a stable order).
    /// </summary>
    public static (List<Need> Needs, List<NeedAnswer> Answers, List<NeedChange> Changes) Create(
        ILookup<string, Guid> byActivity, DateTime reference, int seed, Func<string, string?> communeName)
    {
        ArgumentNullException.ThrowIfNull(byActivity);
        ArgumentNullException.ThrowIfNull(communeName);
        var faker = new Faker("fr") { Random = new Randomizer(seed ^ 0x4e454544) };
        var needs = new List<Need>();
        var answers = new List<NeedAnswer>();
        var changes = new List<NeedChange>();
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        var total = Months * 3;
        for (var i = 0; i < total; i++)
        {
            var kind = Kinds[faker.Random.Int(0, Kinds.Length - 1)];
            // The last two were posted in the last two days and wait for a moderator.
            var waiting = i >= total - 2;
            var created = waiting
                ? reference.AddHours(-faker.Random.Int(2, 40))
                : reference.AddDays(-faker.Random.Double(4, Months * 30.4)).AddMinutes(faker.Random.Int(0, 600));
            var place = faker.Random.Double() < 0.15 ? null : Pick(faker, Places);
            var town = place is null ? null : communeName(place);
            if (town is null)
            {
                place = null;
            }
            var published = created.AddHours(faker.Random.Int(2, 48));
            var deadline = DateOnly.FromDateTime(published.AddDays(faker.Random.Int(20, 60)));
            var status = waiting ? NeedStatus.PendingReview
                : deadline >= DateOnly.FromDateTime(reference) ? NeedStatus.Published
                : faker.Random.WeightedRandom([NeedStatus.Filled, NeedStatus.Cancelled, NeedStatus.Expired], [0.6f, 0.15f, 0.25f]);
            var organisation = town is null ? kind.Organisation : $"{kind.Organisation} ({town})";
            var slug = Slugs.From(kind.Title);
            for (var n = 2; !slugs.Add(slug); n++)
            {
                slug = $"{Slugs.From(kind.Title)}-{n}";
            }
            var person = faker.Name.FullName();
            var need = new Need
            {
                Id = Id(created, faker),
                Slug = slug,
                Title = kind.Title,
                Description = kind.Description,
                ActivityCodes = [.. kind.Activities],
                ServiceCodes = [.. kind.Services],
                CommuneCode = place,
                Deadline = deadline,
                BudgetBand = faker.Random.Double() < 0.7 ? kind.Budget : null,
                BuyerKind = kind.Buyer,
                ContactPreference = faker.PickRandom<ContactPreference>(),
                Buyer = new BuyerContact
                {
                    Name = person,
                    Organisation = organisation,
                    Email = $"{Slugs.From(person).Replace('-', '.')}.{i}@exemple.nc",
                    Phone = faker.Random.Double() < 0.5 ? $"{faker.Random.Int(20, 29)}.{faker.Random.Int(10, 99)}.{faker.Random.Int(10, 99)}" : null,
                },
                Status = status,
                CreatedAt = created,
                PublishedAt = status == NeedStatus.PendingReview ? null : published,
                MatchedAt = status == NeedStatus.PendingReview ? null : published,
                Version = 1,
            };
            needs.Add(need);
            changes.Add(Change(need, created, NeedStatus.PendingReview, faker));
            if (status == NeedStatus.PendingReview)
            {
                continue;
            }
            changes.Add(Change(need, published, NeedStatus.Published, faker, actor: "modération"));

            // Answers: from companies with one of its activities, fewer for old cancelled needs.
            var candidates = kind.Activities.SelectMany(code => byActivity[code]).Distinct().ToList();
            var count = status == NeedStatus.Cancelled ? faker.Random.Int(0, 1) : faker.Random.Int(0, Math.Min(5, candidates.Count));
            var at = published;
            var lastAnswer = published;
            foreach (var company in faker.Random.Shuffle(candidates).Take(count))
            {
                at = at.AddHours(faker.Random.Double(3, 24 * 6));
                if (at >= reference || DateOnly.FromDateTime(at) > deadline)
                {
                    break;
                }
                answers.Add(new NeedAnswer
                {
                    Id = Id(at, faker),
                    NeedId = need.Id,
                    CompanyId = company,
                    Message = faker.PickRandom(AnswerMessages),
                    CreatedAt = at,
                });
                lastAnswer = at;
            }
            if (status is NeedStatus.Filled or NeedStatus.Cancelled or NeedStatus.Expired)
            {
                var closed = status == NeedStatus.Expired
                    ? deadline.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
                    : lastAnswer.AddDays(faker.Random.Int(3, 15));
                if (closed >= reference)
                {
                    closed = reference.AddHours(-1);
                }
                need.ClosedAt = closed;
                need.Outcome = status switch
                {
                    NeedStatus.Filled => "Prestataire retenu après comparaison des propositions.",
                    NeedStatus.Cancelled => "Projet reporté à l'année prochaine.",
                    _ => null,
                };
                changes.Add(Change(need, closed, status, faker, need.Outcome, status == NeedStatus.Expired ? "site" : "acheteur"));
            }
        }
        return (needs, answers, changes);
    }

    private static readonly string[] AnswerMessages =
    [
        "Bonjour, nous avons réalisé plusieurs projets de ce type et serions ravis d'en parler avec vous.",
        "Nous sommes intéressés : pouvons-nous convenir d'un rendez-vous pour préciser votre besoin ?",
        "Notre équipe est disponible dans vos délais ; nous vous envoyons une proposition sous huit jours.",
        "Nous connaissons bien ce besoin et pouvons vous montrer des références proches.",
    ];

    private static string? Pick(Faker faker, (string Commune, double Weight)[] places)
    {
        var draw = faker.Random.Double() * places.Sum(p => p.Weight);
        foreach (var (commune, weight) in places)
        {
            if ((draw -= weight) <= 0)
            {
                return commune;
            }
        }
        return places[0].Commune;
    }

    private static NeedChange Change(Need need, DateTime at, NeedStatus status, Faker faker, string? note = null, string actor = "acheteur") =>
        new() { Id = Id(at, faker), NeedId = need.Id, At = at, Actor = actor, Status = status, Note = note };

    // A version 7 id of the time given, its other bits from the seeded stream (deterministic for a seed).
    private static Guid Id(DateTime at, Faker faker)
    {
        Span<byte> bytes = stackalloc byte[16];
        faker.Random.Bytes(16).CopyTo(bytes);
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).ToUnixTimeMilliseconds());
        time[2..].CopyTo(bytes);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
