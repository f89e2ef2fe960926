using AnnuaireFiliere.Core.Companies;

namespace AnnuaireFiliere.Core.Tests;

internal static class SampleCompanies
{
    /// <summary>A RIDET of its own for each slug (a RIDET belongs to one company): <c>1234567.001</c> for the default one.</summary>
    public static Ridet RidetOf(string slug)
    {
        if (slug == "cagou-web")
        {
            return Ridet.Parse("1234567.001");
        }
        var hash = 2166136261u;
        foreach (var character in slug)
        {
            hash = (hash ^ character) * 16777619u;
        }
        return Ridet.Parse(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{2_000_000 + hash % 7_000_000}.001"));
    }

    public static Company Valid(string slug = "cagou-web", PublicationStatus status = PublicationStatus.Published) => new()
    {
        Id = Guid.CreateVersion7(),
        Slug = slug,
        LegalName = "Cagou Web SARL",
        TradeName = "Cagou Web",
        Ridet = RidetOf(slug),
        LegalFormCode = "SARL",
        FoundingYear = 2012,
        SizeBandCode = "02",
        PrimaryActivityCode = "A0405",
        SecondaryActivities = { new CompanyActivity { ActivityCode = "A0901" } },
        CommuneCode = "98818",
        StreetAddress = "12 rue de Sébastopol",
        PostalCode = "98800",
        ServiceArea = new ServiceArea { WholeTerritory = true },
        Website = "https://www.cagouweb.nc",
        Email = "contact@cagouweb.nc",
        Phones = ["271234"],
        Languages = ["fr", "en"],
        DescriptionFr = "Agence de développement web à Nouméa.",
        Status = status,
    };
}
