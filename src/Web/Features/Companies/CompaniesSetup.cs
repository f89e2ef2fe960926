using AnnuaireFiliere.Web.Infrastructure;

namespace AnnuaireFiliere.Web.Features.Companies;

/// <summary>The public side of a company: profiles, error reports, logos and réalisations' images, sitemaps.</summary>
public static class CompaniesSetup
{
    public static IHostApplicationBuilder AddCompanyPages(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ProfileAddress>();
        builder.AddClientAddressPolicy(ReportErrorModel.PolicyName, _ => ReportErrorModel.PermitsPerHour, TimeSpan.FromHours(1), postsOnly: true);
        builder.AddClientAddressPolicy(ProfileAudienceCounting.PolicyName, _ => ProfileAudienceCounting.ClicksPerMinute, TimeSpan.FromMinutes(1), postsOnly: true);
        return builder;
    }

    public static IEndpointRouteBuilder MapCompanyPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapLogos();
        endpoints.MapRealisationImages();
        endpoints.MapCrawlers();
        endpoints.MapContactClicks();
        return endpoints;
    }
}
