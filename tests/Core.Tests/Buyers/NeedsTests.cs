using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Tests.Buyers;

/// <summary>
/// The needs' life cycle on a real SQLite file and the test clock: checks by field, the per-address limit over a rolling
/// day, a stale version decides nothing, answers once per company and only while open, closing from the right states,
/// expiry the day after the deadline (Nouméa), a line of history for each change. (The choice of companies goes through
/// the real search engines: it is tested end to end in the site's tests.)
/// </summary>
public sealed class NeedsTests : IAsyncLifetime
{
    private static readonly Actor Moderator = new(Guid.CreateVersion7(), "moderatrice@filiere.nc", IsModerator: true);

    private TestDatabase _database = null!;

    private readonly NoHits _search = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private Needs Service(AppDbContext db) =>
        new(db, new BuyerGuard(db, _database.Clock), TaxonomyCatalog.Default, new NeedMatching(db, _search, _database.Clock), _database.Clock);

    private DateOnly Today
    {
        get
        {
            using var db = _database.Context();
            return Service(db).Today;
        }
    }

    private NeedDraft Draft(string email = "acheteuse@mairie.nc", string title = "Refonte du site de la mairie") => new()
    {
        Title = title,
        Description = "Nous cherchons une agence pour refaire le site de la mairie, accessible et bilingue.",
        ActivityCodes = ["A0405"],
        ServiceCodes = ["site-vitrine"],
        CommuneCode = "98818",
        Deadline = Today.AddDays(10),
        Name = "Marie Tein",
        Email = email,
    };

    private async Task<NeedPosting> PostAsync(NeedDraft draft, Guid? user = null)
    {
        await using var db = _database.Context();
        return await Service(db).PostAsync(draft, user, Cancel);
    }

    private async Task<Need> PublishedAsync(string email = "acheteuse@mairie.nc")
    {
        var need = (await PostAsync(Draft(email))).Need!;
        await using var db = _database.Context();
        var needs = Service(db);
        Assert.True(await needs.ConfirmAsync(need.Id, Cancel));
        Assert.Equal(LifecycleOutcome.Done, await needs.DecideAsync(need.Id, approve: true, null, readVersion: 1, Moderator, Cancel));
        return (await needs.FindAsync(need.Id, Cancel))!;
    }

    private async Task<(Guid Company, Guid User)> MemberAsync(string slug)
    {
        await using var db = _database.Context();
        var company = SampleCompanies.Valid(slug);
        var email = slug + "@entreprise.nc";
        var user = new DirectoryUser { Id = Guid.CreateVersion7(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true };
        db.Companies.Add(company);
        db.Users.Add(user);
        db.CompanyMembers.Add(new CompanyMember { CompanyId = company.Id, UserId = user.Id, Role = MemberRole.Owner, Since = DateTime.UtcNow });
        await db.SaveChangesAsync(Cancel);
        return (company.Id, user.Id);
    }

    [Fact]
    public async Task A_draft_is_checked_field_by_field_and_nothing_is_stored_when_refused()
    {
        var refused = await PostAsync(Draft() with
        {
            Title = "court",
            Description = "Tout est sur www.exemple.nc, et le cahier des charges est long.",
            ActivityCodes = ["Z9999"],
            CommuneCode = "00000",
            Deadline = Today,
            BudgetBand = "beaucoup",
            Email = "pas une adresse",
            ContactPreference = ContactPreference.Phone,
        });
        Assert.False(refused.Succeeded);
        Assert.Equal(new Dictionary<string, string>
        {
            ["Title"] = "Needs.Error.TitleLength",
            ["Description"] = "Needs.Error.Link",
            ["ActivityCodes"] = "Needs.Error.UnknownCode",
            ["CommuneCode"] = "Needs.Error.UnknownCommune",
            ["Deadline"] = "Needs.Error.DeadlineRange",
            ["BudgetBand"] = "Needs.Error.UnknownBudget",
            ["Email"] = "Needs.Error.Email",
            ["Phone"] = "Needs.Error.PhoneRequired",
        }, refused.Errors);
        Assert.Equal("Needs.Error.TooManyCodes", (await PostAsync(Draft() with { ActivityCodes = ["A0405", "A0901", "A0401", "A0103", "A0104"], ServiceCodes = ["site-vitrine", "boutique-en-ligne", "application-mobile", "application-web"] })).Errors["ActivityCodes"]);
        Assert.Equal("Needs.Error.NoCode", (await PostAsync(Draft() with { ActivityCodes = [], ServiceCodes = [] })).Errors["ActivityCodes"]);
        Assert.Equal("Needs.Error.DeadlineRange", (await PostAsync(Draft() with { Deadline = Today.AddMonths(Needs.MaxDeadlineMonths).AddDays(1) })).Errors["Deadline"]);
        await using var db = _database.Context();
        Assert.Empty(await db.Needs.ToListAsync(Cancel));
    }

    [Fact]
    public async Task The_whole_territory_is_a_need_without_commune_and_an_account_skips_the_confirmation()
    {
        var user = (await MemberAsync("compte-acheteur")).User;
        var posted = await PostAsync(Draft("compte-acheteur@entreprise.nc") with { CommuneCode = "", Email = " Compte-Acheteur@Entreprise.nc " }, user);
        Assert.True(posted.Succeeded);
        Assert.Null(posted.Need!.CommuneCode);
        Assert.Equal(NeedStatus.PendingReview, posted.Need.Status);
        Assert.Equal("compte-acheteur@entreprise.nc", posted.Need.Buyer.Email);
        Assert.Equal(NeedStatus.AwaitingConfirmation, (await PostAsync(Draft("sans-compte@mairie.nc"))).Need!.Status);
    }

    [Fact]
    public async Task An_address_posts_three_needs_in_24_hours_and_a_blocked_one_none_with_the_same_words()
    {
        for (var i = 0; i < Needs.PerEmailPerDay; i++)
        {
            Assert.True((await PostAsync(Draft("presse@mairie.nc", $"Besoin numéro {i} de la mairie"))).Succeeded);
            _database.Clock.Advance(TimeSpan.FromHours(1));
        }
        Assert.Equal("Needs.Error.PerEmail", (await PostAsync(Draft("PRESSE@mairie.nc"))).Errors[string.Empty]);
        _database.Clock.Advance(TimeSpan.FromHours(22).Add(TimeSpan.FromMinutes(1)));
        Assert.True((await PostAsync(Draft("presse@mairie.nc"))).Succeeded);

        await using (var db = _database.Context())
        {
            Assert.True(await new BuyerGuard(db, _database.Clock).BlockAsync("spam.nc", null, null, Cancel));
        }
        Assert.Equal("Needs.Error.Refused", (await PostAsync(Draft("vente@promo.spam.nc"))).Errors[string.Empty]);
    }

    [Fact]
    public async Task A_stale_version_or_a_second_decision_changes_nothing_and_a_refusal_needs_a_reason()
    {
        var need = (await PostAsync(Draft())).Need!;
        await using var db = _database.Context();
        var needs = Service(db);
        Assert.Equal(LifecycleOutcome.AlreadyHandled, await needs.DecideAsync(need.Id, approve: true, null, null, Moderator, Cancel));   // not confirmed yet
        Assert.True(await needs.ConfirmAsync(need.Id, Cancel));
        Assert.True(await needs.ConfirmAsync(need.Id, Cancel));   // twice: still fine, one line of history
        Assert.Equal(LifecycleOutcome.ReasonRequired, await needs.DecideAsync(need.Id, approve: false, " ", 1, Moderator, Cancel));
        Assert.Equal(LifecycleOutcome.AlreadyHandled, await needs.DecideAsync(need.Id, approve: true, null, readVersion: 0, Moderator, Cancel));
        Assert.Equal(LifecycleOutcome.Done, await needs.DecideAsync(need.Id, approve: false, "Hors du champ de l'annuaire.", 1, Moderator, Cancel));
        Assert.Equal(LifecycleOutcome.AlreadyHandled, await needs.DecideAsync(need.Id, approve: true, null, 2, Moderator, Cancel));
        Assert.Equal(LifecycleOutcome.NotFound, await needs.DecideAsync(Guid.CreateVersion7(), approve: true, null, null, Moderator, Cancel));
        var stored = (await needs.FindAsync(need.Id, Cancel))!;
        Assert.Equal((NeedStatus.Rejected, "Hors du champ de l'annuaire.", 2), (stored.Status, stored.RefusalReason, stored.Version));
        Assert.Equal(
            [(NeedStatus.AwaitingConfirmation, Needs.BuyerActor, null), (NeedStatus.PendingReview, Needs.BuyerActor, null), (NeedStatus.Rejected, Moderator.Name, "Hors du champ de l'annuaire.")],
            (await needs.HistoryAsync(need.Id, Cancel)).Select(c => (c.Status, c.Actor, c.Note)));
    }

    [Fact]
    public async Task A_company_answers_once_while_the_need_is_open_and_only_through_its_members()
    {
        var need = await PublishedAsync();
        var (company, user) = await MemberAsync("cagou-web");
        var (other, stranger) = await MemberAsync("autre-web");
        await using var db = _database.Context();
        var needs = Service(db);
        Assert.Equal(NeedAnswerOutcome.NotMember, await needs.AnswerAsync(need.Id, company, stranger, "x", "Nous sommes intéressés par ce travail.", Cancel));
        Assert.Equal(NeedAnswerOutcome.InvalidMessage, await needs.AnswerAsync(need.Id, company, user, "x", "Voir bit.ly/promo pour nos offres du moment.", Cancel));
        Assert.Equal(NeedAnswerOutcome.InvalidMessage, await needs.AnswerAsync(need.Id, company, user, "x", "Oui !", Cancel));
        Assert.Equal(NeedAnswerOutcome.Done, await needs.AnswerAsync(need.Id, company, user, "cagou-web@entreprise.nc", "Nous sommes intéressés par ce travail.", Cancel));
        Assert.Equal(NeedAnswerOutcome.AlreadyAnswered, await needs.AnswerAsync(need.Id, company, user, "x", "Encore nous, toujours intéressés.", Cancel));
        Assert.Single(await needs.AnswersAsync(need.Id, Cancel));
        Assert.Equal([company], await needs.AnsweredByMemberAsync(need.Id, user, Cancel));

        // After the deadline (in Nouméa), no more answers even before the hourly pass expires it.
        _database.Clock.Advance(TimeSpan.FromDays(11));
        Assert.Equal(NeedAnswerOutcome.Closed, await needs.AnswerAsync(need.Id, other, stranger, "x", "Nous sommes intéressés aussi.", Cancel));
        Assert.Equal(1, await needs.ExpireAsync(Cancel));
        Assert.Equal(0, await needs.ExpireAsync(Cancel));
        Assert.Equal(NeedStatus.Expired, (await needs.FindAsync(need.Id, Cancel))!.Status);
        Assert.Empty((await needs.BoardAsync(null, null, null, null, 1, 20, Cancel)).Needs);
    }

    [Fact]
    public async Task The_buyer_closes_a_published_or_expired_need_with_an_outcome_once()
    {
        var need = await PublishedAsync();
        await using var db = _database.Context();
        var needs = Service(db);
        Assert.Equal(LifecycleOutcome.ReasonRequired, await needs.CloseAsync(need.Id, filled: true, "", need.Version, Needs.BuyerActor, Cancel));
        Assert.Equal(LifecycleOutcome.ReasonRequired, await needs.CloseAsync(need.Id, filled: true, "Voir exemple.com/resultat", need.Version, Needs.BuyerActor, Cancel));
        Assert.Equal(LifecycleOutcome.AlreadyHandled, await needs.CloseAsync(need.Id, filled: true, "Fait.", need.Version - 1, Needs.BuyerActor, Cancel));
        Assert.Equal(LifecycleOutcome.Done, await needs.CloseAsync(need.Id, filled: false, "Projet reporté à l'an prochain.", need.Version, Needs.BuyerActor, Cancel));
        Assert.Equal(LifecycleOutcome.AlreadyHandled, await needs.CloseAsync(need.Id, filled: true, "Finalement fait.", null, Needs.BuyerActor, Cancel));
        var closed = (await needs.FindAsync(need.Id, Cancel))!;
        Assert.Equal((NeedStatus.Cancelled, "Projet reporté à l'an prochain."), (closed.Status, closed.Outcome));
        Assert.Equal(NeedStatus.Cancelled, (await needs.HistoryAsync(need.Id, Cancel))[^1].Status);
    }

    [Fact]
    public async Task A_need_published_while_the_search_engine_is_down_is_published_and_matched_by_the_next_pass()
    {
        _search.Down = true;
        var need = await PublishedAsync();
        Assert.Equal(NeedStatus.Published, need.Status);
        Assert.Null(need.MatchedAt);
        await using var db = _database.Context();
        var needs = Service(db);
        await Assert.ThrowsAsync<SearchUnavailableException>(() => needs.MatchPendingAsync(Cancel));
        _search.Down = false;
        Assert.Equal(1, await needs.MatchPendingAsync(Cancel));
        Assert.NotNull((await needs.FindAsync(need.Id, Cancel))!.MatchedAt);
        Assert.Equal(0, await needs.MatchPendingAsync(Cancel));
    }

    [Fact]
    public async Task The_board_filters_by_activity_service_sector_and_province_a_need_of_the_whole_territory_being_in_every_province()
    {
        var noumea = await PublishedAsync("un@mairie.nc");
        var everywhere = (await PostAsync(Draft("deux@mairie.nc", "Besoin de tout le territoire") with { CommuneCode = null, ActivityCodes = ["A0103"], ServiceCodes = [] })).Need!;
        await using var db = _database.Context();
        var needs = Service(db);
        await needs.ConfirmAsync(everywhere.Id, Cancel);
        await needs.DecideAsync(everywhere.Id, true, null, null, Moderator, Cancel);
        async Task<string[]> Board(string? activity = null, string? service = null, string? sector = null, string? province = null) =>
            [.. (await needs.BoardAsync(activity, service, sector, province, 1, 20, Cancel)).Needs.Select(n => n.Title).Order()];
        Assert.Equal([everywhere.Title, noumea.Title], await Board());
        Assert.Equal([noumea.Title], await Board(activity: "A0405"));
        Assert.Equal([noumea.Title], await Board(service: "site-vitrine"));
        Assert.Equal([everywhere.Title], await Board(sector: TaxonomyCatalog.Default.FindActivity("A0103")!.SectorCode));
        Assert.Equal([everywhere.Title], await Board(province: "nord"));
        Assert.Equal([everywhere.Title, noumea.Title], await Board(province: "sud"));
    }

    /// <summary>An engine that finds nothing: these tests are about the life cycle, not the choice of companies.</summary>
    private sealed class NoHits : ICompanySearch
    {
        /// <summary>True: answers as a remote cluster that is down.</summary>
        public bool Down { get; set; }

        public Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default) =>
            Down ? throw new SearchUnavailableException("down") : Task.FromResult(new SearchResult());

        public Task<IReadOnlyList<Suggestion>> SuggestAsync(string? prefix, int max = 10, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<Suggestion>>([]);

        public Task<IReadOnlySet<Guid>> MatchingIdsAsync(string text, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlySet<Guid>>(new HashSet<Guid>());
    }
}
