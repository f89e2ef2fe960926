using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Tests.Search;

public sealed class ProximityTests
{
    private static readonly TaxonomyCatalog Taxonomy = TaxonomyCatalog.Default;

    [Fact]
    public void The_communes_within_a_radius_are_those_whose_centre_is_that_close_the_commune_first()
    {
        var kone = Taxonomy.FindCommune("98811")!;

        var within25 = Proximity.CommunesWithin(kone, 25, Taxonomy);

        Assert.Equal("98811", within25[0].Code);
        Assert.Equal(Taxonomy.Communes.Where(c => c.DistanceKm(kone) <= 25).Select(c => c.Code).Order(StringComparer.Ordinal), within25.Select(c => c.Code).Order(StringComparer.Ordinal));
        Assert.Contains(within25, c => c.Name == "Pouembout");          // about 6 km
        Assert.DoesNotContain(within25, c => c.Name == "Poya");         // about 44 km
        Assert.Contains(Proximity.CommunesWithin(kone, 50, Taxonomy), c => c.Name == "Poya");
        Assert.DoesNotContain(Proximity.CommunesWithin(kone, 100, Taxonomy), c => c.Name == "Nouméa");   // about 210 km
    }

    [Fact]
    public void Wider_radii_hold_every_commune_of_the_narrower_ones()
    {
        foreach (var commune in Taxonomy.Communes)
        {
            var sets = Proximity.RadiiKm.Select(km => Proximity.CommunesWithin(commune, km, Taxonomy).Select(c => c.Code).ToHashSet()).ToList();
            Assert.All(sets.Zip(sets.Skip(1)), pair => Assert.Subset(pair.Second, pair.First));
        }
    }

    [Fact]
    public void A_service_area_covers_a_commune_by_naming_it_its_province_or_the_whole_territory()
    {
        // Poya lies in both the North and the South.
        var poya = Taxonomy.FindCommune("98827")!;
        var areas = Proximity.CoveringAreas(poya);

        Assert.Equal(["commune:98827", "province:nord", "province:sud", "territoire"], areas.Order(StringComparer.Ordinal));
        bool Covers(ServiceArea area) => SearchFields.AreaValues(Document(area)).Intersect(areas).Any();
        Assert.True(Covers(new ServiceArea { WholeTerritory = true }));
        Assert.True(Covers(new ServiceArea { ProvinceCodes = ["sud"] }));
        Assert.True(Covers(new ServiceArea { CommuneCodes = ["98827"] }));
        Assert.False(Covers(new ServiceArea { ProvinceCodes = ["iles"] }));
        Assert.False(Covers(new ServiceArea { CommuneCodes = ["98811"] }));
    }

    [Fact]
    public void An_unknown_commune_has_no_terms_so_no_company_is_near_it() =>
        Assert.Empty(Proximity.Terms("99999", 25, Taxonomy));

    [Theory]
    [InlineData(5, false)]
    [InlineData(10, true)]
    [InlineData(25, true)]
    [InlineData(50, true)]
    [InlineData(100, true)]
    [InlineData(200, false)]
    public void Only_the_offered_radii_are_offered(int km, bool offered) =>
        Assert.Equal(offered, Proximity.IsOfferedRadius(km));

    // A company in Lifou: its own commune never covers Poya.
    private static CompanyDocument Document(ServiceArea area) => new Company
    {
        Id = Guid.NewGuid(), Slug = "x", LegalName = "X", PrimaryActivityCode = "A0405", CommuneCode = "98814", ServiceArea = area,
    }.ToDocument(Taxonomy);
}
