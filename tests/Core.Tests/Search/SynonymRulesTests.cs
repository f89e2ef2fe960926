using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Indexing;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Search.Lucene;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnnuaireFiliere.Core.Tests.Search;

/// <summary>The moderators' synonym rules: checked lines, one writer with a history, a store the engines read, the index's stamp.</summary>
public sealed class SynonymRulesTests : IAsyncLifetime
{
    private static readonly Actor Moderator = new(null, "moderatrice@annuaire-test.nc", IsModerator: true);
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _services = new ServiceCollection().AddScoped(_ => _database.Context()).BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private SynonymStore NewStore() => new(_services.GetRequiredService<IServiceScopeFactory>(), NullLogger<SynonymStore>.Instance);

    private async Task<T> WithRulesAsync<T>(SynonymStore store, Func<SynonymRules, Task<T>> action)
    {
        await using var db = _database.Context();
        return await action(new SynonymRules(db, store, _database.Clock));
    }

    [Theory]
    [InlineData("", SynonymProblem.Empty)]
    [InlineData("  ,  , ", SynonymProblem.Empty)]
    [InlineData("site", SynonymProblem.NothingRelated)]
    [InlineData("site, sites, Site", SynonymProblem.NothingRelated)]
    [InlineData("le, la, web", SynonymProblem.NoWord)]
    [InlineData("a => b => c", SynonymProblem.SeveralArrows)]
    [InlineData("=> site web", SynonymProblem.EmptySide)]
    [InlineData("# site, web", SynonymProblem.Comment)]
    public void A_line_that_is_not_a_rule_says_why(string line, SynonymProblem problem) =>
        Assert.Contains(SynonymLines.Check(line), e => e.Problem == problem);

    [Fact]
    public void Lines_are_bounded_in_length_and_variants()
    {
        Assert.Contains(SynonymLines.Check(string.Join(", ", Enumerable.Range(0, SynonymLines.MaxVariants + 1).Select(i => "mot" + i))), e => e.Problem == SynonymProblem.TooManyVariants);
        Assert.Contains(SynonymLines.Check("web, " + new string('x', SynonymLines.VariantMaxLength + 1)), e => e.Problem == SynonymProblem.VariantTooLong);
        Assert.Contains(SynonymLines.Check(string.Join(", ", Enumerable.Range(0, 25).Select(i => "développement numéro " + i))), e => e.Problem == SynonymProblem.TooLong);
        Assert.Empty(SynonymLines.Check("création de sites, site web => agence web"));
    }

    [Fact]
    public void A_line_is_written_one_way_whatever_the_spaces()
    {
        Assert.Equal("création de sites, site web => agence web", SynonymLines.Normalize("  création  de sites ,site web,,=>agence   web "));
    }

    [Fact]
    public void The_index_stamp_changes_with_the_rules_of_several_words_only()
    {
        var catalog = SynonymCatalog.FromLines(["zorglub, blorp", "chose, machin bidule"]);
        var oneWordChanged = SynonymCatalog.FromLines(["zorglub, blorp, schtroumpf", "chose, machin bidule"]);
        var severalWordsChanged = SynonymCatalog.FromLines(["zorglub, blorp", "chose, machin bidule, truc muche"]);

        Assert.Equal(catalog.IndexStamp, oneWordChanged.IndexStamp);
        Assert.NotEqual(catalog.IndexStamp, severalWordsChanged.IndexStamp);
        Assert.Equal(SynonymCatalog.FromLines(SynonymCatalog.DefaultLines).IndexStamp, SynonymCatalog.Default.IndexStamp);
    }

    [Fact]
    public async Task The_rules_of_the_file_are_copied_once_into_a_database_that_never_had_any()
    {
        await using var db = _database.Context();
        var copied = await SynonymRules.ImportDefaultsAsync(db, _database.Clock.GetUtcNow().UtcDateTime, Cancel);

        Assert.Equal(SynonymCatalog.Default.GroupCount, copied);
        using var store = NewStore();
        Assert.Equal(SynonymCatalog.Default.IndexStamp, store.Current.IndexStamp);
        Assert.Equal(copied, await db.SynonymRuleChanges.CountAsync(c => c.Kind == SynonymChangeKind.Imported, Cancel));

        // Removed by the moderators, they do not come back.
        await db.SynonymRules.ExecuteDeleteAsync(Cancel);
        Assert.Equal(0, await SynonymRules.ImportDefaultsAsync(db, _database.Clock.GetUtcNow().UtcDateTime, Cancel));
    }

    [Fact]
    public async Task A_saved_rule_applies_at_once_in_this_process_and_at_the_next_look_in_another()
    {
        using var here = NewStore();
        using var elsewhere = NewStore();
        Assert.False(Finds(here.Current, "zorglub", "blorp"));
        Assert.False(Finds(elsewhere.Current, "zorglub", "blorp"));

        var added = await WithRulesAsync(here, rules => rules.AddAsync("Zorglub, blorp", "essai", Moderator, Cancel));

        Assert.Equal(SynonymOutcomeKind.Done, added.Kind);
        Assert.False(added.NeedsRebuild);
        Assert.True(Finds(here.Current, "zorglub", "blorp"));
        Assert.False(Finds(elsewhere.Current, "zorglub", "blorp"));
        Assert.True(await elsewhere.CheckForChangesAsync(Cancel));
        Assert.True(Finds(elsewhere.Current, "zorglub", "blorp"));
        Assert.False(await elsewhere.CheckForChangesAsync(Cancel));
    }

    [Fact]
    public async Task A_rule_of_several_words_asks_for_a_rebuild_and_one_of_single_words_does_not()
    {
        using var store = NewStore();
        var single = await WithRulesAsync(store, rules => rules.AddAsync("zorglub, blorp", null, Moderator, Cancel));
        var several = await WithRulesAsync(store, rules => rules.AddAsync("chose, machin bidule", null, Moderator, Cancel));
        var oneWordMore = await WithRulesAsync(store, rules => rules.EditAsync(single.RuleId, 1, "zorglub, blorp, schtroumpf", null, Moderator, Cancel));
        var disabled = await WithRulesAsync(store, rules => rules.SetEnabledAsync(several.RuleId, 1, enabled: false, null, Moderator, Cancel));

        Assert.False(single.NeedsRebuild);
        Assert.True(several.NeedsRebuild);
        Assert.False(oneWordMore.NeedsRebuild);
        Assert.True(disabled.NeedsRebuild);
        Assert.DoesNotContain(store.Current.Rules, r => r.Line.Contains("machin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_or_duplicate_lines_are_refused_and_nothing_is_saved()
    {
        using var store = NewStore();
        var first = await WithRulesAsync(store, rules => rules.AddAsync("zorglub, blorp", null, Moderator, Cancel));

        var invalid = await WithRulesAsync(store, rules => rules.AddAsync("le, la", null, Moderator, Cancel));
        var duplicate = await WithRulesAsync(store, rules => rules.AddAsync("Blorp,  zorglub", null, Moderator, Cancel));

        Assert.Equal(SynonymOutcomeKind.Invalid, invalid.Kind);
        Assert.Equal(SynonymOutcomeKind.Invalid, duplicate.Kind);
        Assert.Equal(new SynonymLineError(SynonymProblem.Duplicate, first.RuleId.ToString(System.Globalization.CultureInfo.InvariantCulture)), Assert.Single(duplicate.Errors));
        await using var db = _database.Context();
        Assert.Equal(1, await db.SynonymRules.CountAsync(Cancel));
        Assert.Equal(1, await db.SynonymRuleChanges.CountAsync(Cancel));
    }

    [Fact]
    public async Task An_edit_over_a_newer_version_saves_nothing_and_gives_the_newer_one()
    {
        using var store = NewStore();
        var added = await WithRulesAsync(store, rules => rules.AddAsync("zorglub, blorp", null, Moderator, Cancel));

        var first = await WithRulesAsync(store, rules => rules.EditAsync(added.RuleId, 1, "zorglub, blorp, schtroumpf", "le premier", Moderator, Cancel));
        var second = await WithRulesAsync(store, rules => rules.EditAsync(added.RuleId, 1, "zorglub, blorp, marsupilami", "le second", Moderator, Cancel));
        var removal = await WithRulesAsync(store, rules => rules.RemoveAsync(added.RuleId, 1, null, Moderator, Cancel));

        Assert.Equal(SynonymOutcomeKind.Done, first.Kind);
        Assert.Equal(SynonymOutcomeKind.Stale, second.Kind);
        Assert.Equal("zorglub, blorp, schtroumpf", second.Current!.Line);
        Assert.Equal(2, second.Current.Version);
        Assert.Equal(SynonymOutcomeKind.Stale, removal.Kind);
        var history = await WithRulesAsync(store, rules => rules.HistoryAsync(added.RuleId, 10, Cancel));
        Assert.Equal([SynonymChangeKind.Edited, SynonymChangeKind.Added], history.Select(h => h.Kind));
    }

    [Fact]
    public async Task Every_change_is_kept_with_before_after_and_why()
    {
        using var store = NewStore();
        var id = (await WithRulesAsync(store, rules => rules.AddAsync("zorglub, blorp", "demandé par un adhérent", Moderator, Cancel))).RuleId;
        await WithRulesAsync(store, rules => rules.EditAsync(id, 1, "zorglub, blorp, schtroumpf", null, Moderator, Cancel));
        await WithRulesAsync(store, rules => rules.SetEnabledAsync(id, 2, enabled: false, "à revoir", Moderator, Cancel));
        await WithRulesAsync(store, rules => rules.SetEnabledAsync(id, 3, enabled: true, null, Moderator, Cancel));
        var removed = await WithRulesAsync(store, rules => rules.RemoveAsync(id, 4, "inutile", Moderator, Cancel));

        Assert.Equal(SynonymOutcomeKind.Done, removed.Kind);
        var history = await WithRulesAsync(store, rules => rules.HistoryAsync(id, 10, Cancel));
        Assert.Equal([SynonymChangeKind.Removed, SynonymChangeKind.Enabled, SynonymChangeKind.Disabled, SynonymChangeKind.Edited, SynonymChangeKind.Added], history.Select(h => h.Kind));
        Assert.Equal(("zorglub, blorp", "zorglub, blorp, schtroumpf"), (history[3].Before, history[3].After));
        Assert.Equal(("zorglub, blorp, schtroumpf", null, "inutile"), (history[0].Before, history[0].After, history[0].Reason));
        Assert.Equal("demandé par un adhérent", history[4].Reason);
        Assert.Null(await WithRulesAsync(store, rules => rules.FindAsync(id, Cancel)));
        Assert.False(Finds(store.Current, "zorglub", "blorp"));
    }

    [Fact]
    public async Task A_single_word_rule_finds_at_once_and_one_of_several_words_after_a_rebuild()
    {
        var source = new SwitchableSynonyms();
        using var index = new LuceneIndex(Path.Combine(_database.Folder, "index"), NullLogger<LuceneIndex>.Instance, source);
        var search = new LuceneCompanySearch(index, TaxonomyCatalog.Default, source);
        var company = SampleCompanies.Valid("zorglub-services");
        company.DescriptionFr = "Maintenance de machin bidule et réparation de zorglub.";
        var documents = new[] { company.ToDocument(TaxonomyCatalog.Default) };
        await index.RebuildAsync(documents.ToAsyncEnumerable(), cursor: 1, Cancel);
        Assert.Equal(SynonymCatalog.Default.IndexStamp, (await index.GetStateAsync(Cancel)).SynonymStamp);

        source.Current = SynonymCatalog.FromLines(["blorp, zorglub", "chose, machin bidule"]);

        Assert.Equal(1, (await search.SearchAsync(new SearchRequest { Text = "blorp " }, Cancel)).Total);
        Assert.Equal(0, (await search.SearchAsync(new SearchRequest { Text = "chose " }, Cancel)).Total);
        await index.ApplyAsync(documents, [], cursor: 2, Cancel);
        Assert.Equal(SynonymCatalog.Default.IndexStamp, (await index.GetStateAsync(Cancel)).SynonymStamp);

        await index.RebuildAsync(documents.ToAsyncEnumerable(), cursor: 2, Cancel);

        Assert.Equal(1, (await search.SearchAsync(new SearchRequest { Text = "chose " }, Cancel)).Total);
        Assert.Equal(source.Current.IndexStamp, (await index.GetStateAsync(Cancel)).SynonymStamp);
    }

    [Fact]
    public async Task The_stamp_survives_a_restart_and_says_when_a_rebuild_is_needed()
    {
        var folder = Path.Combine(_database.Folder, "index");
        var source = new SwitchableSynonyms { Current = SynonymCatalog.FromLines(["chose, machin bidule"]) };
        using (var index = new LuceneIndex(folder, NullLogger<LuceneIndex>.Instance, source))
        {
            await index.RebuildAsync(AsyncEnumerable.Empty<CompanyDocument>(), cursor: 0, Cancel);
        }
        using var reopened = new LuceneIndex(folder, NullLogger<LuceneIndex>.Instance, source);
        using var store = NewStore();
        await WithRulesAsync(store, rules => rules.AddAsync("chose, machin bidule", null, Moderator, Cancel));

        Assert.Equal(source.Current.IndexStamp, (await reopened.GetStateAsync(Cancel)).SynonymStamp);
        Assert.False(await store.NeedsRebuildAsync(reopened, Cancel));
        await WithRulesAsync(store, rules => rules.AddAsync("truc, bidule chouette", null, Moderator, Cancel));
        Assert.True(await store.NeedsRebuildAsync(reopened, Cancel));
    }

    /// <summary>Whether searching <paramref name="word"/> also finds <paramref name="other"/> (as written in a rule).</summary>
    private static bool Finds(SynonymCatalog catalog, string word, string other) =>
        catalog.Match(FrenchTextAnalyzer.Stemming.Terms(word), 0)?.Variants.Any(v => v.Text == other) == true;

    private sealed class SwitchableSynonyms : ISynonymSource
    {
        public SynonymCatalog Current { get; set; } = SynonymCatalog.Default;
    }
}
