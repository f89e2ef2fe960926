using AnnuaireFiliere.Core.Survey;
using AnnuaireFiliere.Web.Features.Accounts;
using AnnuaireFiliere.Web.Infrastructure;
using AnnuaireFiliere.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.DataProtection;

namespace AnnuaireFiliere.Web.Features.Survey;

/// <summary>
/// The link mailed to a company without an owner account (<c>/enquete/{jeton}</c>): its wave and company, signed by
/// ASP.NET Data Protection. It answers for that company in that wave only, and works until 90 days after the
/// wave's closing (then it says the wave is closed instead of not knowing the link).
/// </summary>
public sealed class SurveyLinks(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Purpose = "AnnuaireFiliere.Survey.Answer.v1";

    public static readonly TimeSpan AfterClosing = TimeSpan.FromDays(90);

    private readonly SignedIds _ids = new(protection, Purpose, clock);

    public string Token(Guid waveId, Guid companyId, DateTime closesAt) =>
        _ids.Sign(new DateTimeOffset(DateTime.SpecifyKind(closesAt, DateTimeKind.Utc)) + AfterClosing, waveId, companyId);

    /// <summary>The wave and company of a token, or <c>null</c> when it is forged, damaged or expired.</summary>
    public (Guid WaveId, Guid CompanyId)? Read(string? token) => _ids.Read(token, 2) is [var wave, var company] ? (wave, company) : null;
}

/// <summary>
/// Mails the census invitations and reminders <see cref="SurveyInvitations"/> hands out (docs/adr/0029): owners get
/// the link of their Mon espace page, a company without an owner the signed link. Hourly; a pass sends at most
/// <see cref="BatchSize"/> mails; a mail that fails is logged and noted, and the pass goes on.
/// </summary>
public sealed partial class SurveyMailer(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SurveyMailer> logger)
    : PeriodicMailer(scopes, TimeSpan.FromHours(1), clock, logger)
{
    public const int BatchSize = 200;

    /// <summary>One pass with this mailer's clock; returns how many mails were sent.</summary>
    protected override async Task<int> PassAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var invitations = ActivatorUtilities.CreateInstance<SurveyInvitations>(services, Clock);
        var mails = services.GetRequiredService<AccountMails>();
        var links = services.GetRequiredService<PageLinks>();
        var tokens = services.GetRequiredService<SurveyLinks>();
        var sent = 0;
        foreach (var mail in await invitations.RecordDueAsync(BatchSize, cancellationToken))
        {
            var link = mail.UserId is null
                ? links.Absolute("/Survey/Respond", new { jeton = tokens.Token(mail.WaveId, mail.CompanyId, mail.ClosesAt) })
                : links.Absolute("/Survey/Answer", new { id = mail.CompanyId, vague = mail.WaveId });
            // The last day of answers, in Nouméa, formatted in the mail's language by the text ({2:d MMMM yyyy}).
            var lastDay = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(mail.ClosesAt, DateTimeKind.Utc).AddTicks(-1), Display.Noumea);
            try
            {
                await mails.SendAsync(mail.Address, mail.Language, mail.Kind == SurveyMailKind.Invitation ? "Mail.SurveyInvitation" : "Mail.SurveyReminder",
                    link, [mail.CompanyName, mail.WaveTitle, lastDay], cancellationToken: cancellationToken);
                sent++;
            }
            catch (Exception failed) when (failed is not OperationCanceledException)
            {
                LogNotSent(Logger, mail.Id, mail.WaveId, failed);
                await invitations.FailedAsync(mail.Id, failed.Message, cancellationToken);
            }
        }
        if (sent > 0)
        {
            LogSent(Logger, sent);
        }
        return sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Census mails sent: {Mails}")]
    private static partial void LogSent(ILogger logger, int mails);

    [LoggerMessage(Level = LogLevel.Error, Message = "Census mail {Mail} of wave {Wave} could not be sent; it is noted and not sent again")]
    private static partial void LogNotSent(ILogger logger, Guid mail, Guid wave, Exception exception);
}

public static class SurveyMails
{
    /// <summary>
    /// The census mails: who is mailed (Core), the signed links, the rate limit of the link's page, and the hourly
    /// mailer (<c>Survey:Mails</c>, on by default).
    /// </summary>
    public static IHostApplicationBuilder AddSurvey(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<SurveyInvitations>();
        builder.Services.AddSingleton<SurveyLinks>();
        builder.Services.AddSingleton<SurveyMailer>();
        builder.AddClientAddressPolicy(RespondModel.PolicyName, _ => RespondModel.PostsPerHour, TimeSpan.FromHours(1), postsOnly: true);
        if (builder.Configuration.GetValue("Survey:Mails", true))
        {
            builder.Services.AddHostedService(services => services.GetRequiredService<SurveyMailer>());
        }
        return builder;
    }
}
