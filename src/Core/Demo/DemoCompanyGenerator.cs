using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Taxonomy;
using Bogus;
using Gender = Bogus.DataSets.Name.Gender;

namespace AnnuaireFiliere.Core.Demo;

/// <summary>
/// Realistic New Caledonian companies of the digital sector, deterministic: the same seed, reference time and
/// count give the same companies. About 86 % in Greater Nouméa, about 70 % under 10 employees. Each company is built
/// from its activities: a primary activity, secondary activities that go with it, and a name, services, skills and
/// description drawn from the vocabularies of those activities (<see cref="ActivityVocabularies"/>), so that a profile
/// never speaks of work the company does not do. Streams: memory does not grow with the count.
/// </summary>
public sealed class DemoCompanyGenerator
{
    private static readonly (string Commune, double Weight)[] CommuneWeights =
    [
        ("98818", 66), ("98805", 9), ("98817", 6), ("98821", 5), // Greater Nouméa: 86 %
        ("98811", 3.5), ("98814", 1.5), ("98803", 1.2), ("98812", 1), ("98813", 1), ("98822", 0.8),
        ("98825", 0.8), ("98815", 0.5), ("98802", 0.5), ("98820", 0.4), ("98809", 0.4), ("98829", 0.3),
        ("98807", 0.3), ("98830", 0.2), ("98808", 0.2), ("98804", 0.2), ("98831", 0.2), ("98827", 0.2),
        ("98826", 0.1), ("98819", 0.1), ("98824", 0.1), ("98832", 0.1), ("98828", 0.1), ("98806", 0.1),
    ];

    /// <summary>
    /// How common each primary activity is. Per sector the weights add up to the sector's share of the census
    /// (IT services 20 %, software 14 %, communication 13 %…); inside a sector, the common trades (web agencies, repair
    /// shops, computer stores) come before the rare ones (cinemas, satellite operators).
    /// </summary>
    private static readonly (string Activity, double Weight)[] ActivityWeights =
    [
        ("A0101", 0.7), ("A0102", 0.4), ("A0103", 0.4), ("A0104", 0.3), ("A0105", 0.2), // S01: 2
        ("A0201", 1.5), ("A0202", 1), ("A0203", 2.5), ("A0204", 1.2), ("A0205", 0.8), ("A0206", 1), // S02: 8
        ("A0301", 0.6), ("A0302", 0.4), ("A0303", 0.5), ("A0304", 1), ("A0305", 2.5), // S03: 5
        ("A0401", 1), ("A0402", 1), ("A0403", 0.5), ("A0404", 3.5), ("A0405", 8), // S04: 14
        ("A0501", 4), ("A0502", 2), ("A0503", 4), ("A0504", 4.5), ("A0505", 4.5), ("A0506", 1), // S05: 20
        ("A0601", 2), ("A0602", 1.2), ("A0603", 0.8), ("A0604", 2), ("A0605", 1), // S06: 7
        ("A0701", 1.5), ("A0702", 3), ("A0703", 0.7), ("A0704", 1.5), ("A0705", 0.4), ("A0706", 0.4), ("A0707", 1.5), // S07: 9
        ("A0801", 1.2), ("A0802", 0.5), ("A0803", 0.8), ("A0804", 1.5), ("A0805", 1.5), ("A0806", 0.5), // S08: 6
        ("A0901", 8), ("A0902", 1.5), ("A0903", 2), ("A0904", 1.5), // S09: 13
        ("A1001", 4), ("A1002", 2.5), ("A1003", 1.2), ("A1004", 1.3), ("A1005", 1.5), ("A1006", 0.5), // S10: 11
        ("A1101", 2), ("A1102", 1.2), ("A1103", 0.5), ("A1104", 2), ("A1105", 0.8), ("A1106", 0.5), // S11: 7
    ];

    private static readonly (string Code, double Weight)[] SizeBandWeights =
    [
        ("NN", 22), ("00", 8), ("01", 20), ("02", 12), ("03", 8), // under 10 employees: 70 %
        ("11", 13), ("12", 10), ("21", 4), ("22", 1.5), ("31", 0.5), ("32", 0.5), ("41", 0.3), ("42", 0.2),
    ];

    private static readonly (string Code, double Weight)[] LegalFormWeights =
    [
        ("SARL", 35), ("EI", 20), ("EURL", 15), ("SAS", 6), ("SASU", 4), ("SA", 4), ("ASSO", 6), ("SNC", 2),
        ("SEM", 1), ("GIE", 1), ("SC", 1), ("EPIC", 0.5), ("EPA", 0.5),
    ];

    private static readonly (PublicationStatus Status, double Weight)[] StatusWeights =
    [
        (PublicationStatus.Published, 82), (PublicationStatus.PendingReview, 6), (PublicationStatus.Draft, 5),
        (PublicationStatus.Rejected, 2), (PublicationStatus.Archived, 5),
    ];

    private static readonly (string Language, double Share)[] ExtraLanguages =
    [
        ("en", 0.45), ("drn", 0.03), ("nen", 0.02), ("pri", 0.02), ("aji", 0.01), ("wls", 0.03), ("vi", 0.02),
        ("zh", 0.02), ("ja", 0.02), ("es", 0.02), ("id", 0.01), ("bi", 0.01), ("ty", 0.01),
    ];

    /// <summary>The vocabularies of each activity (most have one; A0901 has the web agency's and the advertising agency's).</summary>
    internal static readonly IReadOnlyDictionary<string, ActivityVocabulary[]> Vocabularies = ActivityVocabularies.All
        .SelectMany(v => v.Activities.Select(code => (Code: code, Words: v)))
        .GroupBy(p => p.Code, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(p => p.Words).ToArray(), StringComparer.Ordinal);

    private readonly TaxonomyCatalog _taxonomy;
    private readonly (Activity Activity, double Weight)[] _activityWeights;
    private readonly Commune[] _communes;

    public DemoCompanyGenerator(TaxonomyCatalog taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        _taxonomy = taxonomy;
        _communes = [.. taxonomy.Communes];
        var unknown = ActivityWeights.Select(w => w.Activity)
            .Concat(ActivityVocabularies.All.SelectMany(v => v.Activities.Concat(v.Related)))
            .Where(code => taxonomy.FindActivity(code) is null)
            .Concat(taxonomy.Activities.Select(a => a.Code).Where(code => !Vocabularies.ContainsKey(code) || ActivityWeights.All(w => w.Activity != code)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"Demo vocabularies and the typology disagree on: {string.Join(", ", unknown)}.");
        }
        _activityWeights = [.. ActivityWeights.Select(w => (taxonomy.FindActivity(w.Activity)!, w.Weight))];
    }

    /// <summary>
    /// Generates <paramref name="count"/> companies created before <paramref name="referenceTime"/> (UTC).
    /// Slugs and RIDETs are unique within one call.
    /// </summary>
    public IEnumerable<Company> Generate(int count, int seed, DateTime referenceTime)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var faker = new Faker("fr") { Random = new Randomizer(seed) };
        var text = new Faker("fr");
        // Companies per name, keyed by a hash of the slug: a few hundred thousand names at a million companies
        // (founders' names, acronyms) take 28 bytes each instead of a string each.
        var slugCounts = new Dictionary<ulong, int>();
        var ridOffset = faker.Random.Int(0, RidSpace - 1);
        for (var index = 0; index < count; index++)
        {
            yield return Create(faker, text, index, referenceTime, ridOffset, slugCounts);
        }
    }

    private const int RidSpace = 9_900_000;

    /// <summary>Up to this many names, a name already taken is drawn again (twice at most).</summary>
    private const int DistinctNamesSought = 50_000;

    private Company Create(Faker f, Faker text, int index, DateTime referenceTime, int ridOffset, Dictionary<ulong, int> slugCounts)
    {
        var primary = Weighted(f, _activityWeights);
        var words = f.PickRandom(Vocabularies[primary.Code]);
        var secondaries = SecondaryActivities(f, words, primary.Code);
        var commune = _taxonomy.FindCommune(Weighted(f, CommuneWeights))!;
        var legalForm = Weighted(f, LegalFormWeights);
        var contact = Person(f, soleTrader: legalForm == "EI");
        var (legalName, tradeName) = Names(f, words, commune, legalForm, contact);
        for (var retry = 0; retry < 2 && slugCounts.Count < DistinctNamesSought && slugCounts.ContainsKey(Hash(Slugs.From(tradeName ?? legalName))); retry++)
        {
            // Two companies of the same name exist, but a directory full of them reads like a generator. Beyond a
            // directory's realistic size, redrawing would only fill memory with rarer names.
            (legalName, tradeName) = Names(f, words, commune, legalForm, contact);
        }
        var displayName = tradeName ?? legalName;
        var created = referenceTime.AddMinutes(-f.Random.Int(60, 6 * 365 * 24 * 60));
        var status = Weighted(f, StatusWeights);
        var sellsOnline = f.Random.Bool((float)words.ShareSellingOnline);
        var domain = Slugs.From(displayName).Replace("-", string.Empty, StringComparison.Ordinal);
        var hasWebsite = f.Random.Bool(0.7f) || sellsOnline;

        var company = new Company
        {
            Id = SequentialId(f, referenceTime, index),
            Slug = UniqueSlug(displayName, slugCounts),
            LegalName = legalName,
            TradeName = tradeName,
            Acronym = Acronym(legalName),
            Ridet = Ridet.Parse(string.Create(CultureInfo.InvariantCulture,
                $"{100_000 + ((index + 1L) * 1_000_003 + ridOffset) % RidSpace:0000000}{(f.Random.Bool(0.8f) ? ".001" : string.Empty)}")),
            LegalFormCode = legalForm,
            FoundingYear = Math.Min(created.Year, referenceTime.Year - (int)Math.Floor(Math.Pow(f.Random.Double(), 1.6) * 40)),
            SizeBandCode = f.Random.Bool(0.95f) ? Weighted(f, SizeBandWeights) : null,
            PrimaryActivityCode = primary.Code,
            CommuneCode = commune.Code,
            StreetAddress = Street(f, commune),
            PostalCode = f.Random.Bool(0.9f) ? commune.PostalCodes[0] : f.PickRandom(commune.PostalCodes),
            Website = hasWebsite ? $"https://www.{domain}.nc" : null,
            Email = f.Random.Bool(0.85f) ? $"{f.PickRandom("contact", "info", "bonjour", "accueil")}@{domain}.nc" : null,
            Phones = [.. Enumerable.Range(0, Weighted(f, [(1, 70), (2, 25), (0, 5)])).Select(_ => Phone(f))],
            SocialLinks = f.Random.Bool(0.6f) ? [$"https://www.facebook.com/{domain}"] : [],
            Services = Services(f, words, secondaries),
            Skills = Skills(f, words, secondaries),
            Labels = f.Random.Bool(0.18f) ? [Label(f, words)] : [],
            Languages = Languages(f),
            Status = status,
            CreatedAt = created,
            UpdatedAt = created.AddDays(f.Random.Double() * (referenceTime - created).TotalDays),
            Version = 1,
            Contact = contact,
        };
        foreach (var (code, _) in secondaries)
        {
            company.SecondaryActivities.Add(new CompanyActivity { CompanyId = company.Id, ActivityCode = code });
        }
        company.ServiceArea = Area(f, commune);
        company.ECommerce = ECommerce(f, sellsOnline, commune);
        // The texts take their own random stream: their forms depend on the founding year, hence on the reference
        // date, and the main stream must not, so that the same seed gives the same companies whatever the day.
        text.Random = new Randomizer(f.Random.Int());
        company.DescriptionFr = Description(text, company, words, secondaries, commune, referenceTime.Year);
        company.DescriptionEn = f.Random.Bool(0.3f) ? DescriptionEn(text, company, words, commune) : null;
        // Written as free text (the description quotes them), then ticked in the catalogue where it has them.
        company.MoveCatalogueServices(_taxonomy);
        if (status is PublicationStatus.Published or PublicationStatus.Archived)
        {
            company.PublishedAt = created.AddDays(f.Random.Int(0, 10));
            company.LastConfirmedAt = f.Random.Bool(0.75f)
                ? referenceTime.AddDays(-f.Random.Int(0, 900))
                : null;
            if (company.LastConfirmedAt < company.PublishedAt)
            {
                company.LastConfirmedAt = company.PublishedAt;
            }
            if (company.PublishedAt > referenceTime)
            {
                company.PublishedAt = referenceTime;
            }
        }
        return company;
    }

    /// <summary>Secondary activities among those that go with the primary one (a web agency may design or host; a repair shop may sell hardware).</summary>
    private static List<(string Code, ActivityVocabulary Words)> SecondaryActivities(Faker f, ActivityVocabulary words, string primary)
    {
        var count = Math.Min(Weighted(f, [(0, 45), (1, 30), (2, 17), (3, 8)]), words.Related.Length);
        var chosen = new List<(string, ActivityVocabulary)>(count);
        for (var i = 0; i < count; i++)
        {
            var code = f.PickRandom(words.Related);
            if (code != primary && chosen.TrueForAll(c => c.Item1 != code))
            {
                chosen.Add((code, f.PickRandom(Vocabularies[code])));
            }
        }
        return chosen;
    }

    /// <summary>The contact person; for a sole trader (EI), the founder, whose name is also the legal name.</summary>
    private static ContactPerson Person(Faker f, bool soleTrader)
    {
        var woman = f.Random.Bool();
        var first = f.Name.FirstName(woman ? Gender.Female : Gender.Male);
        var last = f.Random.Bool(0.3f) ? f.PickRandom(DemoVocabulary.LocalFamilyNames) : f.Name.LastName();
        var role = soleTrader ? f.PickRandom(DemoVocabulary.SoleTraderRoles) : f.PickRandom(DemoVocabulary.ContactRoles);
        return new ContactPerson { Name = $"{first} {last}", Role = woman ? role.Woman : role.Man };
    }

    private static (string LegalName, string? TradeName) Names(Faker f, ActivityVocabulary words, Commune commune, string legalForm, ContactPerson founder)
    {
        var term = f.PickRandom(words.NameTerms);
        if (legalForm == "EI")
        {
            // A sole trader's legal name is their own; the trade name is often their name and trade ("Jean Dupont Informatique").
            var space = founder.Name!.IndexOf(' ', StringComparison.Ordinal);
            var (first, last) = (founder.Name[..space], founder.Name[(space + 1)..]);
            var brand = f.Random.Int(0, 9) switch
            {
                <= 3 => $"{first} {last} {term}",
                4 => $"{first[0]}{last[0]} {term}",
                _ => Brand(f, words, term, commune),
            };
            return ($"{last.ToUpperInvariant()} {first}", brand);
        }
        var name = Brand(f, words, term, commune);
        return f.Random.Int(0, 3) switch
        {
            0 when legalForm == "ASSO" => ($"Association {name}", name),
            0 => ($"Société Calédonienne {words.LegalNoun}", name),
            1 => (name.ToUpperInvariant(), name),
            _ => (name, null),
        };
    }

    /// <summary>A local root and a term of the trade; the commune or one of its places only when the company is there.</summary>
    private static string Brand(Faker f, ActivityVocabulary words, string term, Commune commune)
    {
        var (root, of) = DemoVocabulary.PlaceRoots.TryGetValue(commune.Code, out var places) && f.Random.Bool(0.3f)
            ? f.PickRandom(places)
            : f.PickRandom(DemoVocabulary.LocalRoots);
        return f.Random.Int(0, 9) switch
        {
            <= 3 => $"{root} {term}",
            4 when words.NameHeads.Length > 0 => $"{f.PickRandom(words.NameHeads)} {of}",
            5 => $"{root} {term} {f.PickRandom(DemoVocabulary.BrandSuffixes)}",
            6 => $"{f.Name.LastName()} {term}",
            7 => $"{term} {commune.Name}",
            8 => $"{f.Random.String2(f.Random.Int(2, 3), "ABCDEFGHIJKLMNOPRSTV")} {term}",
            _ => $"{root} {term}",
        };
    }

    private static string? Acronym(string legalName)
    {
        var initials = legalName.Split([' ', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length > 2 && char.IsUpper(w[0]))
            .Select(w => char.ToUpperInvariant(w[0]))
            .ToArray();
        return initials.Length >= 3 && legalName.StartsWith("Société", StringComparison.Ordinal) ? new string(initials) : null;
    }

    private static string UniqueSlug(string name, Dictionary<ulong, int> slugCounts)
    {
        var slug = Slugs.From(name);
        ref var seen = ref CollectionsMarshal.GetValueRefOrAddDefault(slugCounts, Hash(slug), out _);
        seen++;
        // Vocabulary words and names end with no digit, so "name-2" can never be another company's base slug; and two
        // slugs of the same hash share one count, so their suffixes still never repeat.
        return seen == 1 ? slug : $"{slug}-{seen}";
    }

    /// <summary>FNV-1a, 64 bits: the same in every process (string hash codes are not).</summary>
    private static ulong Hash(string slug)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in slug)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }

    /// <summary>A version 7 GUID whose time part follows the index: deterministic and in insertion order.</summary>
    private static Guid SequentialId(Faker f, DateTime referenceTime, int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        f.Random.Bytes(16).CopyTo(bytes);
        var milliseconds = new DateTimeOffset(referenceTime.AddYears(-10), TimeSpan.Zero).ToUnixTimeMilliseconds() + index;
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, milliseconds);
        time[2..].CopyTo(bytes);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>Two to four services of the primary activity, then sometimes one of each secondary activity.</summary>
    private static List<string> Services(Faker f, ActivityVocabulary words, List<(string Code, ActivityVocabulary Words)> secondaries)
    {
        var services = f.PickRandom(words.Services, f.Random.Int(2, 4)).ToList();
        foreach (var (_, other) in secondaries)
        {
            var service = f.PickRandom(other.Services);
            if (f.Random.Bool(0.5f) && !services.Contains(service))
            {
                services.Add(service);
            }
        }
        return services;
    }

    private static List<string> Skills(Faker f, ActivityVocabulary words, List<(string Code, ActivityVocabulary Words)> secondaries)
    {
        var skills = f.PickRandom(words.Skills, f.Random.Int(2, 5)).ToList();
        foreach (var (_, other) in secondaries)
        {
            var skill = f.PickRandom(other.Skills);
            if (f.Random.Bool(0.35f) && !skills.Contains(skill))
            {
                skills.Add(skill);
            }
        }
        if (f.Random.Bool(0.1f))
        {
            skills.Add(f.PickRandom(DemoVocabulary.GenericSkills));
        }
        return skills;
    }

    private static string Label(Faker f, ActivityVocabulary words) =>
        words.Labels.Length > 0 && f.Random.Bool(0.6f) ? f.PickRandom(words.Labels) : f.PickRandom(DemoVocabulary.Labels);

    private static string Street(Faker f, Commune commune) =>
        commune.Code == "98818"
            ? $"{f.Random.Int(1, 180)} {f.PickRandom(DemoVocabulary.NoumeaStreets)}"
            : $"{f.Random.Int(1, 60)} {f.PickRandom(DemoVocabulary.OtherStreets)}";

    private static string Phone(Faker f)
    {
        // Landlines start with 2, 3 or 4; mobiles with 5, 7, 8 or 9.
        var first = f.Random.Bool(0.55f) ? f.PickRandom('2', '4') : f.PickRandom('7', '8', '9', '5');
        return $"{first}{f.Random.Int(0, 99999):00000}";
    }

    private static List<string> Languages(Faker f)
    {
        var languages = new List<string> { "fr" };
        languages.AddRange(ExtraLanguages.Where(l => f.Random.Bool((float)l.Share)).Select(l => l.Language));
        return languages;
    }

    private ServiceArea Area(Faker f, Commune commune)
    {
        var area = new ServiceArea
        {
            PacificRegion = f.Random.Bool(0.15f),
            International = f.Random.Bool(0.07f),
        };
        switch (f.Random.Int(0, 9))
        {
            case <= 4:
                area.WholeTerritory = true;
                break;
            case <= 7:
                area.ProvinceCodes.Add(commune.ProvinceCode);
                break;
            default:
                area.CommuneCodes.Add(commune.Code);
                area.CommuneCodes.AddRange(f.PickRandom(_communes, 2).Select(c => c.Code).Where(c => c != commune.Code));
                break;
        }
        return area;
    }

    private static ECommerceProfile ECommerce(Faker f, bool sellsOnline, Commune commune)
    {
        if (!sellsOnline)
        {
            return new ECommerceProfile { B2B = f.Random.Bool(0.7f), B2C = f.Random.Bool(0.4f) };
        }
        var ownShop = f.Random.Bool(0.75f);
        var profile = new ECommerceProfile
        {
            SellsOnOwnShop = ownShop,
            SellsOnMarketplaces = !ownShop || f.Random.Bool(0.3f),
            OnlinePayment = f.Random.Bool(0.7f),
            DeliversTerritory = f.Random.Bool(0.6f),
            B2B = f.Random.Bool(0.5f),
            B2C = f.Random.Bool(0.8f),
        };
        profile.DeliversIslands = profile.DeliversTerritory && (commune.ProvinceCode == "iles" || f.Random.Bool(0.4f));
        if (!profile.B2B && !profile.B2C)
        {
            profile.B2C = true;
        }
        profile.Platforms.AddRange(f.PickRandom(DemoVocabulary.Platforms, f.Random.Int(1, 2)));
        return profile;
    }

    /// <summary>
    /// A French description as companies write them, in one of several forms: a terse one-liner, a presentation in
    /// a few sentences, a list of services, the years of experience first, or where the team is settled.
    /// </summary>
    private static string Description(Faker f, Company company, ActivityVocabulary words, List<(string Code, ActivityVocabulary Words)> secondaries, Commune commune, int referenceYear)
    {
        var kind = f.PickRandom(words.Kinds);
        var feminine = kind.StartsWith("une ", StringComparison.Ordinal);
        var at = At(commune);
        var services = company.Services.Count > 3 ? company.Services.GetRange(0, 3) : company.Services;
        var pitch = f.PickRandom(words.Pitches);
        var clients = f.PickRandom(words.Clients.Length > 0 ? words.Clients : DemoVocabulary.Clients);
        var year = company.FoundingYear ?? referenceYear;
        var form = f.Random.Int(0, 19);
        if (form < 4)
        {
            // Terse: "Agence web à Nouméa : création de sites vitrines, refonte de site et référencement naturel."
            return $"{UpperFirst(kind[(kind.IndexOf(' ', StringComparison.Ordinal) + 1)..])} {at} : {Join(services)}.";
        }

        var text = new List<string>(8);
        if (form < 8)
        {
            text.Add($"{company.DisplayName}, {kind[(kind.IndexOf(' ', StringComparison.Ordinal) + 1)..]} {at}.");
            text.Add(pitch);
            text.Add($"\n\n{f.PickRandom("Nos services", "Ce que nous faisons", "Nos prestations")} :\n\n- {string.Join("\n- ", company.Services)}\n\n");
        }
        else if (form < 11 && referenceYear - year >= 3)
        {
            text.Add($"{referenceYear - year} ans d'expérience {words.Experience}, au service {Of(clients)}.");
            text.Add(pitch);
            text.Add($"Notre équipe est basée {at}.");
        }
        else if (form < 14 && pitch.StartsWith("Nous ", StringComparison.Ordinal))
        {
            text.Add($"{f.PickRandom("Installés", "Basés", "Implantés")} {at} depuis {year}, n{pitch[1..]}");
            text.Add(ServiceSentence(f, words, clients, services));
        }
        else
        {
            text.Add($"{company.DisplayName} est {kind} {(feminine ? "basée" : "basé")} {at}.");
            text.Add(pitch);
            text.Add(f.Random.Bool(0.4f) && year < referenceYear
                ? $"Depuis {year}, nous accompagnons {clients} : {Join(services)}."
                : ServiceSentence(f, words, clients, services));
        }
        if (secondaries.Count > 0 && f.Random.Bool(0.5f))
        {
            text.Add($"{f.PickRandom("Nous proposons également", "Autres prestations", "Et aussi")} : {f.PickRandom(f.PickRandom(secondaries).Words.Services)}.");
        }
        if (company.ECommerce.SellsOnline)
        {
            text.Add(company.ECommerce switch
            {
                { DeliversIslands: true } => "Commande en ligne, livraison sur la Grande Terre et dans les îles.",
                { DeliversTerritory: true } => "Commande en ligne et livraison sur la Grande Terre.",
                { OnlinePayment: true } => "Commande et paiement en ligne.",
                _ => "Commande en ligne, retrait sur place.",
            });
        }
        text.Add(words.Closings.Length > 0 && f.Random.Bool(0.5f) ? f.PickRandom(words.Closings)
            : words.WorksOnQuotation && f.Random.Bool(0.5f) ? f.PickRandom(DemoVocabulary.QuoteClosings)
            : f.PickRandom(DemoVocabulary.Closings));
        return string.Join(' ', text).Replace(" \n", "\n", StringComparison.Ordinal).Replace("\n ", "\n", StringComparison.Ordinal);
    }

    private static string ServiceSentence(Faker f, ActivityVocabulary words, string clients, List<string> services) =>
        words.WorksOnQuotation && f.Random.Bool(0.6f)
            ? $"Nous accompagnons {clients} : {Join(services)}."
            : $"Pour {clients} : {Join(services)}.";

    private static string DescriptionEn(Faker f, Company company, ActivityVocabulary words, Commune commune) =>
        $"{company.DisplayName} is {words.KindEn} based in {commune.Name}, New Caledonia. {f.PickRandom(words.PitchesEn)} " +
        (words.WorksOnQuotation
            ? $"We serve {f.PickRandom(DemoVocabulary.ClientsEn)} across the territory{(company.ServiceArea.PacificRegion ? " and the Pacific" : string.Empty)}."
            : $"Founded in {company.FoundingYear}.");

    /// <summary>"à Nouméa", "au Mont-Dore", "à l'Île des Pins".</summary>
    private static string At(Commune commune) => commune.Code switch
    {
        "98817" => "au Mont-Dore",
        "98809" => "à l'Île des Pins",
        _ => $"à {commune.Name}",
    };

    /// <summary>"les TPE" → "des TPE", "le secteur minier" → "du secteur minier", "nos lecteurs" → "de nos lecteurs".</summary>
    private static string Of(string group) =>
        group.StartsWith("les ", StringComparison.Ordinal) ? "des " + group[4..]
        : group.StartsWith("le ", StringComparison.Ordinal) ? "du " + group[3..]
        : "de " + group;

    private static string Join(List<string> items) =>
        items.Count == 1 ? items[0] : $"{string.Join(", ", items.GetRange(0, items.Count - 1))} et {items[^1]}";

    private static string UpperFirst(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Picks a value with a probability proportional to its weight (weights need not add up to 1).</summary>
    private static T Weighted<T>(Faker f, (T Value, double Weight)[] table)
    {
        var total = 0d;
        foreach (var (_, weight) in table)
        {
            total += weight;
        }
        var target = f.Random.Double() * total;
        foreach (var (value, weight) in table)
        {
            target -= weight;
            if (target < 0)
            {
                return value;
            }
        }
        return table[^1].Value;
    }
}
