using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Web.Features.Search;
using AnnuaireFiliere.Web.Infrastructure;
using AnnuaireFiliere.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.SavedSearches;

/// <summary>
/// The one-click unsubscribe link of the alert mails (<c>/alertes/desabonnement/{jeton}</c>): the saved search and
/// its account, signed for this purpose only, valid a year (each mail brings a fresh one).
/// </summary>
public sealed class SavedSearchLinks(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Purpose = "AnnuaireFiliere.SavedSearch.Unsubscribe.v1";

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    private readonly SignedIds _ids = new(protection, Purpose, clock);

    public string Token(Guid savedSearchId, Guid userId) => _ids.Sign(clock.GetUtcNow() + Lifetime, savedSearchId, userId);

    /// <summary>The saved search and account of a token, or null when it is forged, damaged or expired.</summary>
    public (Guid SavedSearchId, Guid UserId)? Read(string? token) => _ids.Read(token, 2) is [var search, var user] ? (search, user) : null;
}

/// <summary>
/// Builds the alert mail of a saved search, in the saver's language, text and HTML: the new companies, the updated
/// ones (names linked to their profiles, at most <see cref="MaxListed"/> each), the whole search, and how to stop.
/// The mail seam has no headers of its own (no <c>List-Unsubscribe</c>), so the one-click link is in the mail's words.
/// </summary>
public sealed class SavedSearchMailBuilder(IStringLocalizer<SharedResource> text, PageLinks pages, SavedSearchLinks links)
{
    /// <summary>Companies named per list in one mail; the search link shows the rest.</summary>
    public const int MaxListed = 25;

    public OutgoingMail Build(string to, DueAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var previous = CultureInfo.CurrentUICulture;
        var culture = alert.Language == "en" ? CultureInfo.GetCultureInfo("en") : CultureInfo.GetCultureInfo("fr-NC");
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var html = HtmlEncoder.Default;
            var searchLink = new Uri(pages.Absolute("/Search/Index").AbsoluteUri + "?" + alert.Query);
            var unsubscribe = pages.Absolute("/SavedSearches/Unsubscribe", new { jeton = links.Token(alert.Id, alert.UserId) });
            var manage = pages.Absolute("/SavedSearches/Index");
            var since = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(alert.Since, DateTimeKind.Utc), Display.Noumea);
            var count = alert.Changes.New.Count + alert.Changes.Updated.Count;
            var subject = string.Format(culture, text[count == 1 ? "Mail.SavedSearch.Subject.One" : "Mail.SavedSearch.Subject.Other"].Value, alert.Name, count);
            var intro = string.Format(culture, text["Mail.SavedSearch.Body"].Value, alert.Name, since);
            var plain = new StringBuilder(intro).Append("\n\n");
            var rich = new StringBuilder($"""
                <!DOCTYPE html>
                <html lang="{culture.TwoLetterISOLanguageName}"><head><meta charset="utf-8"><title>{html.Encode(subject)}</title></head>
                <body style="font-family: sans-serif; line-height: 1.5">
                <p>{html.Encode(intro)}</p>

                """);
            void List(string key, IReadOnlyList<AlertCompany> companies)
            {
                if (companies.Count == 0)
                {
                    return;
                }
                var heading = text[key, companies.Count].Value;
                plain.Append(heading).Append('\n');
                rich.Append(CultureInfo.InvariantCulture, $"<h2 style=\"font-size: 1.1em\">{html.Encode(heading)}</h2>\n<ul>\n");
                foreach (var company in companies.Take(MaxListed))
                {
                    var profile = pages.Absolute("/Companies/Profile", new { slug = company.Slug }).AbsoluteUri;
                    plain.Append("- ").Append(company.Name).Append(" : ").Append(profile).Append('\n');
                    rich.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{html.Encode(profile)}\">{html.Encode(company.Name)}</a></li>\n");
                }
                if (companies.Count > MaxListed)
                {
                    var more = text["Mail.SavedSearch.More", companies.Count - MaxListed].Value;
                    plain.Append(more).Append('\n');
                    rich.Append(CultureInfo.InvariantCulture, $"<li>{html.Encode(more)}</li>\n");
                }
                plain.Append('\n');
                rich.Append("</ul>\n");
            }
            List("Mail.SavedSearch.New", alert.Changes.New);
            List("Mail.SavedSearch.Updated", alert.Changes.Updated);
            var action = text["Mail.SavedSearch.Action"].Value;
            plain.Append(action).Append(" : ").Append(searchLink.AbsoluteUri).Append("\n\n");
            rich.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{html.Encode(searchLink.AbsoluteUri)}\">{html.Encode(action)}</a></p>\n");
            var why = text[alert.Frequency == AlertFrequency.Weekly ? "Mail.SavedSearch.WhyWeekly" : "Mail.SavedSearch.WhyDaily"].Value;
            var stop = text["Mail.SavedSearch.Unsubscribe"].Value;
            var manageText = text["Mail.SavedSearch.Manage"].Value;
            plain.Append(why).Append("\n\n").Append(stop).Append(" : ").Append(unsubscribe.AbsoluteUri).Append('\n')
                .Append(manageText).Append(" : ").Append(manage.AbsoluteUri).Append("\n\n");
            rich.Append(CultureInfo.InvariantCulture, $"<p style=\"color: #555\">{html.Encode(why)} <a href=\"{html.Encode(unsubscribe.AbsoluteUri)}\">{html.Encode(stop)}</a> · <a href=\"{html.Encode(manage.AbsoluteUri)}\">{html.Encode(manageText)}</a></p>\n");
            var signature = text["Site.Name"].Value;
            plain.Append("-- \n").Append(signature).Append('\n');
            rich.Append(CultureInfo.InvariantCulture, $"<p>{html.Encode(signature)}</p>\n</body></html>");
            return new OutgoingMail(to, subject, plain.ToString(), rich.ToString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

/// <summary>
/// Mails the alerts of saved searches (<see cref="SavedSearches.TakeDueAsync"/>), hourly: one mail per saved search
/// due with something new; the window is recorded before the mail goes, so a change is never mailed twice (a mail
/// that fails is logged and lost rather than repeated).
/// </summary>
public sealed partial class SavedSearchMailer(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SavedSearchMailer> logger)
    : PeriodicMailer(scopes, TimeSpan.FromHours(1), clock, logger)
{
    public const int BatchSize = 200;

    protected override async Task<int> PassAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var searches = ActivatorUtilities.CreateInstance<Core.Buyers.SavedSearches>(services, Clock);
        var builder = ActivatorUtilities.CreateInstance<SavedSearchMailBuilder>(services, ActivatorUtilities.CreateInstance<SavedSearchLinks>(services, Clock));
        var sender = services.GetRequiredService<IMailSender>();
        var users = services.GetRequiredService<Core.Data.AppDbContext>().Users;
        var sent = 0;
        foreach (var alert in await searches.TakeDueAsync(BatchSize, cancellationToken))
        {
            if (alert.Changes.IsEmpty)
            {
                continue;
            }
            var to = await users.Where(u => u.Id == alert.UserId && u.EmailConfirmed).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(to))
            {
                continue;
            }
            try
            {
                await sender.SendAsync(builder.Build(to, alert), cancellationToken);
                sent++;
            }
            catch (Exception failed) when (failed is not OperationCanceledException)
            {
                LogNotSent(Logger, alert.Id, failed);
            }
        }
        if (sent > 0)
        {
            LogSent(Logger, sent);
        }
        return sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Saved search alerts sent: {Mails}")]
    private static partial void LogSent(ILogger logger, int mails);

    [LoggerMessage(Level = LogLevel.Error, Message = "The alert of saved search {SavedSearch} could not be sent; its window is closed all the same")]
    private static partial void LogNotSent(ILogger logger, Guid savedSearch, Exception exception);
}

public static class SavedSearchSetup
{
    /// <summary>
    /// Saved searches and their alerts: the search page's reading of a query string for Core, the service, the
    /// signed unsubscribe links, and the hourly mailer (<c>SavedSearches:Mails</c>, on by default).
    /// </summary>
    public static IHostApplicationBuilder AddSavedSearches(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ISearchQueryReader, SearchQueryReader>();
        builder.Services.AddScoped<Core.Buyers.SavedSearches>();
        builder.Services.AddSingleton<SavedSearchLinks>();
        builder.Services.AddScoped<SavedSearchMailBuilder>();
        builder.Services.AddSingleton<SavedSearchMailer>();
        if (builder.Configuration.GetValue("SavedSearches:Mails", true))
        {
            builder.Services.AddHostedService(services => services.GetRequiredService<SavedSearchMailer>());
        }
        return builder;
    }
}
