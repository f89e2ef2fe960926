using System.Net;
using System.Text.RegularExpressions;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>
/// Who may reach what, as a matrix: anonymous, an owner of company A, an owner of company B, a moderator and an
/// administrator × every page handler and endpoint under the private areas (<c>/mon-espace</c>, <c>/moderation</c>,
/// <c>/compte</c>'s own data). The endpoints are read from the running site's routing, so a new page is in the matrix
/// without being added here; a route parameter the matrix cannot fill fails the test until it is taught.
/// </summary>
public sealed partial class AuthorizationMatrixTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Areas whose every page reveals or changes non-public data.</summary>
    private static readonly string[] PrivateAreas = ["/mon-espace", "/moderation", "/compte/donnees", "/observatoire"];

    /// <summary>
    /// Pages opened from a mailed link: anyone holding the link may see them (a bad token gets a message), so they are
    /// not refused to anonymous visitors; what they change still needs an account (checked by their own tests).
    /// </summary>
    private static readonly string[] MailedLinkPages = ["/mon-espace/invitation", "/mon-espace/confirmer"];

    private sealed record Target(string Route, string Method, string? Handler, bool CompanyScoped, bool Moderation)
    {
        public override string ToString() => $"{Method} {Route}{(Handler is null ? "" : "?handler=" + Handler)}";
    }

    [Fact]
    public async Task Every_private_handler_is_refused_to_whoever_may_not_use_it_and_changes_nothing()
    {
        var companyA = (await TestCompanies.PublishedAsync(site.Factory)).Id;
        var companyB = (await TestCompanies.PublishedAsync(site.Factory)).Id;
        var ownerA = await AccountForms.MemberClientAsync(site.Factory, "matrice-a@annuaire-test.nc", companyA);
        var ownerB = await AccountForms.MemberClientAsync(site.Factory, "matrice-b@annuaire-test.nc", companyB);
        var moderator = await AccountForms.SignedInClientAsync(site.Factory, "matrice-moderation@annuaire-test.nc", Roles.Moderator);
        var administrator = await AccountForms.SignedInClientAsync(site.Factory, "matrice-admin@annuaire-test.nc", Roles.Administrator);
        var anonymous = site.Factory.CreateBrowserLikeClient();
        var targets = await TargetsAsync();
        Assert.Contains(targets, t => t.Moderation);
        var failures = new List<string>();

        foreach (var target in targets)
        {
            var url = Url(target, companyA);
            if (Census(target) is { } analysts)
            {
                // Confidential answers: moderators never; administrators only on the analysts' pages; owners of A
                // answer only waves that ask A (tested in SurveyAnswerTests).
                async Task<HttpResponseMessage> call(HttpClient client) =>
                    target.Method == "GET" ? await client.GetAsync(url, Cancel) : await client.PostAsync(url, await FormAsync(client, companyA), Cancel);
                Expect(failures, target, "anonymous", await call(anonymous), Outcome.SignIn);
                Expect(failures, target, "moderator", await call(moderator), Outcome.Refused);
                Expect(failures, target, "owner of B", await call(ownerB), Outcome.Refused);
                if (!analysts)
                {
                    Expect(failures, target, "administrator", await call(administrator), Outcome.Refused);
                }
                else if (target.Method == "GET" && !target.Route.Contains('{', StringComparison.Ordinal))
                {
                    Expect(failures, target, "administrator", await call(administrator), Outcome.Allowed);
                }
                continue;
            }
            if (target.Method == "GET")
            {
                if (!MailedLinkPages.Any(p => target.Route.StartsWith(p, StringComparison.Ordinal)))
                {
                    Expect(failures, target, "anonymous", await anonymous.GetAsync(url, Cancel), Outcome.SignIn);
                }
                Expect(failures, target, "moderator", await moderator.GetAsync(url, Cancel), Outcome.Allowed);
                Expect(failures, target, "administrator", await administrator.GetAsync(url, Cancel), Outcome.Allowed);
                if (target.Moderation)
                {
                    Expect(failures, target, "owner of A", await ownerA.GetAsync(url, Cancel), Outcome.Refused);
                }
                else if (target.CompanyScoped)
                {
                    Expect(failures, target, "owner of A", await ownerA.GetAsync(url, Cancel), Outcome.Allowed);
                    Expect(failures, target, "owner of B", await ownerB.GetAsync(url, Cancel), Outcome.Refused);
                }
                continue;
            }

            // Changes: refused before anything is read or written, with a valid antiforgery token of the caller's own.
            var before = await StateAsync(companyA);
            if (!MailedLinkPages.Any(p => target.Route.StartsWith(p, StringComparison.Ordinal)))
            {
                Expect(failures, target, "anonymous", await anonymous.PostAsync(url, await FormAsync(anonymous, companyA), Cancel), Outcome.SignIn);
            }
            if (target.Moderation)
            {
                Expect(failures, target, "owner of A", await ownerA.PostAsync(url, await FormAsync(ownerA, companyA), Cancel), Outcome.Refused);
            }
            else if (target.CompanyScoped)
            {
                Expect(failures, target, "owner of B", await ownerB.PostAsync(url, await FormAsync(ownerB, companyA), Cancel), Outcome.Refused);
                // Their own company in the address, another's id in the form: the form's id must not be used.
                await ownerB.PostAsync(Url(target, companyB), await FormAsync(ownerB, companyA), Cancel);
            }
            if (await StateAsync(companyA) != before)
            {
                failures.Add($"{target}: company A changed after refused requests ({before} → {await StateAsync(companyA)})");
            }
        }

        Assert.True(failures.Count == 0, $"{targets.Count} handlers checked; refusals missing or wrong:\n" + string.Join('\n', failures));
    }

    /// <summary>The census pages: true for the analysts' ones, false for a company's answers, null for any other page.</summary>
    private static bool? Census(Target target) =>
        target.Route.StartsWith("/observatoire", StringComparison.Ordinal) ? true
        : target.Route.Contains("/enquete/", StringComparison.Ordinal) ? false
        : null;

    private enum Outcome
    {
        Allowed,
        Refused,
        SignIn,
    }

    private static void Expect(List<string> failures, Target target, string who, HttpResponseMessage response, Outcome expected)
    {
        var location = response.Headers.Location is { } to ? (to.IsAbsoluteUri ? to.PathAndQuery : to.OriginalString) : "";
        var actual = response.StatusCode switch
        {
            HttpStatusCode.Redirect when location.StartsWith("/compte/connexion", StringComparison.Ordinal) => Outcome.SignIn,
            HttpStatusCode.Forbidden or HttpStatusCode.NotFound => Outcome.Refused,
            HttpStatusCode.OK => Outcome.Allowed,
            // Sent on within the site (the wizard to its current step, a page after its POST): let through.
            HttpStatusCode.Redirect when location.StartsWith('/') => Outcome.Allowed,
            _ => (Outcome?)null,
        };
        if (actual != expected)
        {
            failures.Add($"{target} as {who}: expected {expected}, got {(int)response.StatusCode} {location}");
        }
    }

    /// <summary>Every page handler and endpoint of the private areas, from the site's own routing.</summary>
    private async Task<List<Target>> TargetsAsync()
    {
        var loader = site.Factory.Services.GetRequiredService<PageLoader>();
        var targets = new List<Target>();
        foreach (var endpoint in site.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            if (!PrivateAreas.Any(area => route == area || route.StartsWith(area + "/", StringComparison.Ordinal)))
            {
                continue;
            }
            var scoped = endpoint.RoutePattern.Parameters.Any(p => p.Name == "id");
            var moderation = route.StartsWith("/moderation", StringComparison.Ordinal);
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                foreach (var handler in compiled.HandlerMethods)
                {
                    targets.Add(new Target(route, handler.HttpMethod.ToUpperInvariant(), handler.Name, scoped, moderation));
                }
            }
            else
            {
                foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                {
                    targets.Add(new Target(route, method, null, scoped, moderation));
                }
            }
        }
        return [.. targets.DistinctBy(t => t.ToString())];
    }

    /// <summary>The address of a handler for a company: route values filled, optional ones left out.</summary>
    private static string Url(Target target, Guid company)
    {
        var path = RouteParameter().Replace(target.Route, match =>
        {
            var name = match.Groups["name"].Value;
            return name switch
            {
                "id" => company.ToString(),
                // A wave nobody asked company A: the census pages answer 404 to its owner, like any refusal.
                "vague" => Guid.Empty.ToString(),
                _ when match.Groups["optional"].Success => "",
                _ => throw new InvalidOperationException($"The authorization matrix cannot fill {{{name}}} in {target.Route}: teach it a value."),
            };
        }).TrimEnd('/');
        return target.Handler is null ? path : $"{path}?handler={target.Handler}";
    }

    /// <summary>A form with the caller's own antiforgery token and another company's id in every usual name.</summary>
    private static async Task<FormUrlEncodedContent> FormAsync(HttpClient client, Guid company)
    {
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/compte/connexion", Cancel));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        var id = company.ToString();
        return new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("id", id), new("CompanyId", id), new("Input.CompanyId", id),
            new("Reason", "Essai de la matrice d'autorisations."), new("Input.Reason", "Essai de la matrice d'autorisations."),
            new("Email", "intrus@annuaire-test.nc"), new("Input.Email", "intrus@annuaire-test.nc"), new("Role", "Owner"),
        ]);
    }

    /// <summary>What a refused request must leave as it was: the company, its members, requests, invitations and history.</summary>
    private Task<string> StateAsync(Guid company) => site.WithDatabaseAsync(async db =>
    {
        var c = await db.Companies.AsNoTracking().SingleAsync(x => x.Id == company, Cancel);
        var members = await db.CompanyMembers.CountAsync(m => m.CompanyId == company, Cancel);
        var requests = await db.AccessRequests.CountAsync(r => r.CompanyId == company && r.Status == RequestStatus.Pending, Cancel);
        var invitations = await db.MemberInvitations.CountAsync(i => i.CompanyId == company, Cancel);
        var changes = await db.CompanyChanges.CountAsync(h => h.CompanyId == company, Cancel);
        return $"version {c.Version}, {c.Status}, {members} members, {requests} pending requests, {invitations} invitations, {changes} changes";
    });

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:[^}?]+)?(?<optional>\?)?\}")]
    private static partial Regex RouteParameter();
}
