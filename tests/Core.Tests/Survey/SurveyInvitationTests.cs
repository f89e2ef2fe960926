using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Tests.Survey;

/// <summary>Who is mailed about a census wave, and when, with the clock set by the test: invitations at opening, reminders on their days to those who have not answered, never twice, nothing after closing.</summary>
public sealed class SurveyInvitationTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private DateTime Now => _database.Clock.GetUtcNow().UtcDateTime;

    /// <summary>Companies: one with an owner and an editor, one unclaimed with a contact email, one unclaimed without, one with an owner who will answer.</summary>
    private async Task<(Guid Owned, Guid Unclaimed, Guid Unreachable, Guid Answering)> CompaniesAsync()
    {
        var owned = SampleCompanies.Valid("proprietaire");
        var unclaimed = SampleCompanies.Valid("sans-compte");
        unclaimed.Email = "contact@sans-compte.nc";
        var unreachable = SampleCompanies.Valid("injoignable");
        unreachable.Email = null;
        var answering = SampleCompanies.Valid("repondante");
        await using var db = _database.Context();
        db.Companies.AddRange(owned, unclaimed, unreachable, answering);
        await db.SaveChangesAsync(Cancel);
        await MemberAsync(owned.Id, "gerante@proprietaire.nc", MemberRole.Owner, "en");
        await MemberAsync(owned.Id, "redacteur@proprietaire.nc", MemberRole.Editor);
        await MemberAsync(answering.Id, "gerant@repondante.nc", MemberRole.Owner);
        return (owned.Id, unclaimed.Id, unreachable.Id, answering.Id);
    }

    private async Task MemberAsync(Guid company, string email, MemberRole role, string language = "fr")
    {
        await using var db = _database.Context();
        var user = new DirectoryUser
        {
            Id = Guid.CreateVersion7(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
            NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, PreferredLanguage = language,
        };
        db.Users.Add(user);
        db.CompanyMembers.Add(new CompanyMember { CompanyId = company, UserId = user.Id, Role = role, Since = Now });
        await db.SaveChangesAsync(Cancel);
    }

    /// <summary>A wave of every published company opening in an hour, for 30 days, reminding on days 7 and 21.</summary>
    private async Task<SurveyWave> WaveAsync()
    {
        await using var db = _database.Context();
        var (wave, problem) = await new SurveyWaves(db, QuestionnaireCatalog.Default, TaxonomyCatalog.Default, _database.Clock)
            .CreateAsync(new("Enquête 2026", "enquete-annuelle", null, Now.AddHours(1), Now.AddHours(1).AddDays(30), [], [], [7, 21]), null, Cancel);
        Assert.Null(problem);
        return wave!;
    }

    private async Task<IReadOnlyList<SurveyMail>> PassAsync(int most = 200)
    {
        await using var db = _database.Context();
        return await new SurveyInvitations(db, _database.Clock).RecordDueAsync(most, Cancel);
    }

    private async Task<InvitationCounts> CountsAsync(Guid wave)
    {
        await using var db = _database.Context();
        return await new SurveyInvitations(db, _database.Clock).CountsAsync(wave, Cancel);
    }

    private void At(SurveyWave wave, double days) => _database.Clock.SetUtcNow(new DateTimeOffset(wave.OpensAt.AddDays(days), TimeSpan.Zero));

    private async Task RespondAsync(SurveyWave wave, Guid company, SurveyResponseStatus status)
    {
        await using var db = _database.Context();
        db.SurveyResponses.Add(new SurveyResponse { Id = Guid.CreateVersion7(), WaveId = wave.Id, CompanyId = company, Status = status, UpdatedAt = Now, Version = 1 });
        await db.SaveChangesAsync(Cancel);
    }

    [Fact]
    public async Task At_opening_the_owners_or_else_the_public_contact_are_invited_once_and_a_company_without_either_is_counted_unreachable()
    {
        var (owned, unclaimed, _, answering) = await CompaniesAsync();
        var wave = await WaveAsync();

        Assert.Empty(await PassAsync());
        At(wave, 0);
        var mails = await PassAsync();

        Assert.Equal(
            new[] { ("contact@sans-compte.nc", unclaimed, (Guid?)null, "fr"), ("gerant@repondante.nc", answering, Guid.Empty, "fr"), ("gerante@proprietaire.nc", owned, Guid.Empty, "en") },
            mails.OrderBy(m => m.Address, StringComparer.Ordinal).Select(m => (m.Address, m.CompanyId, m.UserId is null ? null : (Guid?)Guid.Empty, m.Language)));
        Assert.All(mails, m => Assert.Equal((SurveyMailKind.Invitation, wave.Id, wave.ClosesAt), (m.Kind, m.WaveId, m.ClosesAt)));
        Assert.Empty(await PassAsync());
        At(wave, 3);
        Assert.Empty(await PassAsync());
        Assert.Equal(new InvitationCounts(3, 0, 0, 1), await CountsAsync(wave.Id));
    }

    [Fact]
    public async Task Reminders_go_on_their_days_only_to_companies_without_sent_answers_once_each_and_nothing_after_closing()
    {
        var (owned, unclaimed, _, answering) = await CompaniesAsync();
        var wave = await WaveAsync();
        At(wave, 0);
        await PassAsync();
        await RespondAsync(wave, answering, SurveyResponseStatus.Submitted);
        await RespondAsync(wave, owned, SurveyResponseStatus.Draft);

        At(wave, 6.9);
        Assert.Empty(await PassAsync());
        At(wave, 7);
        var first = await PassAsync();
        Assert.Equal(new[] { owned, unclaimed }.Order(), first.Select(m => m.CompanyId).Order());
        Assert.All(first, m => Assert.Equal(SurveyMailKind.Reminder, m.Kind));
        At(wave, 8);
        Assert.Empty(await PassAsync());

        At(wave, 21.5);
        Assert.Equal(new[] { owned, unclaimed }.Order(), (await PassAsync()).Select(m => m.CompanyId).Order());
        Assert.Empty(await PassAsync());
        Assert.Equal(new InvitationCounts(3, 4, 0, 1), await CountsAsync(wave.Id));

        // The same people would be due again if anything were: after closing nothing is.
        await using (var db = _database.Context())
        {
            await db.SurveyInvitations.Where(i => i.Kind == SurveyMailKind.Reminder).ExecuteDeleteAsync(Cancel);
        }
        At(wave, 30);
        Assert.Empty(await PassAsync());
    }

    [Fact]
    public async Task A_first_pass_late_in_the_wave_invites_and_does_not_remind_at_once_and_a_closed_wave_mails_nobody()
    {
        await CompaniesAsync();
        var late = await WaveAsync();
        At(late, 22);

        var mails = await PassAsync();

        Assert.Equal(3, mails.Count);
        Assert.All(mails, m => Assert.Equal(SurveyMailKind.Invitation, m.Kind));
        Assert.Empty(await PassAsync());

        var closed = await WaveAsync();
        At(closed, 30);
        Assert.Empty(await PassAsync());
        Assert.Equal(new InvitationCounts(0, 0, 0, 1), await CountsAsync(closed.Id));
    }

    [Fact]
    public async Task A_pass_hands_out_at_most_its_batch_the_next_goes_on_and_a_failed_mail_is_counted_and_not_sent_again()
    {
        await CompaniesAsync();
        var wave = await WaveAsync();
        At(wave, 0);

        var first = await PassAsync(most: 2);
        var second = await PassAsync(most: 2);
        await using (var db = _database.Context())
        {
            await new SurveyInvitations(db, _database.Clock).FailedAsync(first[0].Id, "Connexion refusée par le serveur SMTP", Cancel);
        }

        Assert.Equal(2, first.Count);
        Assert.Single(second);
        Assert.Empty(first.Select(m => m.Address).Intersect(second.Select(m => m.Address)));
        Assert.Empty(await PassAsync());
        Assert.Equal(new InvitationCounts(2, 0, 1, 1), await CountsAsync(wave.Id));
    }
}
