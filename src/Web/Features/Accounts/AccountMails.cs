using System.Globalization;
using System.Text.Encodings.Web;
using AnnuaireFiliere.Core.Accounts;
using Microsoft.Extensions.Localization;
using AnnuaireFiliere.Web.Infrastructure.Mail;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary>
/// The site's mails, in the recipient's language, text and HTML. A mail is a resource key <c>K</c> with
/// <c>K.Subject</c>, <c>K.Body</c> (a format with the given arguments) and, when it has a link, <c>K.Action</c>.
/// </summary>
public sealed class AccountMails(IMailSender sender, IStringLocalizer<SharedResource> text)
{
    public Task SendConfirmationAsync(DirectoryUser user, Uri link, CancellationToken cancellationToken = default) =>
        SendAsync(user, "Mail.Confirm", link, cancellationToken: cancellationToken);

    public Task SendPasswordResetAsync(DirectoryUser user, Uri link, CancellationToken cancellationToken = default) =>
        SendAsync(user, "Mail.Reset", link, cancellationToken: cancellationToken);

    /// <summary>Mails an account in its preferred language.</summary>
    public Task SendAsync(DirectoryUser user, string key, Uri? link, IReadOnlyList<object?>? arguments = null,
        string? quote = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return SendAsync(user.Email!, user.PreferredLanguage, key, link, arguments, quote, cancellationToken);
    }

    /// <summary>
    /// Mails an address in a language (<c>fr</c> or <c>en</c>). <paramref name="quote"/> is the sender's own words
    /// (a moderator's reason, for instance), shown apart from the site's text.
    /// </summary>
    public Task SendAsync(string to, string language, string key, Uri? link, IReadOnlyList<object?>? arguments = null,
        string? quote = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var previous = CultureInfo.CurrentUICulture;
        var culture = language == "en" ? CultureInfo.GetCultureInfo("en") : CultureInfo.GetCultureInfo("fr-NC");
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var values = arguments?.ToArray() ?? [];
            var subject = string.Format(culture, text[key + ".Subject"].Value, values);
            var body = string.Format(culture, text[key + ".Body"].Value, values);
            // A mail may say in its own words why it can be ignored ("{key}.Ignore"); else the account mails' line.
            var ignore = text[key + ".Ignore"] is { ResourceNotFound: false } own ? own.Value : text["Mail.Ignore"].Value;
            var signature = text["Site.Name"].Value;
            var html = HtmlEncoder.Default;
            var plain = new System.Text.StringBuilder(body).Append("\n\n");
            var rich = new System.Text.StringBuilder($"""
                <!DOCTYPE html>
                <html lang="{culture.TwoLetterISOLanguageName}"><head><meta charset="utf-8"><title>{html.Encode(subject)}</title></head>
                <body style="font-family: sans-serif; line-height: 1.5">
                <p>{html.Encode(body)}</p>

                """);
            if (!string.IsNullOrWhiteSpace(quote))
            {
                plain.Append("> ").Append(quote.Trim().ReplaceLineEndings("\n> ")).Append("\n\n");
                rich.Append(CultureInfo.InvariantCulture, $"<blockquote style=\"border-left: 3px solid #999; margin-left: 0; padding-left: 1em\">{html.Encode(quote.Trim()).ReplaceLineEndings("<br>")}</blockquote>\n");
            }
            if (link is not null)
            {
                plain.Append(link.AbsoluteUri).Append("\n\n").Append(ignore).Append("\n\n");
                rich.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{html.Encode(link.AbsoluteUri)}\">{html.Encode(text[key + ".Action"].Value)}</a></p>\n");
                rich.Append(CultureInfo.InvariantCulture, $"<p style=\"color: #555\">{html.Encode(ignore)}</p>\n");
            }
            plain.Append("-- \n").Append(signature).Append('\n');
            rich.Append(CultureInfo.InvariantCulture, $"<p>{html.Encode(signature)}</p>\n</body></html>");
            return sender.SendAsync(new OutgoingMail(to, subject, plain.ToString(), rich.ToString()), cancellationToken);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
