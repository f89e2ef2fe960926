namespace AnnuaireFiliere.Web.Features.Moderation;

public static class ModerationSetup
{
    /// <summary>Moderation queues (their decisions are the company life cycle's), and the yearly freshness mails (<c>Moderation:FreshnessMails</c>, on by default).</summary>
    public static IHostApplicationBuilder AddModeration(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<ModerationQueues>();
        builder.Services.AddScoped<FieldText>();
        builder.Services.AddSingleton<FreshnessLinks>();
        builder.Services.AddSingleton<FreshnessMailer>();
        if (builder.Configuration.GetValue("Moderation:FreshnessMails", true))
        {
            builder.Services.AddHostedService(services => services.GetRequiredService<FreshnessMailer>());
        }
        return builder;
    }
}
