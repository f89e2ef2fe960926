using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Search.Conformance;

/// <summary>
/// The behaviour every search engine owes the product, on <see cref="ConformanceCompanies"/>. Each engine's test
/// project derives from this class and provides an engine loaded with exactly those companies.
/// </summary>
public abstract class SearchConformanceTests
{
    protected static readonly TaxonomyCatalog Taxonomy = TaxonomyCatalog.Default;
    protected static readonly IReadOnlyList<CompanyDocument> Companies = ConformanceCompanies.Documents(Taxonomy);

    /// <summary>The engine under test, holding exactly <see cref="ConformanceCompanies.All"/>.</summary>
    protected abstract ICompanySearch Search { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected Task<SearchResult> Find(string? text = null, Func<SearchRequest, SearchRequest>? with = null)
    {
        var request = new SearchRequest { Text = text, PageSize = SearchRequest.MaxPageSize };
        return Search.SearchAsync(with is null ? request : with(request), Cancel);
    }

    protected async Task<IReadOnlyList<string>> Slugs(string? text = null, Func<SearchRequest, SearchRequest>? with = null) =>
        [.. (await Find(text, with)).Hits.Select(h => h.Slug)];

    // ---- Text analysis -------------------------------------------------------------------------------------

    [Theory]
    [InlineData("developpement")]
    [InlineData("DÉVELOPPEMENT")]
    [InlineData("Développement")]
    public async Task Accents_and_case_do_not_matter(string text) =>
        Assert.Contains("cagou-developpement", await Slugs(text));

    [Fact]
    public async Task Elision_is_removed()
    {
        var withArticle = await Slugs("l'informatique ");
        Assert.Contains("informatique-caledonienne", withArticle);
        Assert.Equal((await Slugs("informatique ")).Order(), withArticle.Order());
        Assert.Contains("reference-web", await Slugs("d’référencement "));
    }

    [Fact]
    public async Task Plurals_and_singulars_match_by_stemming()
    {
        Assert.Contains("logiciels-du-pacifique", await Slugs("logiciel "));
        Assert.Contains("logiciels-du-pacifique", await Slugs("logiciels "));
        Assert.Contains("mobile-factory", await Slugs("application mobile "));
    }

    [Theory]
    [InlineData("devloppement ", "cagou-developpement")]     // one letter missing
    [InlineData("cybersecurite ", "cyber-lagon")]             // accents missing
    [InlineData("cybersécruité ", "cyber-lagon")]             // two letters swapped
    [InlineData("infromatique ", "informatique-caledonienne")]
    [InlineData("developpemant web ", "cagou-developpement")]
    public async Task Typos_are_tolerated(string text, string expected) =>
        Assert.Contains(expected, await Slugs(text));

    [Fact]
    public async Task Short_words_are_not_fuzzy()
    {
        // "web" is 3 letters: "wbe" must not match it by typo tolerance.
        Assert.Empty(await Slugs("wbe "));
    }

    [Theory]
    [InlineData("cyber", "cyber-lagon")]
    [InlineData("dévelop", "cagou-developpement")]
    [InlineData("cagou dév", "cagou-developpement")]
    [InlineData("nauti", "nautile-cloud")]
    public async Task The_last_word_matches_as_a_prefix_while_typing(string text, string expected) =>
        Assert.Contains(expected, await Slugs(text));

    [Fact]
    public async Task Only_the_last_word_is_a_prefix()
    {
        Assert.Contains("informatique-caledonienne", await Slugs("informat"));
        Assert.Empty(await Slugs("informat "));
        // Not the last word: "informat" is no word of any company (nor close to one), so it is set aside, and said so.
        var finished = await Find("informat maintenance ");
        Assert.Equal(["informat"], finished.SetAside);
    }

    [Fact]
    public async Task A_prefix_needs_three_letters()
    {
        Assert.Contains("nautile-cloud", await Slugs("nau"));
        Assert.DoesNotContain("nautile-cloud", await Slugs("na"));
    }

    [Theory]
    [InlineData("SEO ", "reference-web")]
    [InlineData("ERP ", "progiciels-nc")]
    [InlineData("sécurité informatique ", "cyber-lagon")]
    [InlineData("dev web ", "cagou-developpement")]
    [InlineData("web development ", "cagou-developpement")]
    [InlineData("hosting ", "nautile-cloud")]
    [InlineData("call center ", "barriere-call")]
    public async Task Synonyms_find_the_words_companies_use(string text, string expected) =>
        Assert.Contains(expected, await Slugs(text));

    [Fact]
    public async Task Synonyms_work_in_both_directions()
    {
        Assert.Contains("dumbea-securite", await Slugs("cybersécurité "));
        Assert.Contains("cyber-lagon", await Slugs("sécurité informatique "));
    }

    [Fact]
    public async Task Quoted_words_must_appear_together()
    {
        var phrase = await Slugs("\"agence de communication\"");
        Assert.Contains("agence-corail", phrase);
        Assert.DoesNotContain("corail-agence-evenementielle", phrase);   // has "agence" and "communication" far apart
        Assert.Contains("corail-agence-evenementielle", await Slugs("agence communication "));
    }

    [Fact]
    public async Task A_quoted_phrase_keeps_the_words_that_are_also_nouns()
    {
        // "son" (sound) is no stop word in either engine (one list, Search/french-stopwords.txt): the phrase needs
        // it right before "et lumière". Maré Images has "lumière" alone; "et" stays a stop word, a gap in both.
        Assert.Equal(["corail-agence-evenementielle"], await Slugs("\"son et lumière\""));
        Assert.Contains("mare-images", await Slugs("lumière "));
    }

    [Fact]
    public async Task Companies_with_every_word_come_first_then_those_with_most_of_them()
    {
        var result = await Find("cloud sauvegarde ");

        Assert.Equal("nautile-cloud", result.Hits[0].Slug);           // both words
        Assert.Empty(result.Hits[0].MissingWords);
        Assert.Equal(1, result.ExactTotal);
        Assert.Contains(result.Hits, h => h.Slug == "dumbea-securite" && h.MissingWords.SequenceEqual(["cloud"]));
        Assert.All(result.Hits.Skip(1), h => Assert.Single(h.MissingWords));
    }

    [Fact]
    public async Task No_company_with_every_word_still_shows_those_with_some()
    {
        var result = await Find("fibre photographie ");

        Assert.Equal(0, result.ExactTotal);
        Assert.Contains(result.Hits, h => h.Slug == "alpha-reseaux" && h.MissingWords.SequenceEqual(["photographie"]));
        Assert.Contains(result.Hits, h => h.Slug == "mare-images" && h.MissingWords.SequenceEqual(["fibre"]));
    }

    [Fact]
    public async Task A_word_no_company_has_is_set_aside_and_said_so()
    {
        var result = await Find("formation personnel ");

        Assert.Equal(["personnel"], result.SetAside);
        Assert.Contains(result.Hits, h => h.Slug == "caillou-formation");
        Assert.All(result.Hits, h => Assert.Empty(h.MissingWords));
        Assert.Empty(await Slugs("boulangerie "));   // nothing to set aside for: nothing
    }

    // ---- Words and their forms -----------------------------------------------------------------------------

    [Theory]
    [InlineData("réparer ", "kone-numerique")]        // "Réparation d'ordinateurs"
    [InlineData("dépanner ", "koumac-informatique")]  // "Dépannage informatique"
    [InlineData("traduire ", "tricot-traduction")]    // "Traduction et interprétation"
    [InlineData("former ", "caillou-formation")]      // "Formation aux outils numériques"
    [InlineData("développeur web ", "cagou-developpement")]
    public async Task A_verb_finds_its_noun(string text, string expected) =>
        Assert.Contains(expected, await Slugs(text));

    [Theory]
    [InlineData("wifi ")]
    [InlineData("wi fi ")]
    [InlineData("wi-fi ")]
    public async Task Words_written_in_two_parts_meet_their_one_word_form(string text) =>
        Assert.Contains("lifou-connect", await Slugs(text));   // "Accès internet et Wi-Fi"

    [Fact]
    public async Task A_synonym_widens_and_never_narrows()
    {
        var ordered = await Slugs("maintenance informatique ");
        var bothWords = (await Find("informatique maintenance ")).Hits.Where(h => h.MissingWords.Count == 0).Select(h => h.Slug);

        Assert.Superset(bothWords.ToHashSet(), ordered.ToHashSet());   // every company with both words, in any order
        Assert.Contains("informatique-caledonienne", ordered);   // "maintenance du parc informatique": the words apart
        Assert.Contains("koumac-informatique", ordered);         // "dépannage informatique": a variant
    }

    [Fact]
    public async Task An_unknown_word_is_read_as_the_closest_known_one_and_said_so()
    {
        var corrected = await Find("cybersécruité ");
        Assert.Contains(corrected.Hits, h => h.Slug == "cyber-lagon");
        Assert.Contains(corrected.Corrections, c => c.Typed == "cybersecruite" && c.Corrected == "cybersecurite");

        var asTyped = await Find("cybersécruité ", r => r with { ExactSpelling = true });
        Assert.Empty(asTyped.Corrections);
        Assert.DoesNotContain(asTyped.Hits, h => h.Slug == "cyber-lagon");
    }

    // ---- Places --------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_commune_in_the_text_ranks_its_companies_first_and_keeps_the_others()
    {
        var result = await Find("informatique Koumac ");

        Assert.Equal("koumac-informatique", result.Hits[0].Slug);
        Assert.Contains(result.Hits, h => h.Slug == "informatique-caledonienne");   // "informatique", in Nouméa
        Assert.Equal(["Koumac"], result.Places);
    }

    [Fact]
    public async Task A_place_is_not_a_word_to_match()
    {
        // Koné Numérique does not write "Koné" in its text, but it is there.
        var result = await Find("réparation Koné ");
        Assert.Equal("kone-numerique", result.Hits[0].Slug);
        Assert.Empty(result.SetAside);
    }

    [Fact]
    public async Task A_place_alone_shows_the_companies_there()
    {
        Assert.Equal(["koumac-informatique"], await Slugs("Koumac "));
        var greater = await Find("Grand Nouméa ");
        Assert.NotEmpty(greater.Hits);
        Assert.All(greater.Hits, h => Assert.Contains(h.Slug, ConformanceCompanies.All.Where(c => c.CommuneCode is "98818" or "98805" or "98817" or "98821").Select(c => c.Slug)));
        Assert.Contains(await Slugs("province Nord "), s => s == "kone-numerique");
    }

    // ---- Near a commune -------------------------------------------------------------------------------------

    /// <summary>The expected companies, from the fixture itself: located within the radius (between centres), or working there.</summary>
    private static List<string> Near(string communeCode, int km)
    {
        var target = Taxonomy.FindCommune(communeCode)!;
        bool Covers(Core.Companies.ServiceArea area) =>
            area.WholeTerritory || area.CommuneCodes.Contains(communeCode) || area.ProvinceCodes.Intersect([target.ProvinceCode, .. target.OtherProvinceCodes]).Any();
        return [.. ConformanceCompanies.All
            .Where(c => Taxonomy.FindCommune(c.CommuneCode)!.DistanceKm(target) <= km || Covers(c.ServiceArea))
            .Select(c => c.Slug).Order(StringComparer.Ordinal)];
    }

    [Theory]
    [InlineData("98811", 10)]
    [InlineData("98811", 25)]
    [InlineData("98811", 50)]
    [InlineData("98811", 100)]
    [InlineData("98814", 25)]
    [InlineData("98818", 50)]
    public async Task Near_a_commune_keeps_the_companies_within_the_radius_or_working_there(string commune, int km)
    {
        var result = await Find(with: r => r with { Near = commune, RadiusKm = km });

        Assert.Equal(Near(commune, km), result.Hits.Select(h => h.Slug).Order(StringComparer.Ordinal));
        Assert.Equal(Near(commune, km).Count, result.Total);
    }

    [Fact]
    public async Task A_wider_radius_reaches_the_neighbouring_communes()
    {
        // Poya is about 44 km from Koné and works only in Poya; Koumac Informatique, 80 km away, names Koné in its area.
        var within25 = await Slugs(with: r => r with { Near = "98811", RadiusKm = 25 });
        var within50 = await Slugs(with: r => r with { Near = "98811", RadiusKm = 50 });

        Assert.DoesNotContain("poya-reseaux", within25);
        Assert.Contains("poya-reseaux", within50);
        Assert.Contains("koumac-informatique", within25);
        Assert.Contains("kone-numerique", within25);
        Assert.DoesNotContain("bourail-web", within50);    // works only in Bourail and Moindou
        Assert.DoesNotContain("lifou-connect", within50);
    }

    [Fact]
    public async Task A_service_area_naming_the_province_covers_its_communes()
    {
        // Ouvéa Tourisme Digital works in the Islands province: it is near Lifou (75 km away) whatever the radius.
        var nearLifou = await Slugs(with: r => r with { Near = "98814", RadiusKm = 10 });
        Assert.Contains("ouvea-tourisme-digital", nearLifou);
        Assert.Contains("lifou-connect", nearLifou);
        Assert.DoesNotContain("mare-images", nearLifou);   // Maré works only in Maré
    }

    [Fact]
    public async Task Near_a_commune_combines_with_the_text_and_the_filters_and_holds_in_the_facet_counts()
    {
        var near = Near("98811", 25);
        var result = await Find("réparation ", r => r with { Near = "98811", RadiusKm = 25 });
        var all = await Find("réparation ");
        Assert.Equal(all.Hits.Select(h => h.Slug).Where(near.Contains).Order(StringComparer.Ordinal), result.Hits.Select(h => h.Slug).Order(StringComparer.Ordinal));

        var inNord = await Find(with: r => r with { Near = "98811", RadiusKm = 25, Provinces = ["nord"] });
        Assert.Equal(ConformanceCompanies.All.Where(c => near.Contains(c.Slug) && Taxonomy.FindCommune(c.CommuneCode)!.ProvinceCode == "nord").Select(c => c.Slug).Order(StringComparer.Ordinal),
            inNord.Hits.Select(h => h.Slug).Order(StringComparer.Ordinal));

        // Every facet counts only the companies near: the commune facet too (it stays disjunctive for its own selection).
        var communes = (await Find(with: r => r with { Near = "98811", RadiusKm = 25, Communes = ["98811"] })).Facet(FacetNames.Commune).Values;
        foreach (var group in ConformanceCompanies.All.Where(c => near.Contains(c.Slug)).GroupBy(c => c.CommuneCode))
        {
            Assert.Equal(group.Count(), communes.Single(v => v.Code == group.Key).Count);
        }
        Assert.DoesNotContain(communes, v => v.Code == "98803");   // Bourail Web works only in Bourail and Moindou
    }

    [Fact]
    public async Task Near_an_unknown_commune_finds_nothing() =>
        Assert.Equal(0, (await Find(with: r => r with { Near = "99999" })).Total);

    // ---- Relevance -----------------------------------------------------------------------------------------

    [Fact]
    public async Task An_exact_name_comes_first()
    {
        Assert.Equal("cyber-lagon", (await Slugs("Cyber Lagon"))[0]);
        Assert.Equal("agence-corail", (await Slugs("agence corail"))[0]);
    }

    [Fact]
    public async Task Names_weigh_more_than_descriptions()
    {
        // "Drone" is in Païta Drone's name and only in Ouen Toro Films' skills and description.
        var results = await Slugs("drone ");
        Assert.True(results.ToList().IndexOf("paita-drone") < results.ToList().IndexOf("ouen-toro-films"));
    }

    [Fact]
    public async Task Skills_weigh_more_than_descriptions()
    {
        // "Montage" is a skill of two production companies and only a word of Anse Vata Studio's description.
        var results = (await Slugs("montage ")).ToList();
        Assert.Equal(3, results.Count);
        Assert.Equal("anse-vata-studio", results[^1]);
    }

    // ---- Filters and facets --------------------------------------------------------------------------------

    [Fact]
    public async Task No_text_and_no_filter_finds_every_company()
    {
        var result = await Find();
        Assert.Equal(Companies.Count, result.Total);
        Assert.Equal(SearchRequest.MaxPageSize, result.Hits.Count);
    }

    [Fact]
    public async Task Sector_filter() =>
        Assert.Equal(Companies.Count(c => c.SectorCodes.Contains("S05")), (await Find(with: r => r with { Sectors = ["S05"] })).Total);

    [Fact]
    public async Task Activity_filter_includes_secondary_activities()
    {
        var result = await Find(with: r => r with { Activities = ["A0404"] });
        Assert.Equal(Companies.Count(c => c.ActivityCodes.Contains("A0404")), result.Total);
        Assert.Contains(result.Hits, h => h.Slug == "cagou-developpement");   // A0404 is its secondary activity
    }

    [Fact]
    public async Task Province_filter_counts_poya_in_both_provinces()
    {
        Assert.Contains("poya-reseaux", await Slugs(with: r => r with { Provinces = ["nord"] }));
        Assert.Contains("poya-reseaux", await Slugs(with: r => r with { Provinces = ["sud"] }));
        Assert.Equal(Companies.Count(c => c.ProvinceCodes.Contains("iles")), (await Find(with: r => r with { Provinces = ["iles"] })).Total);
    }

    [Fact]
    public async Task Commune_filter_is_an_or_within_the_facet()
    {
        var result = await Find(with: r => r with { Communes = ["98811", "98814"] });
        Assert.Equal(Companies.Count(c => c.CommuneCode is "98811" or "98814"), result.Total);
        Assert.Equal(3, result.Total);
    }

    [Fact]
    public async Task Filters_are_an_and_across_facets()
    {
        var result = await Find(with: r => r with { Communes = ["98818"], LegalForms = ["EI"] });
        Assert.Equal(Companies.Count(c => c.CommuneCode == "98818" && c.LegalFormCode == "EI"), result.Total);
        Assert.All(result.Hits, h => Assert.Equal("98818", h.CommuneCode));
    }

    [Theory]
    [InlineData("1-9")]
    [InlineData("0")]
    [InlineData("250+")]
    public async Task Size_band_filter(string band) =>
        Assert.Equal(Companies.Count(c => c.SizeFacetBand == band), (await Find(with: r => r with { SizeBands = [band] })).Total);

    [Fact]
    public async Task Legal_form_filter() =>
        Assert.Equal(Companies.Count(c => c.LegalFormCode == "ASSO"), (await Find(with: r => r with { LegalForms = ["ASSO"] })).Total);

    [Theory]
    [InlineData(ECommerceCapabilities.SellsOnline)]
    [InlineData(ECommerceCapabilities.DeliversIslands)]
    [InlineData(ECommerceCapabilities.Marketplaces)]
    public async Task ECommerce_filter(string capability) =>
        Assert.Equal(Companies.Count(c => c.ECommerce.Contains(capability)), (await Find(with: r => r with { ECommerce = [capability] })).Total);

    [Fact]
    public async Task Language_and_label_filters()
    {
        Assert.Equal(Companies.Count(c => c.Languages.Contains("drn")), (await Find(with: r => r with { Languages = ["drn"] })).Total);
        Assert.Equal(Companies.Count(c => c.Labels.Contains("ISO 27001")), (await Find(with: r => r with { Labels = ["ISO 27001"] })).Total);
    }

    [Fact]
    public async Task Service_filter_keeps_the_companies_that_ticked_one_of_the_services()
    {
        var result = await Find(with: r => r with { Services = ["site-vitrine", "drone"] });
        Assert.Equal(
            Companies.Where(c => c.ServiceCodes.Contains("site-vitrine") || c.ServiceCodes.Contains("drone")).Select(c => c.Slug).Order(StringComparer.Ordinal),
            result.Hits.Select(h => h.Slug).Order(StringComparer.Ordinal));
        Assert.NotEqual(0, result.Total);
    }

    [Fact]
    public async Task The_service_facet_counts_each_service_most_frequent_first()
    {
        var values = (await Find()).Facet(FacetNames.Service).Values;
        var expected = Companies.SelectMany(c => c.ServiceCodes).GroupBy(code => code)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, (long)g.Count()));
        Assert.Equal(expected, values.Select(v => (v.Code, v.Count)));
        Assert.Equal("Création de site vitrine", values.Single(v => v.Code == "site-vitrine").Label);
    }

    [Theory]
    [InlineData("création de boutique en ligne", "cagou-developpement")]
    [InlineData("online shop development", "cagou-developpement")]
    [InlineData("tests d'intrusion", "cyber-lagon")]
    public async Task A_service_of_the_list_is_found_by_its_words_in_french_and_english(string text, string expected) =>
        Assert.Contains(expected, await Slugs(text));

    [Fact]
    public async Task Founding_year_range_is_inclusive_and_excludes_unknown_years()
    {
        var result = await Find(with: r => r with { FoundedFrom = 2015, FoundedTo = 2019 });
        Assert.Equal(Companies.Count(c => c.FoundingYear is >= 2015 and <= 2019), result.Total);
        Assert.DoesNotContain(result.Hits, h => h.Slug == "sans-annee");
        var open = await Find(with: r => r with { FoundedFrom = 2020 });
        Assert.Equal(Companies.Count(c => c.FoundingYear >= 2020), open.Total);
    }

    [Fact]
    public async Task Unknown_codes_find_nothing_but_do_not_fail()
    {
        var result = await Find(with: r => r with { Communes = ["75056"], Sectors = ["<script>"] });
        Assert.Equal(0, result.Total);
    }

    [Fact]
    public async Task Facet_counts_match_the_companies()
    {
        var result = await Find();
        foreach (var commune in result.Facet(FacetNames.Commune).Values)
        {
            Assert.Equal(Companies.Count(c => c.CommuneCode == commune.Code), commune.Count);
        }
        Assert.Equal(Companies.Count(c => c.SectorCodes.Contains("S04")), result.Facet(FacetNames.Sector).Values.Single(v => v.Code == "S04").Count);
        Assert.Equal("Nouméa", result.Facet(FacetNames.Commune).Values.Single(v => v.Code == "98818").Label);
    }

    [Fact]
    public async Task A_facet_counts_ignore_its_own_selection()
    {
        var result = await Find(with: r => r with { Communes = ["98811"] });
        var communes = result.Facet(FacetNames.Commune).Values;
        // Nouméa still shows how many ticking it would add.
        Assert.Equal(Companies.Count(c => c.CommuneCode == "98818"), communes.Single(v => v.Code == "98818").Count);
        Assert.True(communes.Single(v => v.Code == "98811").Selected);
        // Other facets are restricted by the commune filter.
        Assert.Equal(Companies.Count(c => c.CommuneCode == "98811" && c.LegalFormCode == "EURL"),
            result.Facet(FacetNames.LegalForm).Values.SingleOrDefault(v => v.Code == "EURL")?.Count ?? 0);
    }

    [Fact]
    public async Task Disjunctive_counts_hold_with_text_and_several_filters()
    {
        var result = await Find("informatique ", r => r with { Communes = ["98818"], LegalForms = ["SARL", "SA"] });
        var textMatches = (await Find("informatique ")).Hits.Select(h => h.Slug).ToHashSet();
        var docs = Companies.Where(c => textMatches.Contains(c.Slug)).ToList();
        Assert.Equal(docs.Count(c => c.CommuneCode == "98818" && c.LegalFormCode is "SARL" or "SA" && c.CommuneCode == "98818"), result.Total);
        foreach (var form in result.Facet(FacetNames.LegalForm).Values)
        {
            Assert.Equal(docs.Count(c => c.CommuneCode == "98818" && c.LegalFormCode == form.Code), form.Count);
        }
        foreach (var commune in result.Facet(FacetNames.Commune).Values)
        {
            Assert.Equal(docs.Count(c => c.CommuneCode == commune.Code && c.LegalFormCode is "SARL" or "SA"), commune.Count);
        }
    }

    [Fact]
    public async Task Sectors_hold_their_activities_and_provinces_their_communes()
    {
        var result = await Find();
        var software = result.Facet(FacetNames.Sector).Values.Single(s => s.Code == "S04");
        Assert.NotEmpty(software.Children);
        Assert.All(software.Children, a => Assert.Equal("S04", Taxonomy.FindActivity(a.Code)!.SectorCode));
        Assert.Equal(Companies.Count(c => c.ActivityCodes.Contains("A0405")), software.Children.Single(a => a.Code == "A0405").Count);
        var north = result.Facet(FacetNames.Province).Values.Single(p => p.Code == "nord");
        Assert.Contains(north.Children, c => c.Code == "98811");
        Assert.All(north.Children, c => Assert.Equal("nord", Taxonomy.FindCommune(c.Code)!.ProvinceCode));
    }

    [Fact]
    public async Task Founding_years_span_the_results()
    {
        var result = await Find();
        Assert.Equal(Companies.Min(c => c.FoundingYear), result.MinFoundingYear);
        Assert.Equal(Companies.Max(c => c.FoundingYear), result.MaxFoundingYear);
    }

    // ---- Sorting and paging --------------------------------------------------------------------------------

    [Fact]
    public async Task Sort_by_name_ignores_accents()
    {
        var names = (await Find(with: r => r with { Sort = SearchSort.Name })).Hits.Select(h => h.Name).ToList();
        Assert.Equal("Agence Corail", names[0]);
        Assert.True(names.IndexOf("Écho Médias") < names.IndexOf("Goyave Games"));
        Assert.True(names.IndexOf("Dumbéa Sécurité Informatique") < names.IndexOf("Écho Médias"));
    }

    [Fact]
    public async Task Sort_by_newest_and_by_recently_updated()
    {
        var newest = await Slugs(with: r => r with { Sort = SearchSort.Newest });
        Assert.Equal(Companies.OrderByDescending(c => c.PublishedAt).First().Slug, newest[0]);
        var updated = await Slugs(with: r => r with { Sort = SearchSort.RecentlyUpdated });
        Assert.Equal(Companies.OrderByDescending(c => c.UpdatedAt).First().Slug, updated[0]);
    }

    [Fact]
    public async Task Pages_follow_each_other_without_overlap()
    {
        var first = await Search.SearchAsync(new SearchRequest { Sort = SearchSort.Name, PageSize = 20, Page = 1 }, Cancel);
        var second = await Search.SearchAsync(new SearchRequest { Sort = SearchSort.Name, PageSize = 20, Page = 2 }, Cancel);
        var third = await Search.SearchAsync(new SearchRequest { Sort = SearchSort.Name, PageSize = 20, Page = 3 }, Cancel);
        Assert.Equal(20, first.Hits.Count);
        Assert.Equal(20, second.Hits.Count);
        Assert.Equal(Companies.Count - 40, third.Hits.Count);
        Assert.Empty(first.Hits.Select(h => h.Id).Intersect(second.Hits.Select(h => h.Id)));
    }

    [Theory]
    [InlineData(0, 20, 1, 20)]
    [InlineData(-5, 20, 1, 20)]
    [InlineData(1, 500, 1, SearchRequest.MaxPageSize)]
    [InlineData(1, 0, 1, 1)]
    public async Task Page_and_page_size_are_brought_within_bounds(int page, int size, int expectedPage, int expectedSize)
    {
        var result = await Search.SearchAsync(new SearchRequest { Page = page, PageSize = size }, Cancel);
        Assert.Equal(Math.Min(expectedSize, Companies.Count - ((expectedPage - 1) * expectedSize)), result.Hits.Count);
        Assert.False(result.BeyondResultWindow);
    }

    [Fact]
    public async Task Paging_past_the_end_is_empty_and_past_the_window_says_so()
    {
        var pastEnd = await Search.SearchAsync(new SearchRequest { Page = 100, PageSize = 20 }, Cancel);
        Assert.Empty(pastEnd.Hits);
        Assert.Equal(Companies.Count, pastEnd.Total);
        Assert.False(pastEnd.BeyondResultWindow);

        var pastWindow = await Search.SearchAsync(new SearchRequest { Page = 501, PageSize = 20 }, Cancel);
        Assert.Empty(pastWindow.Hits);
        Assert.True(pastWindow.BeyondResultWindow);
        Assert.Equal(Companies.Count, pastWindow.Total);
        Assert.False((await Search.SearchAsync(new SearchRequest { Page = 500, PageSize = 20 }, Cancel)).BeyondResultWindow);
    }

    // ---- Hits ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task Hits_carry_what_a_result_card_shows()
    {
        var hit = (await Find("boutique niaouli")).Hits[0];
        Assert.Equal("boutique-niaouli", hit.Slug);
        Assert.Equal("Boutique Niaouli", hit.Name);
        Assert.Equal("DUPONT Marie", hit.LegalName);
        Assert.Equal(["A0604"], hit.ActivityCodes);
        Assert.Equal("98818", hit.CommuneCode);
        Assert.Equal("01", hit.SizeBandCode);
        Assert.Contains(ECommerceCapabilities.DeliversIslands, hit.ECommerce);
        Assert.Equal(ConformanceCompanies.BySlug("boutique-niaouli").Id, hit.Id);
    }

    [Fact]
    public async Task Snippets_highlight_the_words_found()
    {
        var hit = (await Find("cybersécurité ")).Hits.Single(h => h.Slug == "cyber-lagon");
        Assert.Contains("<mark>cybersécurité</mark>", hit.SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snippets_show_markup_in_descriptions_as_text()
    {
        foreach (var text in new[] { "design ", "script ", "tamanou" })
        {
            var hit = (await Find(text)).Hits.Single(h => h.Slug == "studio-tamanou");
            var withoutMarks = hit.SnippetHtml!.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal);
            Assert.DoesNotContain("<", withoutMarks, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;", withoutMarks, StringComparison.Ordinal);
            Assert.Contains("&lt;b&gt;", withoutMarks, StringComparison.Ordinal);
        }
    }

    // ---- Hostile input -------------------------------------------------------------------------------------

    [Theory]
    [InlineData("\"")]
    [InlineData("\"agence de")]
    [InlineData("[web TO mobile]")]
    [InlineData("{ } ( ) :")]
    [InlineData("*")]
    [InlineData("dev*")]
    [InlineData("?")]
    [InlineData("web~2")]
    [InlineData("\\")]
    [InlineData("web AND mobile OR NOT seo")]
    [InlineData("AND")]
    [InlineData("+web -mobile")]
    [InlineData("title:web")]
    [InlineData("😀 développement 🚀")]
    [InlineData("\0\u0007\u001b[31m web")]
    [InlineData("/regex.*/")]
    [InlineData("'; DROP TABLE Companies; --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("   ")]
    public async Task Hostile_text_gives_results_or_nothing_never_an_error(string text)
    {
        var result = await Find(text);
        Assert.InRange(result.Total, 0, Companies.Count);
        Assert.NotNull(await Search.SuggestAsync(text, 10, Cancel));
    }

    [Fact]
    public async Task Ten_thousand_characters_are_handled()
    {
        var result = await Find(string.Concat(Enumerable.Repeat("développement web ", 600)));
        Assert.InRange(result.Total, 0, Companies.Count);
        Assert.Contains("cagou-developpement", result.Hits.Select(h => h.Slug));
        await Search.SuggestAsync(new string('x', 10_000), 10, Cancel);
    }

    [Fact]
    public async Task Operators_are_plain_words()
    {
        // "AND" is not an operator but a word like any other: companies with "web" and "mobile" are all still there
        // (first those that also have "and", if any).
        var plain = await Slugs("web mobile ");
        Assert.NotEmpty(plain);
        Assert.Superset(plain.ToHashSet(), (await Slugs("web AND mobile ")).ToHashSet());
    }

    // ---- Suggestions and "did you mean" --------------------------------------------------------------------

    [Fact]
    public async Task Suggestions_complete_the_last_of_several_words()
    {
        var suggestions = await Search.SuggestAsync("site int", 10, Cancel);
        Assert.Contains(suggestions, s => s.Kind == SuggestionKind.Service && s.Text == "sites internet");   // Cagou Développement's service
        Assert.Contains(await Search.SuggestAsync("formation bur", 10, Cancel), s => s.Kind == SuggestionKind.Service && s.Text == "formation bureautique");
    }

    [Fact]
    public async Task Suggestions_propose_communes_with_their_companies()
    {
        var kone = Assert.Single(await Search.SuggestAsync("Kon", 10, Cancel), s => s.Kind == SuggestionKind.Commune);
        Assert.Equal(("Koné", "98811", "2"), (kone.Text, kone.Code, kone.Detail));   // Koné Numérique, Mont Panié Ingénierie
        Assert.DoesNotContain(await Search.SuggestAsync("Ouég", 10, Cancel), s => s.Kind == SuggestionKind.Commune);   // no company there
    }

    [Fact]
    public async Task A_company_suggestion_says_its_commune()
    {
        var company = Assert.Single(await Search.SuggestAsync("cagou d", 10, Cancel), s => s.Kind == SuggestionKind.Company);
        Assert.Equal(("cagou-developpement", "98818"), (company.Code, company.Detail));
    }

    [Fact]
    public async Task Suggestions_propose_company_names_from_any_word()
    {
        var suggestions = await Search.SuggestAsync("cag", 10, Cancel);
        Assert.Contains(suggestions, s => s.Kind == SuggestionKind.Company && s.Text == "Cagou Développement" && s.Code == "cagou-developpement");
        var byLaterWord = await Search.SuggestAsync("lago", 10, Cancel);
        Assert.Contains(byLaterWord, s => s.Kind == SuggestionKind.Company && s.Code == "cyber-lagon");
    }

    [Fact]
    public async Task Suggestions_propose_activities_and_skills()
    {
        var activities = await Search.SuggestAsync("dével", 10, Cancel);
        Assert.Contains(activities, s => s.Kind == SuggestionKind.Activity && s.Code == "A0405");
        var skills = await Search.SuggestAsync("flu", 10, Cancel);
        Assert.Contains(skills, s => s.Kind == SuggestionKind.Skill && s.Text == "Flutter");
        Assert.Single(skills, s => s.Kind == SuggestionKind.Skill && s.Text == "Flutter");
    }

    [Fact]
    public async Task Suggestions_are_at_most_ten_and_none_for_nothing()
    {
        Assert.InRange((await Search.SuggestAsync("c", 50, Cancel)).Count, 1, 10);
        Assert.Empty(await Search.SuggestAsync("", 10, Cancel));
        Assert.Empty(await Search.SuggestAsync(null, 10, Cancel));
        Assert.Empty(await Search.SuggestAsync("zzzzqqq", 10, Cancel));
    }

    [Fact]
    public async Task Did_you_mean_corrects_a_word_when_nothing_matches()
    {
        // Two edits from "fibre" (a skill): beyond typo tolerance for a 6-letter word. Searched as typed, nothing
        // matches and "did you mean" proposes the correction; otherwise the word is read as "fibre" and said so.
        var asTyped = await Find("fbires ", r => r with { ExactSpelling = true });
        Assert.Equal(0, asTyped.Total);
        Assert.Equal("fibre", asTyped.DidYouMean);

        var corrected = await Find("fbires ");
        Assert.Contains(corrected.Hits, h => h.Slug == "alpha-reseaux");
        Assert.Contains(corrected.Corrections, c => c.Typed == "fbires" && c.Corrected == "fibre");
        Assert.Null(corrected.DidYouMean);
    }

    [Fact]
    public async Task Did_you_mean_is_silent_when_there_are_results_or_no_correction()
    {
        Assert.Null((await Find("logiciel ")).DidYouMean);
        Assert.Null((await Find("qwxzv ")).DidYouMean);
    }
}
