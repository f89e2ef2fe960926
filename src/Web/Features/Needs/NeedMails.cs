using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Infrastructure;
using AnnuaireFiliere.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Needs;

/// <summary>
/// The signed links of a need posted without an account: the confirmation of the buyer's address
/// (<c>/besoins/confirmer/{jeton}</c>, 7 days) and the buyer's follow-up page (<c>/besoins/suivi/{jeton}</c>, a year:
/// the answers and the closing form).
/// </summary>
public sealed class NeedLinks(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan ConfirmFor = TimeSpan.FromDays(7);
    public static readonly TimeSpan FollowFor = TimeSpan.FromDays(365);

    private readonly SignedIds _confirm = new(protection, "AnnuaireFiliere.Needs.Confirm.v1", clock);
    private readonly SignedIds _follow = new(protection, "AnnuaireFiliere.Needs.Follow.v1", clock);

    public string ConfirmToken(Guid needId) => _confirm.Sign(clock.GetUtcNow() + ConfirmFor, needId);

    public string FollowToken(Guid needId) => _follow.Sign(clock.GetUtcNow() + FollowFor, needId);

    public Guid? ReadConfirm(string? token) => _confirm.Read(token, 1) is [var id] ? id : null;

    public Guid? ReadFollow(string? token) => _follow.Read(token, 1) is [var id] ? id : null;
}

/// <summary>The needs' mails to buyers: the address to confirm, the moderators' decision, a company's answer.</summary>
public sealed class NeedMails(AccountMails mails, PageLinks links, NeedLinks tokens)
{
    /// <summary>The buyer's page for a need: their account's list, or the signed follow-up link.</summary>
    public Uri BuyerPage(Need need)
    {
        ArgumentNullException.ThrowIfNull(need);
        return need.UserId is null ? links.Absolute("/Needs/Follow", new { jeton = tokens.FollowToken(need.Id) }) : links.Absolute("/Needs/Mine");
    }

    public Task SendConfirmationAsync(Need need, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(need);
        return mails.SendAsync(need.Buyer.Email, need.Language, "Mail.NeedConfirm", links.Absolute("/Needs/Confirm", new { jeton = tokens.ConfirmToken(need.Id) }),
            [need.Title], cancellationToken: cancellationToken);
    }

    public Task SendDecisionAsync(Need need, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(need);
        return need.Status == NeedStatus.Published
            ? mails.SendAsync(need.Buyer.Email, need.Language, "Mail.NeedPublished", BuyerPage(need), [need.Title], cancellationToken: cancellationToken)
            : mails.SendAsync(need.Buyer.Email, need.Language, "Mail.NeedRejected", BuyerPage(need), [need.Title], need.RefusalReason, cancellationToken);
    }

    public Task SendAnsweredAsync(Need need, string companyName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(need);
        return mails.SendAsync(need.Buyer.Email, need.Language, "Mail.NeedAnswered", BuyerPage(need), [need.Title, companyName], cancellationToken: cancellationToken);
    }
}

/// <summary>
/// The companies' daily digest of the needs chosen for them (<see cref="NeedMatching"/>): hourly, each company with
/// matches not yet mailed and no digest in the last 24 hours (a rolling day, not the calendar day: a need published at
/// 23:00 does not make a second mail at 00:05) gets one mail per member, in the member's language, listing the needs
/// with their links. The matches are marked before the mails go (a failed send is logged, never sent twice). The pass
/// first expires the needs past their deadline, and matches those published while the search engine was down.
/// </summary>
public sealed partial class NeedDigestMailer(IServiceScopeFactory scopes, TimeProvider clock, ILogger<NeedDigestMailer> logger)
    : PeriodicMailer(scopes, TimeSpan.FromHours(1), clock, logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(24);

    /// <summary>One pass; returns how many companies got a digest.</summary>
    protected override async Task<int> PassAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var needs = ActivatorUtilities.CreateInstance<Core.Buyers.Needs>(services, Clock);
        await needs.ExpireAsync(cancellationToken);
        await needs.MatchPendingAsync(cancellationToken);
        var now = Clock.GetUtcNow().UtcDateTime;
        var since = now - Interval;
        var today = needs.Today;
        var due = await (from m in db.NeedMatches
                         join n in db.Needs on m.NeedId equals n.Id
                         where m.DigestedAt == null && n.Status == NeedStatus.Published && n.Deadline >= today
                            && !db.NeedMatches.Any(o => o.CompanyId == m.CompanyId && o.DigestedAt > since)
                         select m).ToListAsync(cancellationToken);
        var digest = services.GetRequiredService<NeedDigest>();
        var sent = 0;
        foreach (var company in due.GroupBy(m => m.CompanyId))
        {
            var info = await db.Companies.Where(c => c.Id == company.Key && c.Status == PublicationStatus.Published && !c.NeedsOff)
                .Select(c => new { c.Id, Name = c.TradeName ?? c.LegalName }).SingleOrDefaultAsync(cancellationToken);
            foreach (var match in company)
            {
                match.DigestedAt = now;
            }
            // Recorded before sent: a failure below never mails the same needs twice.
            await db.SaveChangesAsync(cancellationToken);
            if (info is null)
            {
                continue;
            }
            var ids = company.Select(m => m.NeedId).ToList();
            var listed = await db.Needs.AsNoTracking().Where(n => ids.Contains(n.Id)).OrderBy(n => n.Deadline).ToListAsync(cancellationToken);
            var members = await (from m in db.CompanyMembers
                                 join u in db.Users on m.UserId equals u.Id
                                 where m.CompanyId == company.Key && u.Email != null
                                 select new { u.Email, u.PreferredLanguage }).ToListAsync(cancellationToken);
            foreach (var member in members)
            {
                try
                {
                    await digest.SendAsync(member.Email!, member.PreferredLanguage, info.Name, listed, cancellationToken);
                }
                catch (Exception failed) when (failed is not OperationCanceledException)
                {
                    LogNotSent(Logger, company.Key, failed);
                }
            }
            sent++;
        }
        if (sent > 0)
        {
            LogSent(Logger, sent);
        }
        return sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Needs digests sent to {Companies} companies")]
    private static partial void LogSent(ILogger logger, int companies);

    [LoggerMessage(Level = LogLevel.Error, Message = "A needs digest of company {Company} could not be sent; it is not sent again")]
    private static partial void LogNotSent(ILogger logger, Guid company, Exception exception);
}

/// <summary>The digest mail: text and HTML, a line per need (title, place, deadline, link), in the member's language.</summary>
public sealed class NeedDigest(IMailSender sender, IStringLocalizer<SharedResource> text, PageLinks links, Core.Taxonomy.TaxonomyCatalog taxonomy)
{
    public Task SendAsync(string to, string language, string companyName, IReadOnlyList<Need> needs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(needs);
        var previous = CultureInfo.CurrentUICulture;
        var culture = language == "en" ? CultureInfo.GetCultureInfo("en") : CultureInfo.GetCultureInfo("fr-NC");
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var html = HtmlEncoder.Default;
            var subject = string.Format(culture, text["Mail.NeedDigest.Subject"].Value, companyName, needs.Count);
            var body = string.Format(culture, text["Mail.NeedDigest.Body"].Value, companyName, needs.Count);
            var plain = new StringBuilder(body).Append("\n\n");
            var rich = new StringBuilder($"""
                <!DOCTYPE html>
                <html lang="{culture.TwoLetterISOLanguageName}"><head><meta charset="utf-8"><title>{html.Encode(subject)}</title></head>
                <body style="font-family: sans-serif; line-height: 1.5">
                <p>{html.Encode(body)}</p>
                <ul>

                """);
            foreach (var need in needs)
            {
                var link = links.Absolute("/Needs/Detail", new { slug = need.Slug }).AbsoluteUri;
                var place = need.CommuneCode is null ? text["Needs.WholeTerritory"].Value : taxonomy.FindCommune(need.CommuneCode)?.Name ?? need.CommuneCode;
                var line = string.Format(culture, text["Mail.NeedDigest.Line"].Value, place, need.Deadline.ToDateTime(TimeOnly.MinValue));
                plain.Append("- ").Append(need.Title).Append(" (").Append(line).Append(")\n  ").Append(link).Append('\n');
                rich.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{html.Encode(link)}\">{html.Encode(need.Title)}</a> ({html.Encode(line)})</li>\n");
            }
            var ignore = text["Mail.NeedDigest.Ignore"].Value;
            var signature = text["Site.Name"].Value;
            plain.Append('\n').Append(ignore).Append("\n\n-- \n").Append(signature).Append('\n');
            rich.Append(CultureInfo.InvariantCulture, $"</ul>\n<p style=\"color: #555\">{html.Encode(ignore)}</p>\n<p>{html.Encode(signature)}</p>\n</body></html>");
            return sender.SendAsync(new OutgoingMail(to, subject, plain.ToString(), rich.ToString()), cancellationToken);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

public static class NeedsSetup
{
    public const string PolicyName = "besoins";

    /// <summary>Posts (needs, confirmations, answers, closings) per client address and hour.</summary>
    public const int PostsPerHour = 20;

    /// <summary>
    /// The needs board: signed links, mails, the rate limit of its forms (<c>Needs:PostsPerHour</c>) and the hourly
    /// digest (<c>Needs:Mails</c>, on by default).
    /// </summary>
    public static IHostApplicationBuilder AddNeeds(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<NeedLinks>();
        builder.Services.AddScoped<NeedMails>();
        builder.Services.AddScoped<NeedDigest>();
        builder.Services.AddSingleton<NeedDigestMailer>();
        builder.AddClientAddressPolicy(PolicyName, services => services.GetRequiredService<IConfiguration>().GetValue("Needs:PostsPerHour", PostsPerHour),
            TimeSpan.FromHours(1), postsOnly: true);
        if (builder.Configuration.GetValue("Needs:Mails", true))
        {
            builder.Services.AddHostedService(services => services.GetRequiredService<NeedDigestMailer>());
        }
        return builder;
    }
}
