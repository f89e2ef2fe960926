using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;
using AnnuaireFiliere.Web.Features.Search;
using CsCheck;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace AnnuaireFiliere.Web.Tests.Properties;

/// <summary>
/// The search's query string over generated input (the page and the API read it the same way): any query string
/// gives a valid request, with notices for what was ignored, never an exception; the canonical query string of a
/// request reads back as the same request.
/// </summary>
public sealed class SearchParametersProperties
{
    private static readonly TaxonomyCatalog Taxonomy = TaxonomyCatalog.Default;
    private static readonly TimeProvider Clock = TimeProvider.System;

    private static readonly string[] Names =
    [
        SearchParameters.Text, SearchParameters.FromYear, SearchParameters.ToYear, SearchParameters.Sort, SearchParameters.Page,
        SearchParameters.AsTyped, SearchParameters.PageSize, .. FacetCatalog.All.Select(f => f.Parameter), "Q", "SECTEUR", "x", "",
    ];

    private static readonly string[] Known =
    [
        .. FacetCatalog.All.SelectMany(f => f.Codes?.Invoke(Taxonomy) ?? []).Take(200),
        "pertinence", "nom", "nouveautes", "mises-a-jour", "1", "0", "2", "1999", "2030", "-5", "999999999999", "1e3", "NaN",
    ];

    private static readonly Gen<string> Value = Gen.OneOf(
        Gen.OneOf(Known),
        Gen.String[0, 12],
        Gen.String[Gen.Char["<>\"'&%+ \t\r\n\0\u202Fé漢"], 0, 8],
        Gen.Const(new string('a', 2_000)));

    private static readonly Gen<KeyValuePair<string, StringValues>[]> Query =
        Gen.Select(Gen.OneOf(Names), Value.Array[0, 4])
            .Select((name, values) => new KeyValuePair<string, StringValues>(name, new StringValues(values)))
            .Array[0, 8];

    [Fact]
    public void Any_query_string_gives_a_valid_request_and_never_throws() =>
        Query.Sample(query =>
        {
            var parsed = SearchParameters.Parse(query, Taxonomy, Clock);
            var request = parsed.Request;
            Assert.InRange(request.Page, 1, int.MaxValue);
            Assert.InRange(request.PageSize, 1, SearchRequest.MaxResultWindow);
            foreach (var facet in FacetCatalog.All)
            {
                Assert.InRange(request.Selected(facet.Name).Count, 0, SearchParameters.MaxValuesPerParameter);
                if (facet.Codes is { } codes)
                {
                    Assert.All(request.Selected(facet.Name), code => Assert.Contains(code, codes(Taxonomy)));
                }
            }
        }, iter: 3_000);

    [Fact]
    public void The_canonical_query_string_of_a_request_reads_back_as_the_same_request() =>
        Query.Sample(query =>
        {
            var canonical = SearchParameters.ToQueryString(SearchParameters.Parse(query, Taxonomy, Clock).Request);
            var again = SearchParameters.Parse(QueryHelpers.ParseQuery(canonical), Taxonomy, Clock);
            Assert.Equal(canonical, SearchParameters.ToQueryString(again.Request));
            Assert.Empty(again.Notices);
        }, iter: 3_000);
}
