using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Web.Infrastructure;
using AnnuaireFiliere.Web.Infrastructure.Mail;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Features.Requests;

/// <summary>
/// The mails of a request, text and HTML: the buyer's confirmation link, each company's mail (reply-to the buyer, to
/// that company alone, never naming the others) and the buyer's copy with the follow-up link. A mail is a resource key
/// <c>K</c> with <c>K.Subject</c>, <c>K.Body</c> and <c>K.Action</c>, like the account mails.
/// </summary>
public sealed partial class RequestMails(IMailSender sender, IStringLocalizer<SharedResource> text, PageLinks links, RequestLinks tokens,
    ContactRequests requests, ILogger<RequestMails> logger)
{
    /// <summary>The confirmation link to the buyer; false (logged) when the mail could not be sent.</summary>
    public async Task<bool> TrySendConfirmationAsync(ContactRequest request, IReadOnlyList<string> companies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            await SendConfirmationAsync(request, companies, cancellationToken);
            return true;
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            LogConfirmationNotSent(logger, request.Id, failed);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The confirmation mail of request {Request} could not be sent")]
    private static partial void LogConfirmationNotSent(ILogger logger, Guid request, Exception exception);

    /// <summary>To the buyer: the link that sends the request (nothing goes to any company before).</summary>
    public Task SendConfirmationAsync(ContactRequest request, IReadOnlyList<string> companies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var link = links.Absolute("/Requests/Confirm", new { jeton = tokens.ConfirmToken(request) });
        return SendAsync(request.Language, "Mail.RequestConfirm", request.Buyer.Email, replyTo: null, link,
            [request.Buyer.Name, request.Subject, string.Join(", ", companies)], detailsOf: null, quote: null, cancellationToken);
    }

    /// <summary>
    /// A request just confirmed: its mail to each company (recorded before, by <see cref="ContactRequests.ConfirmAsync"/>;
    /// one that fails is logged and noted, never sent again, and the others go on), then the buyer's copy naming the
    /// companies reached.
    /// </summary>
    public async Task SendConfirmedAsync(ConfirmedRequest confirmed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(confirmed);
        var request = confirmed.Request ?? throw new ArgumentException("A confirmed request has its request.", nameof(confirmed));
        var reached = new List<string>();
        foreach (var mail in confirmed.Mails)
        {
            try
            {
                await SendToCompanyAsync(request, mail, cancellationToken);
                reached.Add(mail.CompanyName);
            }
            catch (Exception failed) when (failed is not OperationCanceledException)
            {
                LogNotSent(logger, mail.RequestId, mail.CompanyId, failed);
                await requests.FailedAsync(mail.RequestId, mail.CompanyId, failed.Message, cancellationToken);
            }
        }
        try
        {
            await SendCopyAsync(request, reached, cancellationToken);
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            // The companies have it: the buyer's copy is a convenience, and the page says where it went.
            LogCopyNotSent(logger, request.Id, failed);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The buyer's copy of request {Request} could not be sent")]
    private static partial void LogCopyNotSent(ILogger logger, Guid request, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The mail of request {Request} to company {Company} could not be sent; it is noted and not sent again")]
    private static partial void LogNotSent(ILogger logger, Guid request, Guid company, Exception exception);

    /// <summary>To one company's contact address, in French, reply-to the buyer.</summary>
    public Task SendToCompanyAsync(ContactRequest request, RecipientMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(mail);
        var link = links.Absolute("/Requests/Received", new { id = mail.CompanyId, demande = request.Id });
        var key = request.Kind == ContactRequestKind.Quote ? "Mail.RequestQuote" : "Mail.RequestContact";
        return SendAsync("fr", key, mail.Address, replyTo: request.Buyer.Email, link,
            [request.Buyer.Name, request.Subject, mail.CompanyName], request, request.Message, cancellationToken);
    }

    /// <summary>To the buyer: the copy, with the companies it went to and the follow-up link.</summary>
    public Task SendCopyAsync(ContactRequest request, IReadOnlyList<string> companies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var link = links.Absolute("/Requests/FollowUp", new { jeton = tokens.FollowUpToken(request.Id) });
        return SendAsync(request.Language, "Mail.RequestCopy", request.Buyer.Email, replyTo: null, link,
            [request.Buyer.Name, request.Subject, string.Join(", ", companies), companies.Count], request, request.Message, cancellationToken);
    }

    /// <summary>French written as French in the HTML part (é, not &amp;#xE9;); what HTML reads as markup is still encoded.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static IReadOnlyList<(string Key, string? Value)> Details(ContactRequest request) =>
    [
        ("Requests.Buyer.Name", request.Buyer.Name),
        ("Requests.Buyer.Organisation", request.Buyer.Organisation),
        ("Requests.Buyer.Email", request.Buyer.Email),
        ("Requests.Buyer.Phone", request.Buyer.Phone),
        ("Requests.Subject", request.Subject),
        ("Requests.Buyer.DesiredDate", request.DesiredDate?.ToString("d MMMM yyyy", CultureInfo.CurrentCulture)),
        ("Requests.Buyer.Budget", request.BudgetBand is null ? null : "Requests.Budget." + request.BudgetBand),
    ];

    private async Task SendAsync(string language, string key, string to, string? replyTo, Uri link, object?[] arguments,
        ContactRequest? detailsOf, string? quote, CancellationToken cancellationToken)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var culture = language == "en" ? CultureInfo.GetCultureInfo("en") : CultureInfo.GetCultureInfo("fr-NC");
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        OutgoingMail mail;
        try
        {
            var subject = string.Format(culture, text[key + ".Subject"].Value, arguments);
            var body = string.Format(culture, text[key + ".Body"].Value, arguments);
            var ignore = text[key + ".Ignore"] is { ResourceNotFound: false } own ? own.Value : null;
            var signature = text["Site.Name"].Value;
            var html = Encoder;
            var plain = new StringBuilder(body).Append("\n\n");
            var rich = new StringBuilder($"""
                <!DOCTYPE html>
                <html lang="{culture.TwoLetterISOLanguageName}"><head><meta charset="utf-8"><title>{html.Encode(subject)}</title></head>
                <body style="font-family: sans-serif; line-height: 1.5">
                <p>{html.Encode(body)}</p>

                """);
            if (detailsOf is not null)
            {
                var details = Details(detailsOf);
                rich.Append("<table>\n");
                foreach (var (label, raw) in details.Where(d => !string.IsNullOrWhiteSpace(d.Value)))
                {
                    // A budget band is a key of its own ("Budget.2m-10m"): worded in the mail's language.
                    var value = label == "Requests.Buyer.Budget" ? text[raw!].Value : raw!;
                    plain.Append(text[label].Value).Append(" : ").Append(value).Append('\n');
                    rich.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\" style=\"text-align: left; padding-right: 1em\">{html.Encode(text[label].Value)}</th><td>{html.Encode(value)}</td></tr>\n");
                }
                rich.Append("</table>\n");
                plain.Append('\n');
            }
            if (!string.IsNullOrWhiteSpace(quote))
            {
                plain.Append("> ").Append(quote.Trim().ReplaceLineEndings("\n> ")).Append("\n\n");
                rich.Append(CultureInfo.InvariantCulture, $"<blockquote style=\"border-left: 3px solid #999; margin-left: 0; padding-left: 1em\">{html.Encode(quote.Trim()).ReplaceLineEndings("<br>")}</blockquote>\n");
            }
            plain.Append(text[key + ".Action"].Value).Append(" : ").Append(link.AbsoluteUri).Append("\n\n");
            rich.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{html.Encode(link.AbsoluteUri)}\">{html.Encode(text[key + ".Action"].Value)}</a></p>\n");
            if (ignore is not null)
            {
                plain.Append(ignore).Append("\n\n");
                rich.Append(CultureInfo.InvariantCulture, $"<p style=\"color: #555\">{html.Encode(ignore)}</p>\n");
            }
            plain.Append("-- \n").Append(signature).Append('\n');
            rich.Append(CultureInfo.InvariantCulture, $"<p>{html.Encode(signature)}</p>\n</body></html>");
            mail = new OutgoingMail(to, subject, plain.ToString(), rich.ToString()) { ReplyTo = replyTo };
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
        await sender.SendAsync(mail, cancellationToken);
    }
}
