using System.Buffers.Binary;
using System.Globalization;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Taxonomy;
using Bogus;

namespace AnnuaireFiliere.Core.Demo;

/// <summary>
/// Realistic New Caledonian companies of the digital sector, deterministic: the same seed, reference time and
/// count give the same companies. About 86 % in Greater Nouméa, about 70 % under 10 employees, French names and
/// descriptions from each sector's vocabulary. Streams: memory does not grow with the count.
/// </summary>
public sealed class DemoCompanyGenerator(TaxonomyCatalog taxonomy)
{
    private static readonly (string Commune, double Weight)[] CommuneWeights =
    [
        ("98818", 66), ("98805", 9), ("98817", 6), ("98821", 5), // Greater Nouméa: 86 %
        ("98811", 3.5), ("98814", 1.5), ("98803", 1.2), ("98812", 1), ("98813", 1), ("98822", 0.8),
        ("98825", 0.8), ("98815", 0.5), ("98802", 0.5), ("98820", 0.4), ("98809", 0.4), ("98829", 0.3),
        ("98807", 0.3), ("98830", 0.2), ("98808", 0.2), ("98804", 0.2), ("98831", 0.2), ("98827", 0.2),
        ("98826", 0.1), ("98819", 0.1), ("98824", 0.1), ("98832", 0.1), ("98828", 0.1), ("98806", 0.1),
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

    private readonly Sector[] _sectors = [.. taxonomy.Sectors.Where(s => DemoVocabulary.Sectors.ContainsKey(s.Code))];
    private readonly Activity[] _activities = [.. taxonomy.Activities];
    private readonly Commune[] _communes = [.. taxonomy.Communes];

    /// <summary>
    /// Generates <paramref name="count"/> companies created before <paramref name="referenceTime"/> (UTC).
    /// Slugs and RIDETs are unique within one call.
    /// </summary>
    public IEnumerable<Company> Generate(int count, int seed, DateTime referenceTime)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var faker = new Faker("fr") { Random = new Randomizer(seed) };
        var slugCounts = new Dictionary<string, int>(StringComparer.Ordinal); // bounded by the vocabulary, not the count
        var ridOffset = faker.Random.Int(0, RidSpace - 1);
        var sectorWeights = _sectors.Select(s => (s, (double)DemoVocabulary.Sectors[s.Code].Weight)).ToArray();
        for (var index = 0; index < count; index++)
        {
            yield return Create(faker, index, referenceTime, ridOffset, sectorWeights, slugCounts);
        }
    }

    private const int RidSpace = 9_900_000;

    private Company Create(Faker f, int index, DateTime referenceTime, int ridOffset, (Sector, double)[] sectorWeights, Dictionary<string, int> slugCounts)
    {
        var sector = Weighted(f, sectorWeights);
        var words = DemoVocabulary.Sectors[sector.Code];
        var primary = f.PickRandom(sector.Activities);
        var commune = taxonomy.FindCommune(Weighted(f, CommuneWeights))!;
        var legalForm = Weighted(f, LegalFormWeights);
        var (legalName, tradeName) = Names(f, words, commune, legalForm);
        var displayName = tradeName ?? legalName;
        var created = referenceTime.AddMinutes(-f.Random.Int(60, 6 * 365 * 24 * 60));
        var status = Weighted(f, StatusWeights);
        var sellsOnline = f.Random.Bool((float)words.ShareSellingOnline) || primary.Code == "A0604";
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
            Services = [.. f.PickRandom(words.Services, f.Random.Int(2, 4))],
            Skills = [.. f.PickRandom(words.Skills, f.Random.Int(2, 6))],
            Labels = f.Random.Bool(0.18f) ? [f.PickRandom(DemoVocabulary.Labels)] : [],
            Languages = Languages(f),
            Status = status,
            CreatedAt = created,
            UpdatedAt = created.AddDays(f.Random.Double() * (referenceTime - created).TotalDays),
            Version = 1,
        };
        company.SecondaryActivities.AddRange(SecondaryActivities(f, company.Id, sector, primary));
        company.ServiceArea = Area(f, commune);
        company.ECommerce = ECommerce(f, sellsOnline, commune);
        company.Contact = new ContactPerson
        {
            Name = $"{f.Name.FirstName()} {(f.Random.Bool(0.3f) ? f.PickRandom(DemoVocabulary.LocalFamilyNames) : f.Name.LastName())}",
            Role = f.PickRandom(DemoVocabulary.ContactRoles),
        };
        company.DescriptionFr = Description(f, company, words, commune, primary);
        company.DescriptionEn = f.Random.Bool(0.3f) ? DescriptionEn(f, company, commune, primary) : null;
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

    private static (string LegalName, string? TradeName) Names(Faker f, SectorVocabulary words, Commune commune, string legalForm)
    {
        var term = f.PickRandom(words.NameTerms);
        var root = f.PickRandom(DemoVocabulary.LocalRoots);
        var brand = f.Random.Int(0, 9) switch
        {
            <= 4 => $"{root} {term}",
            5 => $"{term} {root}",
            6 => $"{root} {term} {f.PickRandom(DemoVocabulary.BrandSuffixes)}",
            7 => $"{f.Name.LastName()} {term}",
            8 => $"{term} {commune.Name}",
            _ => $"{f.Random.String2(f.Random.Int(2, 3), "ABCDEFGHIJKLMNOPRSTV")} {term}",
        };
        if (legalForm == "EI")
        {
            // A sole trader's legal name is their own; the brand is the trade name.
            return ($"{f.Name.LastName().ToUpperInvariant()} {f.Name.FirstName()}", brand);
        }
        return f.Random.Int(0, 3) switch
        {
            0 => ($"Société Calédonienne {words.LegalNoun}", brand),
            1 => (brand.ToUpperInvariant(), brand),
            _ => (brand, null),
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

    private static string UniqueSlug(string name, Dictionary<string, int> slugCounts)
    {
        var slug = Slugs.From(name);
        var seen = slugCounts.GetValueOrDefault(slug);
        slugCounts[slug] = seen + 1;
        // Vocabulary words have no digits, so "name-2" can never be another company's base slug.
        return seen == 0 ? slug : $"{slug}-{seen + 1}";
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

    private IEnumerable<CompanyActivity> SecondaryActivities(Faker f, Guid companyId, Sector sector, Activity primary)
    {
        var count = Weighted(f, [(0, 45), (1, 30), (2, 17), (3, 8)]);
        var chosen = new HashSet<string>(StringComparer.Ordinal) { primary.Code };
        for (var i = 0; i < count; i++)
        {
            IList<Activity> pool = f.Random.Bool(0.65f) ? sector.Activities : _activities;
            var activity = f.PickRandom(pool);
            if (chosen.Add(activity.Code))
            {
                yield return new CompanyActivity { CompanyId = companyId, ActivityCode = activity.Code };
            }
        }
    }

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

    private static string Description(Faker f, Company company, SectorVocabulary words, Commune commune, Activity primary)
    {
        var kind = f.PickRandom(DemoVocabulary.CompanyKinds);
        var services = company.Services.Take(3).ToArray();
        var serviceList = services.Length == 1 ? services[0] : $"{string.Join(", ", services[..^1])} et {services[^1]}";
        var since = company.FoundingYear is { } year
            ? f.PickRandom($"Depuis {year}, ", $"Créée en {year}, ", $"Fondée en {year}, ")
            : string.Empty;
        var clients = f.PickRandom(DemoVocabulary.Clients);
        var sentences = new List<string>
        {
            $"{company.DisplayName} est une {kind} basée à {commune.Name} qui {f.PickRandom(words.Pitches)}.",
            $"{since}{(since.Length == 0 ? "Nous accompagnons" : "elle accompagne")} {clients} : {serviceList}.",
            $"Activité principale : {LowerFirst(primary.LabelFr)}.",
        };
        if (company.ECommerce.SellsOnline)
        {
            sentences.Add(company.ECommerce.DeliversIslands
                ? "Commande en ligne et livraison sur toute la Grande Terre et dans les îles."
                : "Commande et paiement en ligne sur notre boutique.");
        }
        sentences.Add(f.PickRandom(DemoVocabulary.Closings));
        return string.Join(' ', sentences);
    }

    private static string DescriptionEn(Faker f, Company company, Commune commune, Activity primary) =>
        $"{company.DisplayName} is based in {commune.Name}, New Caledonia, and works in {LowerFirst(primary.LabelEn)}. " +
        $"We serve {f.PickRandom(DemoVocabulary.ClientsEn)} across the territory and the Pacific.";

    // "Design graphique, UX/UI" → "design graphique, UX/UI": acronyms keep their capitals.
    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    /// <summary>Picks a value with a probability proportional to its weight (weights need not add up to 1).</summary>
    private static T Weighted<T>(Faker f, (T Value, double Weight)[] table)
    {
        var target = f.Random.Double() * table.Sum(t => t.Weight);
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
