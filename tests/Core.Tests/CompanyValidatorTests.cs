using System.Globalization;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.Extensions.Time.Testing;

namespace AnnuaireFiliere.Core.Tests;

public sealed class CompanyValidatorTests
{
    private readonly CompanyValidator _validator = new(TaxonomyCatalog.Default, new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)));

    private IReadOnlyList<ValidationIssue> Validate(Action<Company> change)
    {
        var company = SampleCompanies.Valid();
        change(company);
        using var french = new CultureScope("fr-NC");
        return _validator.Validate(company);
    }

    [Fact]
    public void A_complete_profile_is_valid() => Assert.Empty(Validate(_ => { }));

    [Fact]
    public void Legal_name_is_required_with_a_french_message()
    {
        var issue = Assert.Single(Validate(c => c.LegalName = "  "));
        Assert.Equal(nameof(Company.LegalName), issue.Field);
        Assert.Equal("Raison sociale : ce champ est obligatoire.", issue.Message);
    }

    [Fact]
    public void Messages_are_in_english_for_an_english_user()
    {
        var company = SampleCompanies.Valid();
        company.LegalName = "";
        using var english = new CultureScope("en");
        var issue = Assert.Single(_validator.Validate(company));
        Assert.Equal("Legal name: this field is required.", issue.Message);
    }

    [Theory]
    [InlineData(nameof(Company.LegalName), CompanyValidator.NameMaxLength)]
    [InlineData(nameof(Company.TradeName), CompanyValidator.NameMaxLength)]
    [InlineData(nameof(Company.Acronym), CompanyValidator.AcronymMaxLength)]
    [InlineData(nameof(Company.DescriptionFr), CompanyValidator.DescriptionMaxLength)]
    [InlineData(nameof(Company.StreetAddress), CompanyValidator.AddressMaxLength)]
    public void Text_fields_have_a_maximum_length(string field, int maxLength)
    {
        var property = typeof(Company).GetProperty(field)!;
        Assert.Empty(Validate(c => property.SetValue(c, new string('a', maxLength))));
        var issue = Assert.Single(Validate(c => property.SetValue(c, new string('a', maxLength + 1))));
        Assert.Equal(field, issue.Field);
        Assert.Contains(maxLength.ToString(CultureInfo.InvariantCulture), issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("98800", true)]    // Nouméa
    [InlineData("98848", true)]    // Nouméa CEDEX
    [InlineData("98835", false)]   // Dumbéa's code
    [InlineData("98000", false)]   // Monaco
    [InlineData("9880", false)]
    [InlineData("98a00", false)]
    public void Postal_code_must_belong_to_the_commune(string postalCode, bool valid)
    {
        var issues = Validate(c => c.PostalCode = postalCode);
        Assert.Equal(valid, issues.Count == 0);
        if (!valid)
        {
            Assert.Equal(nameof(Company.PostalCode), Assert.Single(issues).Field);
        }
    }

    [Fact]
    public void Postal_code_mismatch_names_the_commune_and_its_codes()
    {
        var issue = Assert.Single(Validate(c => { c.CommuneCode = "98811"; c.PostalCode = "98800"; }));
        Assert.Equal("Le code postal 98800 n'appartient pas à la commune de Koné (codes de cette commune : 98859, 98860).", issue.Message);
    }

    [Theory]
    [InlineData("https://www.exemple.nc", true)]
    [InlineData("http://exemple.nc/page?x=1", true)]
    [InlineData("ftp://exemple.nc", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("www.exemple.nc", false)]
    [InlineData("https://localhost", false)]
    [InlineData("https://user:pass@exemple.nc", false)]
    public void Website_must_be_an_http_or_https_address(string website, bool valid) =>
        Assert.Equal(valid, Validate(c => c.Website = website).Count == 0);

    [Theory]
    [InlineData("contact@exemple.nc", true)]
    [InlineData("Jean <jean@exemple.nc>", false)]
    [InlineData("pas-une-adresse", false)]
    [InlineData("a@b", false)]
    public void Email_must_be_a_plain_address(string email, bool valid) =>
        Assert.Equal(valid, Validate(c => c.Email = email).Count == 0);

    [Fact]
    public void Phones_must_be_caledonian()
    {
        var issue = Assert.Single(Validate(c => c.Phones = ["271234", "01 23 45 67 89"]));
        Assert.Equal(nameof(Company.Phones), issue.Field);
        Assert.Contains("01 23 45 67 89", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1849, false)]
    [InlineData(1850, true)]
    [InlineData(2026, true)]
    [InlineData(2027, false)]
    public void Founding_year_is_between_1850_and_this_year(int year, bool valid) =>
        Assert.Equal(valid, Validate(c => c.FoundingYear = year).Count == 0);

    [Fact]
    public void Codes_must_come_from_the_taxonomy()
    {
        var issues = Validate(c =>
        {
            c.PrimaryActivityCode = "A9999";
            c.CommuneCode = "75056";
            c.SizeBandCode = "99";
            c.LegalFormCode = "LLC";
            c.Languages = ["fr", "klingon"];
        });
        string[] expected = [nameof(Company.CommuneCode), nameof(Company.Languages), nameof(Company.LegalFormCode), nameof(Company.PrimaryActivityCode), nameof(Company.SizeBandCode)];
        Assert.Equal(expected, issues.Select(i => i.Field).Order(StringComparer.Ordinal));
        Assert.Contains(issues, i => i.Message.Contains("klingon", StringComparison.Ordinal));
    }

    [Fact]
    public void At_most_five_secondary_activities_none_repeated()
    {
        var six = new[] { "A0101", "A0102", "A0103", "A0104", "A0105", "A0201" };
        var tooMany = Validate(c => { c.SecondaryActivities.Clear(); c.SecondaryActivities.AddRange(six.Select(a => new CompanyActivity { ActivityCode = a })); });
        Assert.Contains(tooMany, i => i.Field == nameof(Company.SecondaryActivities) && i.Message.Contains('5', StringComparison.Ordinal));

        var repeated = Validate(c => { c.SecondaryActivities.Clear(); c.SecondaryActivities.Add(new CompanyActivity { ActivityCode = c.PrimaryActivityCode }); });
        Assert.Equal(nameof(Company.SecondaryActivities), Assert.Single(repeated).Field);
    }

    [Fact]
    public void A_service_area_is_required()
    {
        var issue = Assert.Single(Validate(c => c.ServiceArea = new ServiceArea()));
        Assert.Equal(nameof(Company.ServiceArea), issue.Field);
        Assert.Empty(Validate(c => c.ServiceArea = new ServiceArea { ProvinceCodes = ["nord"] }));
        Assert.Single(Validate(c => c.ServiceArea = new ServiceArea { ProvinceCodes = ["ouest"] }));
    }

    [Fact]
    public void Lists_are_bounded()
    {
        Assert.Single(Validate(c => c.Skills = [.. Enumerable.Range(0, CompanyValidator.MaxListItems + 1).Select(i => $"tag{i}")]));
        Assert.Single(Validate(c => c.Services = [new string('x', CompanyValidator.ListItemMaxLength + 1)]));
        Assert.Single(Validate(c => c.SocialLinks = ["facebook.com/cagou"]));
    }

    /// <summary>Sets the UI culture for the duration of a test.</summary>
    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

        public CultureScope(string name) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

        public void Dispose() => CultureInfo.CurrentUICulture = _previous;
    }
}

public sealed class ValidationMessagesTests
{
    [Fact]
    public void Every_french_message_has_an_english_translation()
    {
        static string[] Keys(System.Globalization.CultureInfo culture) =>
            [.. ValidationMessages.ResourceManager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
                .Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).Order(StringComparer.Ordinal)];
        Assert.NotEmpty(Keys(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Keys(System.Globalization.CultureInfo.InvariantCulture), Keys(System.Globalization.CultureInfo.GetCultureInfo("en")));
    }
}
