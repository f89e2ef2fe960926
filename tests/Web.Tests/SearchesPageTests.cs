using System.Net;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>The query log seen from the site: which searches count, and <c>/moderation/recherches</c>.</summary>
public sealed class SearchesPageTests(ModeratorSite site) : IClassFixture<ModeratorSite>
{
    private const string Page = "/moderation/recherches";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private QueryLog Log => site.Factory.Services.GetRequiredService<QueryLog>();

    [Fact]
    public async Task Searches_of_the_page_and_the_api_are_counted_by_their_normalised_text_with_their_results_and_nothing_else()
    {
        var visitor = site.Factory.CreateBrowserLikeClient();

        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/recherche?q=QXZVBNMK++PJWQRTZ%C3%89", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/api/v1/recherche?q=qxzvbnmk%20pjwqrtze", Cancel)).StatusCode);
        await visitor.GetAsync("/recherche?q=qxzvbnmk+pjwqrtze&page=2", Cancel);                          // the same search, further
        await visitor.GetAsync("/recherche?q=qxzvbnmk+pjwqrtze&province=sud", Cancel);                    // with a filter: counted, results unknown
        await SendAsync(visitor, "/recherche?q=qxzvbnmk+pjwqrtze&tri=nom", hx: true, current: "/recherche?q=qxzvbnmk+pjwqrtze");
        await SendAsync(visitor, "/recherche?q=qxzvbnmk+pjwqrtze", history: true);                         // back in the browser
        await visitor.GetAsync("/recherche?q=+", Cancel);
        await Log.FlushAsync(everything: true, Cancel);

        var rows = await site.WithDatabaseAsync(db => db.SearchedTexts.AsNoTracking().Where(s => s.Text.StartsWith("qxzvbnmk")).ToListAsync(Cancel));
        var row = Assert.Single(rows);
        Assert.Equal(("qxzvbnmk pjwqrtze", 3, (int?)0, Log.Today), (row.Text, row.Searches, row.LastResults, row.Day));
        // What is kept is the day, the text and two numbers: no address, no account, no session.
        var columns = await site.WithDatabaseAsync(db => TableColumns.OfAsync(db, "SearchedTexts", Cancel));
        Assert.Equal(["Day", "Text", "Searches", "LastResults"], columns);
    }

    [Fact]
    public async Task As_one_types_in_the_search_page_only_the_text_where_typing_stopped_is_counted()
    {
        var visitor = site.Factory.CreateBrowserLikeClient();

        await SendAsync(visitor, "/recherche?q=echid", hx: true, current: "/recherche");
        await SendAsync(visitor, "/recherche?q=echidne", hx: true, current: "/recherche?q=echid");
        await SendAsync(visitor, "/recherche?q=echidne+epineux", hx: true, current: "/recherche?q=echidne");
        await Log.FlushAsync(everything: true, Cancel);

        Assert.Equal(["echidne epineux"], await site.WithDatabaseAsync(db => db.SearchedTexts.Where(s => s.Text.StartsWith("echid")).Select(s => s.Text).ToListAsync(Cancel)));
    }

    [Fact]
    public async Task The_week_lists_the_most_searched_texts_and_those_with_no_or_few_results_with_links_that_work()
    {
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "recherches-semaine@annuaire-test.nc", Roles.Moderator);
        var member = await AccountForms.SignedInClientAsync(site.Factory, "recherches-membre@annuaire-test.nc", role: null);
        var monday = QueryLog.WeekOf(Log.Today);
        await site.WithDatabaseAsync(db =>
        {
            db.SearchedTexts.AddRange(
                new SearchedText { Day = monday, Text = "zz developpement web", Searches = 900, LastResults = 40 },
                new SearchedText { Day = monday, Text = "zz trottinette", Searches = 800, LastResults = 0 },
                new SearchedText { Day = monday, Text = "zz maintenance imprimante", Searches = 700, LastResults = 2 },
                new SearchedText { Day = monday.AddDays(-7), Text = "zz semaine passee", Searches = 600, LastResults = 0 });
            return db.SaveChangesAsync(Cancel);
        });

        DirectoryWebFactory.AssertRefused(await member.GetAsync(Page, Cancel));
        var page = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync(Page, Cancel));

        Assert.Equal(QueryLog.WeekOf(Log.Today).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ((IHtmlSelectElement)page.QuerySelector("#semaine")!).Value);
        Assert.Equal(["zz developpement web", "zz trottinette", "zz maintenance imprimante"], Texts(page, "plus-cherchees").Take(3));
        Assert.Equal(["zz trottinette"], Texts(page, "sans-resultat").Where(t => t.StartsWith("zz", StringComparison.Ordinal)));
        Assert.Equal(["zz maintenance imprimante"], Texts(page, "peu-de-resultats").Where(t => t.StartsWith("zz", StringComparison.Ordinal)));
        Assert.DoesNotContain("zz semaine passee", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var item = page.QuerySelector("#sans-resultat li[data-query='zz trottinette']")!;
        Assert.Contains("cherché 800 fois", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("0 résultat la dernière fois", item.TextContent, StringComparison.Ordinal);

        var run = item.QuerySelector("a.query-text")!.GetAttribute("href")!;
        Assert.Equal("/recherche?q=zz%20trottinette", run);
        Assert.Equal(HttpStatusCode.OK, (await moderator.GetAsync(run, Cancel)).StatusCode);
        var create = item.QuerySelector("a.button")!.GetAttribute("href")!;
        Assert.Equal("/moderation/synonymes?ajouter=zz%20trottinette#regle-form-titre", create);
        var form = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync(create, Cancel));
        Assert.Equal("zz trottinette", ((IHtmlTextAreaElement)form.QuerySelector("#Input_Line")!).Value);
        Assert.Equal("/moderation/synonymes?handler=ajouter", form.QuerySelector("#Input_Line")!.Closest("form")!.GetAttribute("action"));

        var previous = page.QuerySelector("a[rel=prev]")!.GetAttribute("href")!;
        var last = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync(previous, Cancel));
        Assert.Contains("zz semaine passee", Texts(last, "sans-resultat"));
        Assert.DoesNotContain("zz trottinette", Texts(last, "plus-cherchees"));
        Assert.NotNull(last.QuerySelector("a[rel=next]"));
    }

    [Fact]
    public async Task A_week_that_cannot_be_read_or_is_no_longer_kept_shows_the_current_one()
    {
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "recherches-autre-semaine@annuaire-test.nc", Roles.Moderator);
        var current = QueryLog.WeekOf(Log.Today).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        foreach (var week in new[] { "n-importe-quoi", "2001-01-01", "2999-01-01" })
        {
            var page = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync($"{Page}?semaine={week}", Cancel));
            Assert.Equal(current, ((IHtmlSelectElement)page.QuerySelector("#semaine")!).Value);
        }
    }

    private static IEnumerable<string> Texts(IHtmlDocument page, string section) =>
        page.QuerySelectorAll($"#{section} li[data-query]").Select(li => li.GetAttribute("data-query")!);

    /// <summary>An in-place update of the search page as htmx sends it, or a page restored from the browser's history.</summary>
    private static async Task SendAsync(HttpClient client, string url, bool hx = false, string? current = null, bool history = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (hx)
        {
            request.Headers.Add("HX-Request", "true");
            request.Headers.Add("HX-Current-URL", "http://localhost" + current);
        }
        if (history)
        {
            request.Headers.Add("HX-Request", "true");
            request.Headers.Add("HX-History-Restore-Request", "true");
        }
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request, Cancel)).StatusCode);
    }
}
