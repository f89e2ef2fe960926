using System.Globalization;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>
/// The companies tests need, each made by the test that needs it (a site shared by the tests of a class keeps its
/// demo data for the pages that show the whole directory; no test picks, changes or counts on one of those rows).
/// </summary>
internal static class TestCompanies
{
    private static int _made;

    /// <summary>A number no other call in this test run got: for names, emails and RIDET numbers.</summary>
    public static int Unique() => Interlocked.Increment(ref _made);

    /// <summary>
    /// A RIDET number no other company has: the demo data's company numbers start at 0100000 (see
    /// <see cref="Core.Demo.DemoCompanyGenerator"/>), these stay below.
    /// </summary>
    public static Ridet NewRidet(bool establishment = false) =>
        Ridet.Parse(string.Create(CultureInfo.InvariantCulture, $"{Unique():0000000}{(establishment ? ".001" : string.Empty)}"));

    /// <summary>
    /// A complete profile named <paramref name="name"/> (or a name of its own), as the registration wizard leaves it:
    /// RIDET, legal form, activities, address, service area, contact details, description, services and skills, contact person.
    /// </summary>
    public static Company Build(string? name = null, PublicationStatus status = PublicationStatus.Published)
    {
        var number = Unique();
        name ??= string.Create(CultureInfo.InvariantCulture, $"Essai Numérique {number}");
        var domain = Slugs.From(name).Replace("-", string.Empty, StringComparison.Ordinal);
        var company = new Company
        {
            Id = Guid.CreateVersion7(),
            Slug = Slugs.From(name),
            LegalName = name,
            Ridet = Ridet.Parse(string.Create(CultureInfo.InvariantCulture, $"{number:0000000}.001")),
            LegalFormCode = "SARL",
            FoundingYear = 2012,
            SizeBandCode = "02",
            PrimaryActivityCode = "A0405",
            CommuneCode = "98818",
            StreetAddress = "12 rue de Sébastopol",
            PostalCode = "98800",
            ServiceArea = new ServiceArea { WholeTerritory = true },
            Website = $"https://www.{domain}.nc",
            Email = $"contact@{domain}.nc",
            Phones = ["271234"],
            Languages = ["fr", "en"],
            DescriptionFr = "Agence de développement web et mobile à Nouméa.",
            Services = ["sites internet", "applications mobiles"],
            Skills = ["C#", "Flutter"],
            Contact = new ContactPerson { Name = "Jeanne Wamytan", Role = "Gérante" },
            Status = status,
        };
        company.SecondaryActivities.Add(new CompanyActivity { CompanyId = company.Id, ActivityCode = "A0901" });
        return company;
    }

    /// <summary>
    /// A complete profile (see <see cref="Build"/>) named <paramref name="name"/> in <paramref name="status"/>, written
    /// straight to the site's database as the wizard or the import would leave it; <paramref name="alter"/> may change it
    /// (and add rows, such as its history) before the one SaveChanges. When this returns, search shows it (if published).
    /// </summary>
    public static async Task<Company> AddAsync(DirectoryWebFactory factory, string name, PublicationStatus status, Action<Company, AppDbContext>? alter = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var company = await factory.WithDatabaseAsync(async db =>
        {
            var company = Build(name, status);
            db.Companies.Add(company);
            alter?.Invoke(company, db);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return company;
        });
        await factory.IndexedAsync();
        return company;
    }

    /// <summary>A complete profile with a name of its own (see <see cref="AddAsync(DirectoryWebFactory, string, PublicationStatus, Action{Company, AppDbContext}?)"/>).</summary>
    public static Task<Company> AddAsync(DirectoryWebFactory factory, PublicationStatus status, Action<Company, AppDbContext>? alter = null) =>
        AddAsync(factory, string.Create(CultureInfo.InvariantCulture, $"Essai Numérique {Unique()}"), status, alter);

    /// <summary>A complete published profile with a name of its own.</summary>
    public static Task<Company> PublishedAsync(DirectoryWebFactory factory, Action<Company, AppDbContext>? alter = null) =>
        AddAsync(factory, PublicationStatus.Published, alter);

    /// <summary>
    /// A history entry made by hand, for a page to show (the site's own entries are written by the company life cycle):
    /// the fields of <paramref name="company"/> that differ from <paramref name="before"/> (or all of them).
    /// </summary>
    public static CompanyChange HistoryEntry(Company company, ChangeKind kind, DateTime at, Guid? userId, string actor,
        IReadOnlyDictionary<string, string?>? before = null, string? reason = null, ChangeNote? note = null) => new()
    {
        CompanyId = company.Id,
        At = at,
        UserId = userId,
        Actor = actor,
        Kind = kind,
        Reason = reason,
        Details = note?.ToJson(),
        Fields = System.Text.Json.JsonSerializer.Serialize(CompanyFields.Diff(before ?? new Dictionary<string, string?>(), CompanyFields.Of(company)),
            System.Text.Json.JsonSerializerOptions.Web),
    };
}
