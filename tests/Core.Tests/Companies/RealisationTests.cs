using AnnuaireFiliere.Core.Companies;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Tests.Companies;

/// <summary>A company's réalisations: their rules, the limit of six, review by a moderator, and the history they leave.</summary>
public sealed class RealisationTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly Actor Member = new(Guid.NewGuid(), "membre@exemple.nc");

    private static readonly Actor Moderator = new(Guid.NewGuid(), "moderation@exemple.nc", IsModerator: true);

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private static RealisationDraft Draft(string title = "Site de la mairie", int? year = 2024, string? link = null, string? image = null, string? alt = null) =>
        new(title, ClientTypes.Administration, year, "Refonte du site et formation des agents.", link, image, image is null ? null : 1200, image is null ? null : 800, alt);

    private async Task<Company> CompanyAsync(string slug)
    {
        var company = SampleCompanies.Valid(slug);
        await using var db = _database.Context();
        db.Companies.Add(company);
        await db.SaveChangesAsync(Cancel);
        return company;
    }

    [Theory]
    [InlineData(null, 2024, null, null, null, RealisationProblem.TitleRequired)]
    [InlineData("Titre", 1949, null, null, null, RealisationProblem.YearOutOfRange)]
    [InlineData("Titre", 2027, null, null, null, RealisationProblem.YearOutOfRange)]
    [InlineData("Titre", null, null, null, null, RealisationProblem.YearOutOfRange)]
    [InlineData("Titre", 2024, "ftp://exemple.nc/x", null, null, RealisationProblem.LinkInvalid)]
    [InlineData("Titre", 2024, "exemple.nc", null, null, RealisationProblem.LinkInvalid)]
    [InlineData("Titre", 2024, "javascript:alert(1)", null, null, RealisationProblem.LinkInvalid)]
    [InlineData("Titre", 2024, null, "abc.webp", " ", RealisationProblem.ImageAltRequired)]
    public void A_draft_breaking_a_rule_is_refused_with_its_problem(string? title, int? year, string? link, string? image, string? alt, RealisationProblem expected)
    {
        var draft = new RealisationDraft(title, ClientTypes.Company, year, null, link, image, null, null, alt);

        Assert.Equal([expected], RealisationRules.Check(draft, 2026).Select(p => p.Problem));
    }

    [Fact]
    public void Lengths_client_types_and_a_valid_draft_are_checked()
    {
        Assert.Empty(RealisationRules.Check(Draft(link: "https://mairie.exemple.nc/", image: "a.webp", alt: "La page d'accueil"), 2026));
        Assert.Empty(RealisationRules.Check(Draft(year: 1950), 2026));
        var tooLong = new RealisationDraft(new string('a', 101), "autre", 2024, new string('b', 501), null, "a.webp", 1, 1, new string('c', 151));
        Assert.Equal(
            [RealisationProblem.TitleTooLong, RealisationProblem.ClientTypeUnknown, RealisationProblem.TextTooLong, RealisationProblem.ImageAltTooLong],
            RealisationRules.Check(tooLong, 2026).Select(p => p.Problem));
    }

    [Fact]
    public async Task A_member_adds_up_to_six_which_wait_for_review_and_each_leaves_a_history_entry()
    {
        var company = await CompanyAsync("realisations-six");
        await using (var db = _database.Context())
        {
            var lifecycle = _database.Lifecycle(db);
            for (var i = 1; i <= Realisation.MaxPerCompany; i++)
            {
                Assert.Equal(LifecycleOutcome.Done, await lifecycle.AddRealisationAsync(company.Id, Draft($"Projet {i}"), Member, Cancel));
            }
            Assert.Equal(LifecycleOutcome.NotAllowed, await lifecycle.AddRealisationAsync(company.Id, Draft("Projet 7"), Member, Cancel));
            Assert.Equal(LifecycleOutcome.NotAllowed, await lifecycle.AddRealisationAsync(company.Id, Draft(year: 1900), Member, Cancel));
        }

        await using var read = _database.Context();
        var saved = await read.Realisations.AsNoTracking().Where(r => r.CompanyId == company.Id).OrderBy(r => r.Position).ToListAsync(Cancel);
        Assert.Equal(Enumerable.Range(1, 6).Select(i => $"Projet {i}"), saved.Select(r => r.Title));
        Assert.All(saved, r => Assert.Equal(RealisationStatus.PendingReview, r.Status));
        var notes = await read.CompanyChanges.AsNoTracking().Where(c => c.CompanyId == company.Id).Select(c => c.Details).ToListAsync(Cancel);
        Assert.Equal(6, notes.Count(n => ChangeNote.Parse(n) is { Code: "realisation-added" }));
    }

    [Fact]
    public async Task A_moderator_approves_or_refuses_with_a_reason_once_and_an_edit_goes_back_to_review()
    {
        var company = await CompanyAsync("realisations-revue");
        Guid first, second;
        await using (var db = _database.Context())
        {
            var lifecycle = _database.Lifecycle(db);
            await lifecycle.AddRealisationAsync(company.Id, Draft("Premier"), Member, Cancel);
            await lifecycle.AddRealisationAsync(company.Id, Draft("Second"), Member, Cancel);
            var ids = await db.Realisations.OrderBy(r => r.Position).Select(r => r.Id).ToListAsync(Cancel);
            (first, second) = (ids[0], ids[1]);
        }
        await using (var db = _database.Context())
        {
            var lifecycle = _database.Lifecycle(db);
            Assert.Equal(LifecycleOutcome.ReasonRequired, await lifecycle.DecideRealisationAsync(second, approve: false, "  ", Moderator, Cancel));
            Assert.Equal(LifecycleOutcome.Done, await lifecycle.DecideRealisationAsync(first, approve: true, null, Moderator, Cancel));
            Assert.Equal(LifecycleOutcome.AlreadyHandled, await lifecycle.DecideRealisationAsync(first, approve: false, "Trop tard", Moderator, Cancel));
            Assert.Equal(LifecycleOutcome.Done, await lifecycle.DecideRealisationAsync(second, approve: false, "Le texte est une publicité.", Moderator, Cancel));
        }
        await using (var db = _database.Context())
        {
            var refused = await db.Realisations.AsNoTracking().SingleAsync(r => r.Id == second, Cancel);
            Assert.Equal((RealisationStatus.Refused, "Le texte est une publicité."), (refused.Status, refused.RefusalReason));
            var published = await db.Realisations.AsNoTracking().SingleAsync(r => r.Id == first, Cancel);
            Assert.Equal(RealisationStatus.Published, published.Status);

            var lifecycle = _database.Lifecycle(db);
            // Saved unchanged: nothing happens; changed: back to review, the refusal forgotten; an old version is stale.
            Assert.Equal(LifecycleOutcome.AlreadyHandled, await lifecycle.EditRealisationAsync(company.Id, first, Draft("Premier"), published.Version, Member, Cancel));
            Assert.Equal(LifecycleOutcome.Done, await lifecycle.EditRealisationAsync(company.Id, first, Draft("Premier, corrigé"), published.Version, Member, Cancel));
            Assert.Equal(LifecycleOutcome.Stale, await lifecycle.EditRealisationAsync(company.Id, first, Draft("Autre"), published.Version, Member, Cancel));
            Assert.Equal(LifecycleOutcome.Done, await lifecycle.EditRealisationAsync(company.Id, second, Draft("Second, corrigé"), refused.Version, Member, Cancel));
        }
        await using (var db = _database.Context())
        {
            var both = await db.Realisations.AsNoTracking().OrderBy(r => r.Position).ToListAsync(Cancel);
            Assert.Equal([(RealisationStatus.PendingReview, null), (RealisationStatus.PendingReview, null)], both.Select(r => (r.Status, r.RefusalReason)));

            // A moderator's own edit is published at once; another company's réalisation is not found.
            Assert.Equal(LifecycleOutcome.Done, await _database.Lifecycle(db).EditRealisationAsync(company.Id, first, Draft("Par la modération"), both[0].Version, Moderator, Cancel));
            Assert.Equal(LifecycleOutcome.NotFound, await _database.Lifecycle(db).RemoveRealisationAsync(Guid.NewGuid(), second, Member, Cancel));
            Assert.Equal(LifecycleOutcome.Done, await _database.Lifecycle(db).RemoveRealisationAsync(company.Id, second, Member, Cancel));
        }
        await using var read = _database.Context();
        Assert.Equal(RealisationStatus.Published, (await read.Realisations.AsNoTracking().SingleAsync(Cancel)).Status);
        var history = await read.CompanyChanges.AsNoTracking().Where(c => c.CompanyId == company.Id && c.Details != null).OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(Cancel);
        Assert.Contains(history, c => c.Note is { Code: "realisation-refused", Title: "Second" } && c.Reason == "Le texte est une publicité.");
        Assert.Contains(history, c => c.Note is { Code: "realisation-removed", Title: "Second, corrigé" });
        Assert.All(history, c => Assert.Equal(ChangeKind.Edited, c.Kind));
    }

    [Fact]
    public async Task Moving_swaps_with_the_neighbour_keeps_the_state_and_stops_at_the_ends()
    {
        var company = await CompanyAsync("realisations-ordre");
        await using var db = _database.Context();
        var lifecycle = _database.Lifecycle(db);
        foreach (var title in new[] { "A", "B", "C" })
        {
            await lifecycle.AddRealisationAsync(company.Id, Draft(title), Moderator, Cancel);
        }
        var ids = await db.Realisations.OrderBy(r => r.Position).Select(r => r.Id).ToListAsync(Cancel);

        Assert.Equal(LifecycleOutcome.Done, await lifecycle.MoveRealisationAsync(company.Id, ids[2], up: true, Member, Cancel));
        Assert.Equal(LifecycleOutcome.AlreadyHandled, await lifecycle.MoveRealisationAsync(company.Id, ids[0], up: true, Member, Cancel));
        Assert.Equal(LifecycleOutcome.NotFound, await lifecycle.MoveRealisationAsync(Guid.NewGuid(), ids[0], up: false, Member, Cancel));

        await using var read = _database.Context();
        var order = await read.Realisations.AsNoTracking().Where(r => r.CompanyId == company.Id).OrderBy(r => r.Position).ToListAsync(Cancel);
        Assert.Equal(["A", "C", "B"], order.Select(r => r.Title));
        Assert.All(order, r => Assert.Equal(RealisationStatus.Published, r.Status));
        Assert.Contains(await read.CompanyChanges.AsNoTracking().Where(c => c.CompanyId == company.Id).ToListAsync(Cancel), c => c.Note is { Code: "realisation-moved", Title: "C" });
    }
}
