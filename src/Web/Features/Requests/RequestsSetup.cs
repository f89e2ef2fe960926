using System.ComponentModel.DataAnnotations;
using AnnuaireFiliere.Core.Buyers;
using AnnuaireFiliere.Web.Infrastructure;
using AnnuaireFiliere.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.DataProtection;

namespace AnnuaireFiliere.Web.Features.Requests;

/// <summary><c>Requests</c>: the per-client-address limits of the buyers' forms and the per-email limits (Core).</summary>
public sealed class RequestsOptions
{
    public const string Section = "Requests";

    /// <summary>Form posts (contact, quote, confirmation) per client address and hour.</summary>
    [Range(1, 100_000)]
    public int PostsPerHour { get; init; } = 20;

    /// <summary>Requests sent (confirmed) per buyer's address over the last 24 hours.</summary>
    [Range(1, 1000)]
    public int ConfirmedPerDay { get; init; } = 5;

    /// <summary>Requests waiting for confirmation per buyer's address over the last hour.</summary>
    [Range(1, 1000)]
    public int UnconfirmedPerHour { get; init; } = 3;
}

/// <summary>
/// The signed links of a request: the buyer's confirmation (48 hours, the request's own time limit) and the buyer's
/// follow-up (which companies opened it, for 180 days). A token made for one means nothing for the other.
/// </summary>
public sealed class RequestLinks(IDataProtectionProvider protection, TimeProvider clock, ContactRequestLimits limits)
{
    public const string ConfirmPurpose = "AnnuaireFiliere.Requests.Confirm.v1";
    public const string FollowUpPurpose = "AnnuaireFiliere.Requests.FollowUp.v1";

    public static readonly TimeSpan FollowUpFor = TimeSpan.FromDays(180);

    private readonly SignedIds _confirm = new(protection, ConfirmPurpose, clock);
    private readonly SignedIds _followUp = new(protection, FollowUpPurpose, clock);

    public string ConfirmToken(ContactRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _confirm.Sign(new DateTimeOffset(DateTime.SpecifyKind(request.CreatedAt, DateTimeKind.Utc)) + limits.ConfirmWithin, request.Id);
    }

    public string FollowUpToken(Guid requestId) => _followUp.Sign(clock.GetUtcNow() + FollowUpFor, requestId);

    public Guid? ReadConfirm(string? token) => _confirm.Read(token, 1) is [var id] ? id : null;

    public Guid? ReadFollowUp(string? token) => _followUp.Read(token, 1) is [var id] ? id : null;
}

public static class RequestsSetup
{
    public const string PolicyName = "buyer-requests";

    /// <summary>The buyers' contact and quote requests: signed links, mails, the limits (<c>Requests</c>).</summary>
    public static IHostApplicationBuilder AddContactRequests(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RequestsOptions>().BindConfiguration(RequestsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RequestsOptions>>().Value;
            return new ContactRequestLimits { ConfirmedPerDay = options.ConfirmedPerDay, UnconfirmedPerHour = options.UnconfirmedPerHour };
        });
        builder.Services.AddSingleton<RequestLinks>();
        builder.Services.AddScoped<RequestMails>();
        if (builder.Configuration.GetValue("Requests:Retention", true))
        {
            builder.Services.AddHostedService<RequestRetention>();
        }
        builder.AddClientAddressPolicy(PolicyName,
            services => services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RequestsOptions>>().Value.PostsPerHour,
            TimeSpan.FromHours(1), postsOnly: true);
        return builder;
    }
}

/// <summary>
/// Deletes, every six hours, the requests past their keeping time (a year; a week after an unconfirmed one's link
/// expired): the consent text promises it. A pass of <see cref="PeriodicMailer"/> that sends nothing.
/// </summary>
public sealed class RequestRetention(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RequestRetention> logger)
    : PeriodicMailer(scopes, TimeSpan.FromHours(6), clock, logger)
{
    protected override Task<int> PassAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<ContactRequests>().PurgeAsync(cancellationToken);
}
