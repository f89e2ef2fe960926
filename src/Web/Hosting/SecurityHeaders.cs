using Microsoft.AspNetCore.Builder;

namespace AnnuaireFiliere.Web.Hosting;

/// <summary>Baseline security headers: a strict content security policy (no inline script or style, no framing).</summary>
internal static class SecurityHeaders
{
    public static HeaderPolicyCollection Policy(IHostEnvironment environment)
    {
        var policy = new HeaderPolicyCollection()
            .AddDefaultSecurityHeaders()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self();
                csp.AddImgSrc().Self().Data();
                csp.AddFontSrc().Self();
                csp.AddConnectSrc().Self();
                csp.AddObjectSrc().None();
                csp.AddBaseUri().Self();
                csp.AddFormAction().Self();
                csp.AddFrameAncestors().None();
            })
            .AddPermissionsPolicy(permissions =>
            {
                permissions.AddCamera().None();
                permissions.AddMicrophone().None();
                permissions.AddGeolocation().None();
            })
            .AddCrossOriginOpenerPolicy(coop => coop.SameOrigin());
        if (!environment.IsDevelopment())
        {
            policy.AddStrictTransportSecurityMaxAge();
        }
        return policy;
    }
}
