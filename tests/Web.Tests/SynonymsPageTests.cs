using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Web.Tests;

/// <summary><c>/moderation/synonymes</c>: moderators change the rules search applies, while the site runs.</summary>
public sealed class SynonymsPageTests(ModeratorSite site) : IClassFixture<ModeratorSite>
{
    private const string Page = "/moderation/synonymes";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_moderator_adds_a_rule_of_single_words_and_search_finds_the_other_words_at_once()
    {
        var company = await PublishedAsync("Atelier Quetzalcoatl", "Réparation de quetzalcoatl et de leurs accessoires.");
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "synonymes-un-mot@annuaire-test.nc", Roles.Moderator);
        Assert.Equal(0, (await site.SearchAsync(new SearchRequest { Text = "zygomatique " })).Total);

        var saved = await AccountForms.SubmitAsync(moderator, Page, Page + "?handler=ajouter", ("Input.Line", " Zygomatique,quetzalcoatl "), ("Input.Reason", "des adhérents le cherchent"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = await site.WithDatabaseAsync(db => db.SynonymRules.Where(r => r.Line == "Zygomatique, quetzalcoatl").Select(r => r.Id).SingleAsync(Cancel));
        Assert.Equal($"{Page}?resultat=ajoutee#regle-{id}", saved.Headers.Location!.OriginalString);
        Assert.Contains((await site.SearchAsync(new SearchRequest { Text = "zygomatique " })).Hits, h => h.Id == company.Id);
        var page = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync(Page + "?resultat=ajoutee", Cancel));
        Assert.Contains("La règle est enregistrée", page.QuerySelector("[data-outcome]")!.TextContent, StringComparison.Ordinal);
        var item = page.QuerySelector($"#regle-{id}")!;
        Assert.Equal("zygomat · quetzalcoatl", item.QuerySelector(".synonym-reading")!.TextContent);
        Assert.Null(item.QuerySelector("[data-indexed]"));
        Assert.NotNull(page.QuerySelector("[data-rebuild=up-to-date]"));
    }

    [Fact]
    public async Task Variants_are_shown_as_search_reads_them()
    {
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "synonymes-lecture@annuaire-test.nc", Roles.Moderator);

        var page = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync(Page + "?filtre=cr%C3%A9ation+de+sites", Cancel));

        var item = Assert.Single(page.QuerySelectorAll(".synonym-list > li"));
        Assert.Contains("création de sites", item.QuerySelector(".synonym-line")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("creation site", item.QuerySelector(".synonym-reading")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(item.QuerySelector("[data-indexed]"));
    }

    [Fact]
    public async Task A_rule_of_several_words_asks_for_a_rebuild_which_runs_from_the_page_and_then_search_finds_it()
    {
        var company = await PublishedAsync("Glisse Électrique Nouméa", "Vente et réparation de trottinettes électriques et de gyropodes.");
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "synonymes-reconstruction@annuaire-test.nc", Roles.Moderator);

        var saved = await AccountForms.SubmitAsync(moderator, Page, Page + "?handler=ajouter", ("Input.Line", "zorblax, trottinette électrique"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.DoesNotContain((await site.SearchAsync(new SearchRequest { Text = "zorblax " })).Hits, h => h.Id == company.Id);
        var before = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync(Page, Cancel));
        Assert.NotNull(before.QuerySelector("[data-rebuild=needed]"));

        var started = await AccountForms.SubmitAsync(moderator, Page, Page + "?handler=reconstruire");
        Assert.Equal($"{Page}?resultat=reconstruction#reconstruction", started.Headers.Location!.OriginalString);
        await site.Factory.Services.GetRequiredService<IndexRebuild>().Completion;

        Assert.Contains((await site.SearchAsync(new SearchRequest { Text = "zorblax " })).Hits, h => h.Id == company.Id);
        var after = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync(Page + "?resultat=reconstruction", Cancel));
        Assert.Contains("La reconstruction de l'index a commencé", after.QuerySelector("[data-outcome]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(after.QuerySelector("[data-rebuild=done]"));
        Assert.NotNull(after.QuerySelector("[data-rebuild=up-to-date]"));
        // What the page polls while a rebuild runs: the section alone, which stops polling once the rebuild is over.
        using var poll = new HttpRequestMessage(HttpMethod.Get, Page);
        poll.Headers.Add("HX-Request", "true");
        poll.Headers.Add("HX-Target", "reconstruction");
        var fragment = await DirectoryWebFactory.ParseAsync(await moderator.SendAsync(poll, Cancel));
        Assert.NotNull(fragment.QuerySelector("section#reconstruction [data-rebuild=done]"));
        Assert.Null(fragment.QuerySelector("[hx-trigger]"));
        Assert.Null(fragment.QuerySelector("h1"));
    }

    [Theory]
    [InlineData("le, la, les", "que des mots que la recherche ignore (le, la, de…) : « le », « la », « les ».")]
    [InlineData("site, sites", "se lisent tous de la même façon pour la recherche")]
    [InlineData("  ", "Écrivez au moins deux mots ou expressions")]
    [InlineData("a => b => c", "Une règle n'a qu'un seul « => »")]
    [InlineData("Conception assistée par ordinateur,  CAO", "dit déjà la même chose")]
    public async Task A_line_that_is_not_a_rule_gets_a_french_message_and_nothing_is_saved(string line, string message)
    {
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, $"synonymes-invalide-{Guid.NewGuid():N}@annuaire-test.nc", Roles.Moderator);
        var before = await CountsAsync();

        var answer = await AccountForms.SubmitAsync(moderator, Page, Page + "?handler=ajouter", ("Input.Line", line));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var page = await DirectoryWebFactory.ParseAsync(answer);
        Assert.Contains(message, page.QuerySelector("#Input_Line-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#Input_Line")!.GetAttribute("aria-invalid"));
        Assert.Equal(line.Trim(), ((IHtmlTextAreaElement)page.QuerySelector("#Input_Line")!).Value.Trim());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Only_moderators_and_administrators_see_or_change_the_rules()
    {
        var anonymous = site.Factory.CreateBrowserLikeClient();
        var member = await AccountForms.SignedInClientAsync(site.Factory, "synonymes-membre@annuaire-test.nc", role: null);
        var administrator = await AccountForms.SignedInClientAsync(site.Factory, "synonymes-admin@annuaire-test.nc", Roles.Administrator);
        var before = await CountsAsync();
        var token = (await DirectoryWebFactory.ParseAsync(await member.GetAsync("/statistiques", Cancel))).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var toSignIn = await anonymous.GetAsync(Page, Cancel);
        var refused = await member.GetAsync(Page, Cancel);
        var refusedPost = await member.PostAsync(Page + "?handler=ajouter", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Line", "intrus, pirate")]), Cancel);
        var refusedRebuild = await member.PostAsync(Page + "?handler=reconstruire", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), Cancel);

        Assert.StartsWith("/compte/connexion", toSignIn.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        DirectoryWebFactory.AssertRefused(refused);
        DirectoryWebFactory.AssertRefused(refusedPost);
        DirectoryWebFactory.AssertRefused(refusedRebuild);
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(HttpStatusCode.OK, (await administrator.GetAsync(Page, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Every_change_is_kept_in_the_history_with_who_before_after_and_why()
    {
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "synonymes-historique@annuaire-test.nc", Roles.Moderator);
        await AccountForms.SubmitAsync(moderator, Page, Page + "?handler=ajouter", ("Input.Line", "pangolin, fourmilier écailleux"));
        var id = await RuleIdAsync("pangolin, fourmilier écailleux");

        var edited = await AccountForms.SubmitAsync(moderator, $"{Page}?regle={id}", Page + "?handler=modifier", ("Input.Line", "pangolin, fourmilier"), ("Input.Reason", "plus court"));
        var disabled = await PostEditFormAsync(moderator, id, "desactiver", ("Input.Reason", "à revoir"));

        Assert.Equal($"{Page}?resultat=modifiee#regle-{id}", edited.Headers.Location!.OriginalString);
        Assert.Equal($"{Page}?resultat=desactivee#regle-{id}", disabled.Headers.Location!.OriginalString);
        var page = await DirectoryWebFactory.ParseAsync(await moderator.GetAsync($"{Page}?regle={id}", Cancel));
        var history = page.QuerySelectorAll(".synonym-history > li");
        Assert.Equal(["Disabled", "Edited", "Added"], history.Select(h => h.GetAttribute("data-change")!));
        Assert.Contains("synonymes-historique@annuaire-test.nc", history[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("pangolin, fourmilier écailleux", history[1].QuerySelector("del")!.TextContent);
        Assert.Equal("pangolin, fourmilier", history[1].QuerySelector("ins")!.TextContent);
        Assert.Contains("Pourquoi : plus court", history[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Pourquoi : à revoir", history[0].TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("button[formaction$='handler=reactiver']"));
        Assert.False(await site.WithDatabaseAsync(db => db.SynonymRules.Where(r => r.Id == id).Select(r => r.Enabled).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task Two_moderators_editing_one_rule_the_second_sees_both_versions_and_loses_nothing()
    {
        var first = await AccountForms.SignedInClientAsync(site.Factory, "synonymes-premiere@annuaire-test.nc", Roles.Moderator);
        var second = await AccountForms.SignedInClientAsync(site.Factory, "synonymes-second@annuaire-test.nc", Roles.Moderator);
        await AccountForms.SubmitAsync(first, Page, Page + "?handler=ajouter", ("Input.Line", "ornithorynque, monotrème"));
        var id = await RuleIdAsync("ornithorynque, monotrème");
        var firstForm = await AccountForms.FormAsync(first, $"{Page}?regle={id}", Page + "?handler=modifier");
        var secondForm = await AccountForms.FormAsync(second, $"{Page}?regle={id}", Page + "?handler=modifier");

        var firstSaved = await PostAsync(first, firstForm, Page + "?handler=modifier", ("Input.Line", "ornithorynque, monotrème, mammifère à bec"));
        var secondAnswer = await PostAsync(second, secondForm, Page + "?handler=modifier", ("Input.Line", "ornithorynque, monotrème, platypus"));

        Assert.Equal(HttpStatusCode.Redirect, firstSaved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondAnswer.StatusCode);
        var conflict = await DirectoryWebFactory.ParseAsync(secondAnswer);
        Assert.Contains("Un autre modérateur a enregistré cette règle", conflict.QuerySelector(".field-error[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("ornithorynque, monotrème, mammifère à bec", conflict.QuerySelector("[data-conflict]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("synonymes-premiere@annuaire-test.nc", conflict.QuerySelector("[data-conflict]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("ornithorynque, monotrème, platypus", ((IHtmlTextAreaElement)conflict.QuerySelector("#Input_Line")!).Value);
        Assert.Equal("ornithorynque, monotrème, mammifère à bec", await site.WithDatabaseAsync(db => db.SynonymRules.Where(r => r.Id == id).Select(r => r.Line).SingleAsync(Cancel)));

        // Saved again, deliberately over the first one's version.
        var form = conflict.QuerySelectorAll<IHtmlFormElement>("form").First(f => f.GetAttribute("action") == Page + "?handler=modifier");
        var secondSaved = await PostAsync(second, form, Page + "?handler=modifier", ("Input.Line", "ornithorynque, monotrème, platypus"));

        Assert.Equal(HttpStatusCode.Redirect, secondSaved.StatusCode);
        Assert.Equal("ornithorynque, monotrème, platypus", await site.WithDatabaseAsync(db => db.SynonymRules.Where(r => r.Id == id).Select(r => r.Line).SingleAsync(Cancel)));
        Assert.Equal(2, await site.WithDatabaseAsync(db => db.SynonymRuleChanges.CountAsync(c => c.RuleId == id && c.Kind == SynonymChangeKind.Edited, Cancel)));
    }

    private async Task<Company> PublishedAsync(string name, string description)
    {
        var company = await TestCompanies.AddAsync(site.Factory, name, PublicationStatus.Published, (company, _) => company.DescriptionFr = description);
        await site.Factory.Services.GetRequiredService<IndexingPipeline>().CatchUpAsync(Cancel);
        return company;
    }

    private Task<int> RuleIdAsync(string line) => site.WithDatabaseAsync(db => db.SynonymRules.Where(r => r.Line == line).Select(r => r.Id).SingleAsync(Cancel));

    private Task<(int Rules, int Changes)> CountsAsync() =>
        site.WithDatabaseAsync(async db => (await db.SynonymRules.CountAsync(Cancel), await db.SynonymRuleChanges.CountAsync(Cancel)));

    /// <summary>The edit form of a rule, sent with one of its other buttons (désactiver, réactiver, supprimer).</summary>
    private static async Task<HttpResponseMessage> PostEditFormAsync(HttpClient client, int id, string handler, params (string Name, string Value)[] fields)
    {
        var form = await AccountForms.FormAsync(client, $"{Page}?regle={id}", Page + "?handler=modifier");
        return await PostAsync(client, form, Page + "?handler=" + handler, fields);
    }

    /// <summary>A form's hidden inputs and its line as shown, some replaced, posted to <paramref name="action"/>.</summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, IHtmlFormElement form, string action, params (string Name, string Value)[] fields)
    {
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").Select(i => (Name: i.Name!, i.Value))
            .Concat(form.QuerySelectorAll<IHtmlTextAreaElement>("textarea").Select(t => (Name: t.Name!, t.Value)))
            .Where(v => fields.All(f => f.Name != v.Name))
            .Concat(fields)
            .Select(v => new KeyValuePair<string, string>(v.Name, v.Value));
        return client.PostAsync(action, new FormUrlEncodedContent(values), Cancel);
    }
}
