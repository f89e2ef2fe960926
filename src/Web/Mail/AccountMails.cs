using System.Globalization;
using System.Text.Encodings.Web;
using AnnuaireFiliere.Core.Accounts;
using Microsoft.Extensions.Localization;

namespace AnnuaireFiliere.Web.Mail;

/// <summary>The account mails (confirmation, password reset), in the user's preferred language, text and HTML.</summary>
public sealed class AccountMails(IMailSender sender, IStringLocalizer<SharedResource> text)
{
    public Task SendConfirmationAsync(DirectoryUser user, Uri link, CancellationToken cancellationToken = default) =>
        SendAsync(user, "Mail.Confirm", link, cancellationToken);

    public Task SendPasswordResetAsync(DirectoryUser user, Uri link, CancellationToken cancellationToken = default) =>
        SendAsync(user, "Mail.Reset", link, cancellationToken);

    private Task SendAsync(DirectoryUser user, string key, Uri link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(link);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = user.PreferredLanguage == "en" ? CultureInfo.GetCultureInfo("en") : CultureInfo.GetCultureInfo("fr-NC");
        try
        {
            var subject = text[key + ".Subject"].Value;
            var body = text[key + ".Body"].Value;
            var action = text[key + ".Action"].Value;
            var ignore = text["Mail.Ignore"].Value;
            var signature = text["Site.Name"].Value;
            var url = link.AbsoluteUri;
            var plain = $"{body}\n\n{url}\n\n{ignore}\n\n-- \n{signature}\n";
            var html = HtmlEncoder.Default;
            var lang = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            var rich = $"""
                <!DOCTYPE html>
                <html lang="{lang}"><head><meta charset="utf-8"><title>{html.Encode(subject)}</title></head>
                <body style="font-family: sans-serif; line-height: 1.5">
                <p>{html.Encode(body)}</p>
                <p><a href="{html.Encode(url)}">{html.Encode(action)}</a></p>
                <p style="color: #555">{html.Encode(ignore)}</p>
                <p>{html.Encode(signature)}</p>
                </body></html>
                """;
            return sender.SendAsync(new OutgoingMail(user.Email!, subject, plain, rich), cancellationToken);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
