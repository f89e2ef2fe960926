using System.Text.RegularExpressions;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Tests;

public sealed partial class TaxonomyTests
{
    private readonly TaxonomyCatalog _taxonomy = TaxonomyCatalog.Default;

    [Fact]
    public void There_are_33_communes_in_3_provinces()
    {
        Assert.Equal(33, _taxonomy.Communes.Count);
        Assert.Equal(["iles", "nord", "sud"], _taxonomy.Provinces.Select(p => p.Code).Order(StringComparer.Ordinal));
        Assert.Equal(3, _taxonomy.FindProvince("iles")!.Communes.Count);
        Assert.Equal(17, _taxonomy.FindProvince("nord")!.Communes.Count);   // 16 + Poya (village in the North)
        Assert.Equal(13, _taxonomy.FindProvince("sud")!.Communes.Count);
    }

    [Fact]
    public void Distances_between_communes_are_great_circle_kilometres_between_their_centres()
    {
        var taxonomy = TaxonomyCatalog.Default;
        var noumea = taxonomy.FindCommune("98818")!;
        var kone = taxonomy.FindCommune("98811")!;

        // Nouméa to Koné is about 210 km as the crow flies (by road, 270 km).
        Assert.InRange(noumea.DistanceKm(kone), 205, 225);
        Assert.Equal(noumea.DistanceKm(kone), kone.DistanceKm(noumea), 6);
        Assert.Equal(0, noumea.DistanceKm(noumea), 6);
        var nearest = taxonomy.NearestCommunes(noumea).ToList();
        Assert.Equal(taxonomy.Communes.Count - 1, nearest.Count);
        Assert.True(nearest[0].Commune.Name is "Mont-Dore" or "Dumbéa", nearest[0].Commune.Name);
        Assert.True(nearest.Zip(nearest.Skip(1)).All(p => p.First.Km <= p.Second.Km));
    }

    [Fact]
    public void Commune_codes_are_the_insee_codes_98801_to_98833()
    {
        Assert.Equal(Enumerable.Range(98801, 33).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)), _taxonomy.Communes.Select(c => c.Code).Order(StringComparer.Ordinal));
        Assert.Equal("Nouméa", _taxonomy.FindCommune("98818")!.Name);
        Assert.Equal("Kouaoua", _taxonomy.FindCommune("98833")!.Name);
    }

    [Fact]
    public void Known_pitfalls_of_the_reference_data_are_right()
    {
        Assert.Equal("sud", _taxonomy.FindCommune("98809")!.ProvinceCode);         // Île des Pins is in the South
        Assert.Equal(["sud"], _taxonomy.FindCommune("98827")!.OtherProvinceCodes); // Poya spans North and South
        Assert.Equal("98829", _taxonomy.FindCommune("98829")!.PostalCodes[0]);     // Thio
        Assert.Equal("98800", _taxonomy.FindCommune("98818")!.PostalCodes[0]);     // Nouméa: COG 98818, postal code 98800
    }

    [Fact]
    public void Postal_codes_are_well_formed_and_belong_to_one_commune()
    {
        var all = _taxonomy.Communes.SelectMany(c => c.PostalCodes).ToList();
        Assert.All(all, code => Assert.Matches(PostalCode(), code));
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
        Assert.All(_taxonomy.Communes, c => Assert.NotEmpty(c.PostalCodes));
    }

    [Fact]
    public void Every_activity_belongs_to_exactly_one_existing_sector()
    {
        Assert.Equal(11, _taxonomy.Sectors.Count);
        Assert.Equal(61, _taxonomy.Activities.Count);
        Assert.All(_taxonomy.Activities, a => Assert.Same(_taxonomy.FindSector(a.SectorCode), a.Sector));
        Assert.Equal(_taxonomy.Activities.Count, _taxonomy.Sectors.Sum(s => s.Activities.Count));
        Assert.All(_taxonomy.Activities, a => Assert.StartsWith("A" + a.SectorCode[1..], a.Code, StringComparison.Ordinal));
    }

    [Fact]
    public void Naf_codes_are_well_formed_and_described()
    {
        var described = _taxonomy.NafCodes.Select(n => n.Code).ToHashSet(StringComparer.Ordinal);
        Assert.All(_taxonomy.Activities, a =>
        {
            Assert.NotEmpty(a.NafCodes);
            Assert.All(a.NafCodes, naf =>
            {
                Assert.Matches(Naf(), naf);
                Assert.Contains(naf, described);
            });
        });
    }

    [Fact]
    public void Activities_are_found_by_naf_code_with_or_without_the_dot()
    {
        Assert.Equal("A0405", Assert.Single(_taxonomy.ActivitiesForNaf("62.01Z")).Code);
        Assert.Equal("A0405", Assert.Single(_taxonomy.ActivitiesForNaf("6201z")).Code);
        Assert.Empty(_taxonomy.ActivitiesForNaf("01.11Z"));   // farming is not in the typology
        Assert.Empty(_taxonomy.ActivitiesForNaf(null));
    }

    [Fact]
    public void Every_entry_has_a_french_and_an_english_label()
    {
        IEnumerable<TaxonomyEntry> all = [.. _taxonomy.Sectors, .. _taxonomy.Activities, .. _taxonomy.Provinces, .. _taxonomy.Communes,
            .. _taxonomy.SizeBands, .. _taxonomy.LegalForms, .. _taxonomy.Languages];
        Assert.All(all, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.LabelFr), e.Code);
            Assert.False(string.IsNullOrWhiteSpace(e.LabelEn), e.Code);
        });
        Assert.Equal("South Province", _taxonomy.FindProvince("sud")!.LabelIn(System.Globalization.CultureInfo.GetCultureInfo("en")));
        Assert.Equal("Province Sud", _taxonomy.FindProvince("sud")!.LabelIn(System.Globalization.CultureInfo.GetCultureInfo("fr-NC")));
    }

    [Fact]
    public void Size_bands_are_the_insee_codes_with_five_facet_bands()
    {
        Assert.Equal(16, _taxonomy.SizeBands.Count);
        Assert.Equal(["0", "1-9", "10-49", "50-249", "250+"], _taxonomy.SizeBands.Select(b => b.FacetBand).Distinct());
    }

    [GeneratedRegex(@"^988\d{2}$")]
    private static partial Regex PostalCode();

    [GeneratedRegex(@"^\d{2}\.\d{2}[A-Z]$")]
    private static partial Regex Naf();
}
