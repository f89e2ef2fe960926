using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Core.Survey.Results;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Core.Tests.Survey;

/// <summary>The analysts' commentaries of indicators: saved for review, checked, approved or refused, the approved text public meanwhile.</summary>
public sealed class SurveyCommentaryTests : IAsyncLifetime
{
    private static readonly Actor Analyst = new(Guid.CreateVersion7(), "analyste@filiere.nc");
    private static readonly Actor Moderator = new(Guid.CreateVersion7(), "moderatrice@filiere.nc", IsModerator: true);

    private TestDatabase _database = null!;
    private Guid _wave;
    private string _question = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.Context();
        db.Companies.Add(SampleCompanies.Valid("repondante"));
        await db.SaveChangesAsync(Cancel);
        var now = _database.Clock.GetUtcNow().UtcDateTime;
        var (wave, problem) = await new SurveyWaves(db, QuestionnaireCatalog.Default, TaxonomyCatalog.Default, _database.Clock)
            .CreateAsync(new("Enquête 2026", "enquete-annuelle", null, now.AddHours(1), now.AddDays(30), [], [], []), null, Cancel);
        Assert.Null(problem);
        _wave = wave!.Id;
        _question = QuestionnaireCatalog.Default.Find(wave.QuestionnaireId, wave.QuestionnaireVersion)!.Questions.First().Id;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private async Task<CommentarySave> SaveAsync(string? text, int version, string? question = null)
    {
        await using var db = _database.Context();
        return await Service(db).SaveAsync(_wave, question ?? _question, text, version, Analyst, Cancel);
    }

    private async Task<LifecycleOutcome> DecideAsync(bool approve, string? reason = null, int? version = null)
    {
        await using var db = _database.Context();
        var id = (await Service(db).OfWaveAsync(_wave, Cancel))[_question].Id;
        return await Service(db).DecideAsync(id, approve, reason, version, Moderator, Cancel);
    }

    private async Task<SurveyCommentary?> ReadAsync()
    {
        await using var db = _database.Context();
        return (await Service(db).OfWaveAsync(_wave, Cancel)).GetValueOrDefault(_question);
    }

    private async Task<IReadOnlyDictionary<string, string>> PublicAsync()
    {
        await using var db = _database.Context();
        return await Service(db).PublishedAsync(_wave, Cancel);
    }

    private SurveyCommentaries Service(Core.Data.AppDbContext db) =>
        new(db, new SurveyWaves(db, QuestionnaireCatalog.Default, TaxonomyCatalog.Default, _database.Clock), _database.Clock);

    [Fact]
    public async Task A_commentary_waits_for_a_moderator_and_an_edit_keeps_the_approved_text_public()
    {
        Assert.Equal(CommentarySave.Saved, await SaveAsync("  La **moitié** des entreprises recrutent.  ", 0));
        var saved = await ReadAsync();
        Assert.Equal(("La **moitié** des entreprises recrutent.", CommentaryStatus.Pending, 1, Analyst.UserId), (saved!.Markdown, saved.Status, saved.Version, saved.AuthorId));
        Assert.Empty(await PublicAsync());

        Assert.Equal(LifecycleOutcome.Done, await DecideAsync(approve: true));
        Assert.Equal("La **moitié** des entreprises recrutent.", (await PublicAsync())[_question]);
        var approved = await ReadAsync();
        Assert.Equal((CommentaryStatus.Published, Moderator.UserId, 2), (approved!.Status, approved.ReviewedBy, approved.Version));
        Assert.Equal(LifecycleOutcome.AlreadyHandled, await DecideAsync(approve: true));

        Assert.Equal(CommentarySave.Saved, await SaveAsync("Un tiers seulement.", 2));
        Assert.Equal(CommentaryStatus.Pending, (await ReadAsync())!.Status);
        Assert.Equal("La **moitié** des entreprises recrutent.", (await PublicAsync())[_question]);

        Assert.Equal(LifecycleOutcome.ReasonRequired, await DecideAsync(approve: false, "  "));
        Assert.Equal(LifecycleOutcome.Done, await DecideAsync(approve: false, "Chiffre à vérifier"));
        var refused = await ReadAsync();
        Assert.Equal((CommentaryStatus.Refused, "Chiffre à vérifier", "Un tiers seulement."), (refused!.Status, refused.RefusalReason, refused.Markdown));
        Assert.Equal("La **moitié** des entreprises recrutent.", (await PublicAsync())[_question]);

        // Saving the refused text again sends it back to review.
        Assert.Equal(CommentarySave.Saved, await SaveAsync("Un tiers seulement.", refused.Version));
        Assert.Equal((CommentaryStatus.Pending, null), ((await ReadAsync())!.Status, (await ReadAsync())!.RefusalReason));
    }

    [Fact]
    public async Task Bad_text_a_stale_version_or_an_unknown_question_change_nothing()
    {
        Assert.Equal(CommentarySave.TooLong, await SaveAsync(new string('a', SurveyCommentary.MarkdownMaxLength + 1), 0));
        Assert.Equal(CommentarySave.LinkNotAllowed, await SaveAsync("[voir](javascript:alert(1))", 0));
        Assert.Equal(CommentarySave.LinkNotAllowed, await SaveAsync("[voir](/admin)", 0));
        Assert.Equal(CommentarySave.LinkNotAllowed, await SaveAsync("<mailto:a@b.nc>", 0));
        Assert.Equal(CommentarySave.NotFound, await SaveAsync("Texte", 0, question: "pas-une-question"));
        Assert.Null(await ReadAsync());

        Assert.Equal(CommentarySave.Saved, await SaveAsync("Voir [l'ISEE](https://www.isee.nc).", 0));
        Assert.Equal(CommentarySave.Unchanged, await SaveAsync("Voir [l'ISEE](https://www.isee.nc).", 1));
        Assert.Equal(CommentarySave.Stale, await SaveAsync("Autre texte", 0));
        Assert.Equal("Voir [l'ISEE](https://www.isee.nc).", (await ReadAsync())!.Markdown);

        // A moderator who read an older version does not approve the newer text.
        Assert.Equal(CommentarySave.Saved, await SaveAsync("Texte revu", 1));
        Assert.Equal(LifecycleOutcome.AlreadyHandled, await DecideAsync(approve: true, version: 1));
        Assert.Empty(await PublicAsync());
    }

    [Fact]
    public async Task An_empty_text_deletes_the_commentary()
    {
        Assert.Equal(CommentarySave.Unchanged, await SaveAsync("   ", 0));
        Assert.Equal(CommentarySave.Saved, await SaveAsync("Texte", 0));
        Assert.Equal(LifecycleOutcome.Done, await DecideAsync(approve: true));
        Assert.Equal(CommentarySave.Stale, await SaveAsync("", 1));
        Assert.Equal(CommentarySave.Deleted, await SaveAsync("", 2));
        Assert.Null(await ReadAsync());
        Assert.Empty(await PublicAsync());
    }
}
