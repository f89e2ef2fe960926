using System.ComponentModel.DataAnnotations;
using AnnuaireFiliere.Core.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using AnnuaireFiliere.Web.Features.Accounts;

namespace AnnuaireFiliere.Web.Infrastructure.Mail;

/// <summary>
/// A mail ready to send: a text part and an HTML part, to one address (a mail never names other recipients), with an
/// optional reply-to (a buyer's address: the company answers the buyer directly, not the site).
/// </summary>
public sealed record OutgoingMail(string To, string Subject, string Text, string Html)
{
    public string? ReplyTo { get; init; }
}

/// <summary>Sends mail: SMTP when <c>Mail:Smtp:Host</c> is set, else <c>.eml</c> files under the data folder.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}

/// <summary><c>Mail</c>: the sender address and the SMTP server.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    [Required]
    public string From { get; init; } = "Annuaire de la filière numérique <ne-pas-repondre@annuaire-numerique.nc>";

    [ValidateObjectMembers]
    public SmtpOptions Smtp { get; init; } = new();

    public sealed class SmtpOptions
    {
        /// <summary>Empty: no SMTP, mails are written to <c>{data}/mails/</c>.</summary>
        public string? Host { get; init; }

        [Range(1, 65535)]
        public int Port { get; init; } = 587;

        public string? UserName { get; init; }

        public string? Password { get; init; }

        /// <summary>Upgrade the connection with STARTTLS (required when on; off for a local relay).</summary>
        public bool StartTls { get; init; } = true;
    }
}

/// <summary>Checks <see cref="MailOptions"/> and its nested <see cref="MailOptions.SmtpOptions"/> at start (source-generated).</summary>
[OptionsValidator]
internal sealed partial class MailOptionsValidator : IValidateOptions<MailOptions>;

public static class MailSetup
{
    public static IHostApplicationBuilder AddMail(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();
        builder.Services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section)
            .Validate(options => MailboxAddress.TryParse(options.From, out _), "Mail:From is not a valid address (example: Annuaire <ne-pas-repondre@exemple.nc>).")
            .ValidateOnStart();
        builder.Services.AddSingleton<IMailSender>(services =>
            string.IsNullOrWhiteSpace(services.GetRequiredService<IOptions<MailOptions>>().Value.Smtp.Host)
                ? ActivatorUtilities.CreateInstance<FileMailSender>(services)
                : ActivatorUtilities.CreateInstance<SmtpMailSender>(services));
        return builder;
    }

    internal static MimeMessage ToMime(this OutgoingMail mail, MailOptions options)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        if (!string.IsNullOrEmpty(mail.ReplyTo))
        {
            message.ReplyTo.Add(MailboxAddress.Parse(mail.ReplyTo));
        }
        message.Subject = mail.Subject;
        message.Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody();
        return message;
    }
}

/// <summary>Sends through an SMTP server with MailKit (one connection per mail: account mails are few).</summary>
internal sealed partial class SmtpMailSender(IOptions<MailOptions> options, ILogger<SmtpMailSender> logger) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var smtp = options.Value.Smtp;
        using var message = mail.ToMime(options.Value);
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        LogSent(mail.Subject, smtp.Host!);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail \"{Subject}\" sent through {Host}")]
    private partial void LogSent(string subject, string host);
}

/// <summary>Without an SMTP server (development): each mail becomes an <c>.eml</c> file in <c>{data}/mails/</c>.</summary>
internal sealed partial class FileMailSender : IMailSender
{
    private readonly IOptions<MailOptions> _options;
    private readonly ILogger<FileMailSender> _logger;

    public FileMailSender(IOptions<MailOptions> options, DataPaths paths, ILogger<FileMailSender> logger)
    {
        _options = options;
        _logger = logger;
        Folder = Path.Combine(paths.DataDirectory, "mails");
        LogFolder(Folder);
    }

    public string Folder { get; }

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        Directory.CreateDirectory(Folder);
        using var message = mail.ToMime(_options.Value);
        var file = Path.Combine(Folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
        await message.WriteToAsync(file, cancellationToken);
        LogWritten(mail.Subject, file);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No SMTP server (Mail:Smtp:Host): mails are written as .eml files to {Folder}")]
    private partial void LogFolder(string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail \"{Subject}\" written to {File}")]
    private partial void LogWritten(string subject, string file);
}
