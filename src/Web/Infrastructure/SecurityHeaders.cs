using Microsoft.AspNetCore.Builder;

namespace AnnuaireFiliere.Web.Infrastructure;

/// <summary>Baseline security headers: a strict content security policy (no inline script or style, no framing).</summary>
internal static class SecurityHeaders
{
    /// <summary>The policy of <c>/api/reference</c>: Swagger UI sets inline styles, so styles (only) may be inline there.</summary>
    public const string ApiReferencePolicy = "api-reference";

    /// <param name="formTargets">Other origins a form may lead to: the external sign-in providers (Chromium applies
    /// <c>form-action</c> to the redirect that follows a POST).</param>
    /// <param name="inlineStyles">Allows inline styles (never inline script): for Swagger UI's page only, which shows no visitor content.</param>
    public static HeaderPolicyCollection Policy(IEnumerable<string>? formTargets = null, bool inlineStyles = false)
    {
        var policy = new HeaderPolicyCollection()
            .AddDefaultSecurityHeaders()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self();
                var styles = csp.AddStyleSrc().Self();
                if (inlineStyles)
                {
                    styles.UnsafeInline();
                }
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
