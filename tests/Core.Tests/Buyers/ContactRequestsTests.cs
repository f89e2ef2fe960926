using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AnnuaireFiliere.Core.Tests.Buyers;

/// <summary>
/// Contact and quote requests in Core: the checks and limits before anything is stored, the confirmation that hands
/// each company's mail out once (recorded first), the companies' statuses with their version, and the buyer's follow-up.
/// </summary>
public sealed class ContactRequestsTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private ContactRequests Service(AppDbContext db, ContactRequestLimits? limits = null) =>
        new(db, new BuyerGuard(db, _database.Clock), _database.Clock, limits ?? new ContactRequestLimits());

    private async Task<Company> CompanyAsync(string slug, Action<Company>? alter = null)
    {
        var company = SampleCompanies.Valid(slug);
        company.Email = $"contact@{slug}.nc";
        alter?.Invoke(company);
        await using var db = _database.Context();
        db.Companies.Add(company);
        await db.SaveChangesAsync(Cancel);
        return company;
    }

    private static ContactRequestInput Input(string email, params Guid[] companies) => new()
    {
        Kind = companies.Length > 1 ? ContactRequestKind.Quote : ContactRequestKind.Contact,
        Name = "Marie Gope", Organisation = "Mairie de Koné", Email = email, Phone = "+687 47 12 34",
        Subject = "Refonte du site de la mairie", Message = "Nous cherchons un prestataire pour refaire notre site, hébergement compris.",
        DesiredDate = new DateOnly(2027, 3, 1), BudgetBand = BudgetBands.From2MTo10M, Consent = true, CompanyIds = companies,
    };

    [Fact]
    public async Task A_request_is_stored_waiting_and_its_confirmation_records_each_reachable_company_once()
    {
        var open = await CompanyAsync("ouverte-demandes");
        var other = await CompanyAsync("autre-demandes");
        var off = await CompanyAsync("fermee-demandes", c => c.RequestsOff = true);
        var silent = await CompanyAsync("sans-adresse-demandes", c => c.Email = null);

        await using var db = _database.Context();
        var requests = Service(db);
        var created = await requests.CreateAsync(Input(" Marie.Gope@Kone.NC ", open.Id, other.Id, off.Id, silent.Id), Cancel);
        Assert.Equal(ContactRequestOutcome.Created, created.Outcome);
        var request = created.Request!;
        Assert.Equal("marie.gope@kone.nc", request.Buyer.Email);
        Assert.Equal(ContactRequestStatus.AwaitingConfirmation, request.Status);
        // Only the reachable companies are recipients; nothing is sent yet, so no company lists it.
        Assert.Equal([open.Id, other.Id], request.Recipients.Select(r => r.CompanyId).Order());
        Assert.Empty(await requests.ReceivedAsync(open.Id, Cancel));

        // Meanwhile one company turns requests off: it is left out at sending time, with why.
        await db.Companies.Where(c => c.Id == other.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.RequestsOff, true), Cancel);
        var confirmed = await requests.ConfirmAsync(request.Id, Cancel);
        Assert.Equal(ConfirmOutcome.Confirmed, confirmed.Outcome);
        Assert.Equal([("contact@ouverte-demandes.nc", open.Id)], confirmed.Mails.Select(m => (m.Address, m.CompanyId)));

        // A second click: nothing more to send.
        await using var again = _database.Context();
        Assert.Equal(ConfirmOutcome.AlreadyConfirmed, (await Service(again).ConfirmAsync(request.Id, Cancel)).Outcome);
        Assert.Empty((await Service(again).ConfirmAsync(request.Id, Cancel)).Mails);

        var stored = await again.ContactRecipients.AsNoTracking().Where(r => r.RequestId == request.Id).ToListAsync(Cancel);
        Assert.Equal(_database.Clock.GetUtcNow().UtcDateTime, stored.Single(r => r.CompanyId == open.Id).SentAt);
        Assert.Equal(nameof(Reachability.RequestsOff), stored.Single(r => r.CompanyId == other.Id).Failure);
        Assert.Single(await Service(again).ReceivedAsync(open.Id, Cancel));
        Assert.Empty(await Service(again).ReceivedAsync(other.Id, Cancel));
    }

    [Fact]
    public async Task Links_bad_fields_and_too_many_recipients_are_refused_by_field_and_nothing_is_stored()
    {
        var company = await CompanyAsync("refus-demandes");
        await using var db = _database.Context();
        var requests = Service(db);
        var bad = Input("pas-une-adresse", company.Id);
        var result = await requests.CreateAsync(new ContactRequestInput
        {
            Name = "", Email = "pas-une-adresse", Subject = "Voir promo.biz", Message = "Court",
            DesiredDate = new DateOnly(2020, 1, 1), BudgetBand = "gratuit", Consent = false, CompanyIds = bad.CompanyIds,
        }, Cancel);
        Assert.Equal(ContactRequestOutcome.Invalid, result.Outcome);
        Assert.Equal(
            [("BudgetBand", "Invalid"), ("Consent", "Required"), ("DesiredDate", "DatePast"), ("Email", "Invalid"), ("Message", "TooShort"), ("Name", "Required"), ("Subject", "Link")],
            result.Problems.Select(p => (p.Field, p.Code)).Order());

        var linked = await requests.CreateAsync(new ContactRequestInput
        {
            Name = "Marie", Email = "marie@kone.nc", Subject = "Devis", Message = "Voyez notre cahier des charges sur https://exemple.nc/cdc merci.",
            Consent = true, CompanyIds = [company.Id],
        }, Cancel);
        Assert.Equal([("Message", "Link")], linked.Problems.Select(p => (p.Field, p.Code)));

        var many = new List<Guid>();
        for (var i = 0; i <= ContactRequest.MaxRecipients; i++)
        {
            many.Add((await CompanyAsync($"nombreuse-{i}")).Id);
        }
        Assert.Equal([(string.Empty, "TooManyRecipients")], (await requests.CreateAsync(Input("marie@kone.nc", [.. many]), Cancel)).Problems.Select(p => (p.Field, p.Code)));
        Assert.Equal([(string.Empty, "NoRecipient")], (await requests.CreateAsync(Input("marie@kone.nc", Guid.NewGuid()), Cancel)).Problems.Select(p => (p.Field, p.Code)));
        Assert.Equal(0, await db.ContactRequests.CountAsync(Cancel));
    }

    [Fact]
    public async Task Blocked_addresses_and_domains_get_the_generic_refusal_and_the_per_email_limits_count_from_the_table()
    {
        var company = await CompanyAsync("limites-demandes");
        await using var db = _database.Context();
        var guard = new BuyerGuard(db, _database.Clock);
        await guard.BlockAsync("spam@exemple.nc", "robot", null, Cancel);
        await guard.BlockAsync("pourriel.nc", null, null, Cancel);
        var requests = Service(db, new ContactRequestLimits { UnconfirmedPerHour = 2, ConfirmedPerDay = 3 });
        Assert.Equal(ContactRequestOutcome.Refused, (await requests.CreateAsync(Input("SPAM@exemple.nc", company.Id), Cancel)).Outcome);
        Assert.Equal(ContactRequestOutcome.Refused, (await requests.CreateAsync(Input("x@mail.pourriel.nc", company.Id), Cancel)).Outcome);

        // Two unconfirmed an hour, then 429; an hour later, again.
        Assert.Equal(ContactRequestOutcome.Created, (await requests.CreateAsync(Input("presse@kone.nc", company.Id), Cancel)).Outcome);
        Assert.Equal(ContactRequestOutcome.Created, (await requests.CreateAsync(Input("Presse@kone.nc", company.Id), Cancel)).Outcome);
        Assert.Equal(ContactRequestOutcome.TooMany, (await requests.CreateAsync(Input("presse@kone.nc", company.Id), Cancel)).Outcome);
        Assert.Equal(ContactRequestOutcome.Created, (await requests.CreateAsync(Input("autre@kone.nc", company.Id), Cancel)).Outcome);

        // Three confirmed a day: the fourth is refused at creation.
        for (var i = 0; i < 3; i++)
        {
            _database.Clock.Advance(TimeSpan.FromHours(1.1));
            var created = await requests.CreateAsync(Input("suivi@kone.nc", company.Id), Cancel);
            Assert.Equal(ConfirmOutcome.Confirmed, (await requests.ConfirmAsync(created.Request!.Id, Cancel)).Outcome);
        }
        Assert.Equal(ContactRequestOutcome.TooMany, (await requests.CreateAsync(Input("suivi@kone.nc", company.Id), Cancel)).Outcome);

        // A request left unconfirmed past its 48 hours cannot be confirmed any more.
        var late = await requests.CreateAsync(Input("tardif@kone.nc", company.Id), Cancel);
        _database.Clock.Advance(TimeSpan.FromHours(49));
        Assert.Equal(ConfirmOutcome.Expired, (await requests.ConfirmAsync(late.Request!.Id, Cancel)).Outcome);
    }

    [Fact]
    public async Task Members_file_a_request_with_its_version_and_the_buyer_sees_when_it_was_opened()
    {
        var company = await CompanyAsync("statuts-demandes");
        await using var db = _database.Context();
        var requests = Service(db);
        var request = (await requests.CreateAsync(Input("acheteur@kone.nc", company.Id), Cancel)).Request!;
        await requests.ConfirmAsync(request.Id, Cancel);
        Assert.Equal(1, (await requests.CountNewAsync([company.Id], Cancel))[company.Id]);

        // A moderator's look changes nothing; a member's marks it read and dates the opening.
        await using (var look = _database.Context())
        {
            Assert.Equal(RecipientStatus.New, (await Service(look).OpenAsync(company.Id, request.Id, byMember: false, Cancel))!.Recipient.Status);
        }
        _database.Clock.Advance(TimeSpan.FromMinutes(5));
        await using (var open = _database.Context())
        {
            var opened = (await Service(open).OpenAsync(company.Id, request.Id, byMember: true, Cancel))!;
            Assert.Equal(RecipientStatus.Read, opened.Recipient.Status);
            Assert.Equal("Marie Gope", opened.Request.Buyer.Name);
        }
        await using var read = _database.Context();
        var version = (await Service(read).ReceivedAsync(company.Id, Cancel)).Single().Version;
        Assert.Equal(StatusChange.Changed, await Service(read).SetStatusAsync(company.Id, request.Id, RecipientStatus.Answered, version, Cancel));
        // Someone who read the old version: told, nothing overwritten.
        await using var stale = _database.Context();
        Assert.Equal(StatusChange.Conflict, await Service(stale).SetStatusAsync(company.Id, request.Id, RecipientStatus.Archived, version, Cancel));
        Assert.Equal(StatusChange.NotFound, await Service(stale).SetStatusAsync(Guid.NewGuid(), request.Id, RecipientStatus.Archived, version, Cancel));

        var (_, lines) = (await Service(stale).FollowUpAsync(request.Id, Cancel))!.Value;
        var line = Assert.Single(lines);
        Assert.Equal(RecipientStatus.Answered, line.Status);
        Assert.Equal(_database.Clock.GetUtcNow().UtcDateTime, line.OpenedAt);
        Assert.Empty(await Service(stale).CountNewAsync([company.Id], Cancel));
    }

    [Fact]
    public async Task Requests_are_deleted_a_year_after_and_unconfirmed_ones_a_week_after_their_link_expired()
    {
        var company = await CompanyAsync("conservation-demandes");
        await using var db = _database.Context();
        var requests = Service(db);
        var kept = (await requests.CreateAsync(Input("gardee@exemple.nc", company.Id), Cancel)).Request!;
        Assert.Equal(ConfirmOutcome.Confirmed, (await requests.ConfirmAsync(kept.Id, Cancel)).Outcome);
        var unconfirmed = (await requests.CreateAsync(Input("jamais@exemple.nc", company.Id), Cancel)).Request!;

        // Eight days and a bit: the unconfirmed one's link expired (48 h) more than a week ago; the sent one stays.
        _database.Clock.Advance(TimeSpan.FromDays(9.1));
        Assert.Equal(1, await requests.PurgeAsync(Cancel));
        Assert.Equal([kept.Id], await db.ContactRequests.Select(r => r.Id).ToListAsync(Cancel));
        Assert.Single(await requests.ReceivedAsync(company.Id, Cancel));

        // A year after: gone, from the company's list too.
        _database.Clock.Advance(TimeSpan.FromDays(356));
        Assert.Equal(1, await requests.PurgeAsync(Cancel));
        Assert.Empty(await db.ContactRequests.ToListAsync(Cancel));
        Assert.Empty(await db.ContactRecipients.ToListAsync(Cancel));
        Assert.Equal(0, await requests.PurgeAsync(Cancel));
    }
}
