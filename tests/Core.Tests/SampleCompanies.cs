using AnnuaireFiliere.Core.Companies;

namespace AnnuaireFiliere.Core.Tests;

internal static class SampleCompanies
{
    public static Company Valid(string slug = "cagou-web", PublicationStatus status = PublicationStatus.Published) => new()
    {
        Id = Guid.CreateVersion7(),
        Slug = slug,
        LegalName = "Cagou Web SARL",
        TradeName = "Cagou Web",
        Ridet = Ridet.Parse("1234567.001"),
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
