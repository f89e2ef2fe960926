using Microsoft.AspNetCore.Builder;

namespace AnnuaireFiliere.Web.Infrastructure;

/// <summary>Baseline security headers: a strict content security policy (no inline script or style, no framing).</summary>
internal static class SecurityHeaders
{
    /// <param name="formTargets">Other origins a form may lead to: the external sign-in providers (Chromium applies
    /// <c>form-action</c> to the redirect that follows a POST).</param>
    public static HeaderPolicyCollection Policy(IEnumerable<string>? formTargets = null)
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
                var formAction = csp.AddFormAction().Self();
                foreach (var origin in formTargets ?? [])
                {
                    formAction.From(origin);
                }
                csp.AddFrameAncestors().None();
            })
            .AddPermissionsPolicy(permissions =>
            {
                permissions.AddCamera().None();
                permissions.AddMicrophone().None();
                permissions.AddGeolocation().None();
            })
            .AddCrossOriginOpenerPolicy(coop => coop.SameOrigin());
        // Strict-Transport-Security is the framework's alone (UseHsts, HstsOptions from the Hsts section): not the defaults' one.
        policy.Remove(Microsoft.Net.Http.Headers.HeaderNames.StrictTransportSecurity);
        return policy;
    }
}
