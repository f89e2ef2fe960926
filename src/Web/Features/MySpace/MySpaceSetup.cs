using AnnuaireFiliere.Core.Companies;

namespace AnnuaireFiliere.Web.Features.MySpace;

public static class MySpaceSetup
{
    /// <summary>
    /// The professionals' space (<c>/mon-espace</c>): registration of companies, members, and the mails of the
    /// company life cycle (in place of Core's silent default).
    /// </summary>
    public static IHostApplicationBuilder AddMySpace(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<CompanyRegistration>();
        builder.Services.AddScoped<MemberManagement>();
        builder.Services.AddScoped<ICompanyNotifications, CompanyMails>();
        return builder;
    }
}
