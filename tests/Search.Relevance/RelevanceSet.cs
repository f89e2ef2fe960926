using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Search.Relevance;

/// <summary>
/// A relevance test set: hand-written company profiles and buyer queries judged against them
/// (<c>Data/&lt;set&gt;/profiles.json</c> and <c>queries.json</c>, format in README.md), plus the figures last
/// accepted for each engine (<c>recorded.json</c>, optional).
/// </summary>
public sealed class RelevanceSet
{
    private const string ResourcePrefix = "Relevance/";
    private static readonly DateTime Start = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private RelevanceSet(string name, IReadOnlyList<RelevanceProfile> profiles, IReadOnlyList<RelevanceQuery> queries, IReadOnlyDictionary<string, RecordedFloor> recorded)
    {
        Name = name;
        Profiles = profiles;
        Queries = queries;
        Recorded = recorded;
    }

    public string Name { get; }

    /// <summary>In file order: the order the engines index them in (score ties fall back to it).</summary>
    public IReadOnlyList<RelevanceProfile> Profiles { get; }

    public IReadOnlyList<RelevanceQuery> Queries { get; }

    /// <summary>The figures last accepted per engine (empty when the set has no <c>recorded.json</c>).</summary>
    public IReadOnlyDictionary<string, RecordedFloor> Recorded { get; }

    /// <summary>The sets this assembly carries, by name (<c>dev</c>, and any other folder under <c>Data/</c>).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. typeof(RelevanceSet).Assembly.GetManifestResourceNames()
            .Select(r => r.Replace('\\', '/'))
            .Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal) && r.EndsWith("/queries.json", StringComparison.Ordinal))
            .Select(r => r[ResourcePrefix.Length..^"/queries.json".Length])
            .Order(StringComparer.Ordinal),
    ];

    public static RelevanceSet Load(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!Names.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"No relevance set '{name}' (known: {string.Join(", ", Names)}).", nameof(name));
        }
        var profiles = Read<List<RelevanceProfile>>(name, "profiles.json") ?? throw new InvalidDataException($"Relevance set '{name}' has no profiles.json.");
        var queries = Read<List<RelevanceQuery>>(name, "queries.json") ?? throw new InvalidDataException($"Relevance set '{name}' has no queries.json.");
        var recorded = Read<SortedDictionary<string, RecordedFloor>>(name, "recorded.json") ?? [];
        return new RelevanceSet(name, profiles, queries, recorded);
    }

    /// <summary>The profiles as published companies, ids and dates fixed so that every run indexes the same thing.</summary>
    public IReadOnlyList<Company> Companies() => [.. Profiles.Select((p, i) => p.ToCompany(i + 1, Start))];

    /// <summary>The search documents of the profiles, in file order.</summary>
    public IReadOnlyList<CompanyDocument> Documents(TaxonomyCatalog taxonomy) => [.. Companies().Select(c => c.ToDocument(taxonomy))];

    /// <summary>
    /// Writes <paramref name="figures"/> as the accepted floor of <paramref name="engine"/> into the set's
    /// <c>recorded.json</c> in the source tree (other engines' floors are kept); see <c>UPDATE_RELEVANCE=1</c>.
    /// </summary>
    public string Record(string engine, RelevanceFigures figures)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(engine);
        ArgumentNullException.ThrowIfNull(figures);
        var file = Path.Combine(SourceDataFolder(), Name, "recorded.json");
        var recorded = (File.Exists(file) ? JsonSerializer.Deserialize<SortedDictionary<string, RecordedFloor>>(File.ReadAllText(file), Json) : null)
            ?? new SortedDictionary<string, RecordedFloor>(StringComparer.Ordinal);
        recorded[engine] = RecordedFloor.Of(figures);
        File.WriteAllText(file, JsonSerializer.Serialize(recorded, Json) + "\n");
        return file;
    }

    /// <summary>Whether this run should rewrite the recorded floors instead of checking them.</summary>
    public static bool UpdateRequested => Environment.GetEnvironmentVariable("UPDATE_RELEVANCE") == "1";

    private static T? Read<T>(string set, string file)
    {
        var resource = typeof(RelevanceSet).Assembly.GetManifestResourceNames()
            .FirstOrDefault(r => r.Replace('\\', '/') == $"{ResourcePrefix}{set}/{file}");
        if (resource is null)
        {
            return default;
        }
        using var stream = typeof(RelevanceSet).Assembly.GetManifestResourceStream(resource)!;
        try
        {
            return JsonSerializer.Deserialize<T>(stream, Json);
        }
        catch (JsonException bad)
        {
            throw new InvalidDataException($"Relevance set '{set}': {file} is not in the expected format ({bad.Message}).", bad);
        }
    }

    /// <summary>This project's <c>Data</c> folder in the source tree (where the build compiled it from).</summary>
    private static string SourceDataFolder([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, "Data");
}

/// <summary>A hand-written company profile (JSON, camelCase). The first activity is the primary one.</summary>
public sealed record RelevanceProfile
{
    public required string Slug { get; init; }

    /// <summary>The name buyers know (trade name when <see cref="LegalName"/> differs).</summary>
    public required string Name { get; init; }
    public string? LegalName { get; init; }
    public string? Acronym { get; init; }
    public required IReadOnlyList<string> Activities { get; init; }

    /// <summary>Head office, INSEE code.</summary>
    public required string Commune { get; init; }

    /// <summary>Absent: the whole territory.</summary>
    public RelevanceServiceArea? ServiceArea { get; init; }
    public string? Size { get; init; }
    public string? LegalForm { get; init; }
    public int? Founded { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Services { get; init; } = [];
    public IReadOnlyList<string> Skills { get; init; } = [];
    public IReadOnlyList<string> Languages { get; init; } = [];
    public IReadOnlyList<string> Labels { get; init; } = [];
    public RelevanceECommerce? Ecommerce { get; init; }

    /// <summary>The company this profile describes, published, with the <paramref name="number"/>th fixed id.</summary>
    public Company ToCompany(int number, DateTime start)
    {
        var id = new Guid($"00000000-0000-7000-9000-{number:000000000000}");
        var company = new Company
        {
            Id = id,
            Slug = Slug,
            LegalName = LegalName ?? Name,
            TradeName = LegalName is null ? null : Name,
            Acronym = Acronym,
            PrimaryActivityCode = Activities.Count > 0 ? Activities[0] : string.Empty,
            CommuneCode = Commune,
            ServiceArea = ServiceArea is { } area
                ? new ServiceArea { WholeTerritory = area.WholeTerritory, ProvinceCodes = [.. area.Provinces], CommuneCodes = [.. area.Communes] }
                : new ServiceArea { WholeTerritory = true },
            SizeBandCode = Size,
            LegalFormCode = LegalForm,
            FoundingYear = Founded,
            DescriptionFr = Description,
            Services = [.. Services],
            Skills = [.. Skills],
            Languages = [.. Languages],
            Labels = [.. Labels],
            ECommerce = Ecommerce?.ToProfile() ?? new ECommerceProfile(),
            Status = PublicationStatus.Published,
            Version = 1,
            CreatedAt = start.AddDays(number),
            PublishedAt = start.AddDays(number),
            UpdatedAt = start.AddDays(number),
        };
        company.SecondaryActivities.AddRange(Activities.Skip(1).Select(code => new CompanyActivity { CompanyId = id, ActivityCode = code }));
        return company;
    }
}

public sealed record RelevanceServiceArea
{
    public bool WholeTerritory { get; init; }
    public IReadOnlyList<string> Provinces { get; init; } = [];
    public IReadOnlyList<string> Communes { get; init; } = [];
}

public sealed record RelevanceECommerce
{
    public bool OwnShop { get; init; }
    public bool Marketplaces { get; init; }
    public bool OnlinePayment { get; init; }
    public bool DeliversTerritory { get; init; }
    public bool DeliversIslands { get; init; }
    public bool B2b { get; init; }
    public bool B2c { get; init; }
    public IReadOnlyList<string> Platforms { get; init; } = [];

    public ECommerceProfile ToProfile() => new()
    {
        SellsOnOwnShop = OwnShop,
        SellsOnMarketplaces = Marketplaces,
        OnlinePayment = OnlinePayment,
        DeliversTerritory = DeliversTerritory,
        DeliversIslands = DeliversIslands,
        B2B = B2b,
        B2C = B2c,
        Platforms = [.. Platforms],
    };
}

/// <summary>A buyer's query and the grade of each relevant company (2 exactly right, 1 could serve, absent 0).</summary>
public sealed record RelevanceQuery
{
    public const string NoAnswerClass = "no-answer";

    public required string Id { get; init; }
    public required string Text { get; init; }
    public required IReadOnlyList<string> Classes { get; init; }
    public IReadOnlyDictionary<string, int> Judgments { get; init; } = new Dictionary<string, int>();
    public string? Note { get; init; }

    /// <summary>Whether some company answers it (grade 1 or 2).</summary>
    public bool HasAnswer => Judgments.Values.Any(g => g > 0);

    public int Grade(string slug) => Judgments.TryGetValue(slug, out var grade) ? grade : 0;
}
