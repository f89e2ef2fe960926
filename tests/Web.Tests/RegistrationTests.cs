using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnnuaireFiliere.Web.Tests;

/// <summary><c>/mon-espace/inscrire</c>: the registration wizard, claims, join requests and the duplicate warning.</summary>
public sealed class RegistrationTests(AccountSite site) : IClassFixture<AccountSite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static TaxonomyCatalog Taxonomy => TaxonomyCatalog.Default;

    [Fact]
    public async Task The_wizard_keeps_a_bad_step_resumes_after_a_new_sign_in_and_submits_a_company_for_review()
    {
        const string email = "inscrivante@lagon-numerique.nc";
        var client = await AccountForms.SignedInClientAsync(site.Factory, email, role: null);

        var start = await client.GetAsync("/mon-espace/inscrire", Cancel);
        Assert.Equal("/mon-espace/inscrire/ridet", start.Headers.Location!.OriginalString);
        Assert.Equal("/mon-espace/inscrire/identite", (await ProfileForms.StepAsync(client, "ridet", ("Input.Ridet.None", "true"))).Headers.Location!.OriginalString);

        var bad = await ProfileForms.StepAsync(client, "identite", ("Input.Identity.LegalName", ""), ("Input.Identity.TradeName", "Lagon Numérique"), ("Input.Identity.FoundingYear", "deux mille"));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badPage = await DirectoryWebFactory.ParseAsync(bad);
        Assert.Contains("Raison sociale", badPage.QuerySelector("#identity-legalname-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("en chiffres", badPage.QuerySelector("#identity-foundingyear-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("deux mille", ((IHtmlInputElement)badPage.QuerySelector("#identity-foundingyear")!).Value);
        Assert.Equal("Lagon Numérique", ((IHtmlInputElement)badPage.QuerySelector("#identity-tradename")!).Value);
        Assert.Equal("true", badPage.QuerySelector("#identity-legalname")!.GetAttribute("aria-invalid"));

        var good = await ProfileForms.StepAsync(client, "identite", ("Input.Identity.LegalName", "SARL Lagon Numérique"), ("Input.Identity.FoundingYear", "2019"));
        Assert.Equal("/mon-espace/inscrire/activites", good.Headers.Location!.OriginalString);

        // Another session of the same account finds the draft where it was left.
        var again = site.Factory.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.SignInAsync(again, email)).StatusCode);
        var spaceResponse = await again.GetAsync("/mon-espace", Cancel);
        Assert.True(spaceResponse.StatusCode == HttpStatusCode.OK, await spaceResponse.Content.ReadAsStringAsync(Cancel));
        var space = await DirectoryWebFactory.ParseAsync(spaceResponse);
        Assert.Equal("/mon-espace/inscrire/activites", space.QuerySelector(".my-draft a")!.GetAttribute("href"));
        var identity = await DirectoryWebFactory.ParseAsync(await again.GetAsync("/mon-espace/inscrire/identite", Cancel));
        Assert.Equal("SARL Lagon Numérique", ((IHtmlInputElement)identity.QuerySelector("#identity-legalname")!).Value);
        Assert.Equal("Lagon Numérique", ((IHtmlInputElement)identity.QuerySelector("#identity-tradename")!).Value);

        var primary = Taxonomy.Activities[0].Code;
        var secondary = Taxonomy.Activities[1].Code;
        var commune = Taxonomy.Communes[0];
        Assert.Equal("/mon-espace/inscrire/localisation", (await ProfileForms.StepAsync(again, "activites",
            ("Input.Activities.PrimaryCode", primary), ("Input.Activities.SecondaryCodes", secondary))).Headers.Location!.OriginalString);
        var noArea = await DirectoryWebFactory.ParseAsync(await ProfileForms.StepAsync(again, "localisation", ("Input.Location.CommuneCode", commune.Code)));
        Assert.NotNull(noArea.QuerySelector("#location-servicearea-erreur"));
        Assert.Equal("/mon-espace/inscrire/contact", (await ProfileForms.StepAsync(again, "localisation",
            ("Input.Location.CommuneCode", commune.Code), ("Input.Location.WholeTerritory", "true"))).Headers.Location!.OriginalString);
        Assert.Equal("/mon-espace/inscrire/apercu", (await ProfileForms.StepAsync(again, "contact",
            ("Input.Contact.Website", "https://www.lagon-numerique.nc"), ("Input.Contact.Phones", "27 12 34"),
            ("Input.Contact.DescriptionFr", "Développement **web** et mobile."), ("Input.Contact.OnlinePayment", "true"))).Headers.Location!.OriginalString);

        // The preview is the public profile (its partial), its Markdown rendered, under an "Aperçu" ribbon.
        var preview = await DirectoryWebFactory.ParseAsync(await again.GetAsync("/mon-espace/inscrire/apercu", Cancel));
        var shown = preview.QuerySelector("[data-preview]")!;
        Assert.StartsWith("Aperçu", shown.QuerySelector(".preview-ribbon")!.TextContent, StringComparison.Ordinal);
        var profile = shown.QuerySelector("article.profile")!;
        Assert.Equal("Lagon Numérique", profile.QuerySelector("#titre-entreprise")!.TextContent);
        Assert.Equal("H3", profile.QuerySelector("#titre-entreprise")!.TagName);
        Assert.Contains("SARL Lagon Numérique", profile.QuerySelector(".profile-head")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("web", profile.QuerySelector(".description strong")!.TextContent);
        Assert.DoesNotContain("**", profile.TextContent, StringComparison.Ordinal);
        Assert.Contains(Taxonomy.Activities[0].LabelFr, profile.QuerySelector("[aria-labelledby=titre-activites]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("tel:+687271234", profile.QuerySelector(".contact-list a[href^='tel:']")!.GetAttribute("href"));
        Assert.Contains("Paiement en ligne", profile.QuerySelector("[aria-labelledby=titre-ecommerce]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(profile.QuerySelector(".shortlist-toggle, .report"));
        Assert.Equal("", profile.QuerySelector("[data-contact-count]")!.GetAttribute("data-contact-count"));
        // The same sections, in the same order, as on a published profile.
        var published = await TestCompanies.PublishedAsync(site.Factory, (c, _) => (c.Services, c.Skills) = ([], []));
        var page = await DirectoryWebFactory.ParseAsync(await site.Factory.CreateClient().GetAsync("/entreprises/" + published.Slug, Cancel));
        static string[] Sections(IElement profile) => [.. profile.QuerySelectorAll("[aria-labelledby]").Select(e => e.GetAttribute("aria-labelledby")!)];
        Assert.Equal(Sections(page.QuerySelector("main article.profile")!), Sections(profile));

        var submitted = await AccountForms.SubmitAsync(again, "/mon-espace/inscrire/apercu", "/mon-espace/inscrire/apercu?handler=soumettre");
        Assert.Equal("/mon-espace?resultat=soumise", submitted.Headers.Location!.OriginalString);

        var (company, owners, history, draftCompany) = await WithDatabaseAsync(async db =>
        {
            var created = await db.Companies.Include(c => c.SecondaryActivities).SingleAsync(c => c.LegalName == "SARL Lagon Numérique", Cancel);
            var members = await db.CompanyMembers.Where(m => m.CompanyId == created.Id).ToListAsync(Cancel);
            var changes = await db.CompanyChanges.Where(c => c.CompanyId == created.Id).ToListAsync(Cancel);
            var draft = await db.RegistrationDrafts.Join(db.Users, d => d.UserId, u => u.Id, (d, u) => new { d.CompanyId, u.Email }).SingleAsync(d => d.Email == email, Cancel);
            return (created, members, changes, draft.CompanyId);
        });
        Assert.Equal(PublicationStatus.PendingReview, company.Status);
        Assert.Equal("lagon-numerique", company.Slug);
        Assert.Equal([secondary], company.SecondaryActivities.Select(a => a.ActivityCode));
        Assert.Equal(["271234"], company.Phones);
        Assert.True(company.ECommerce.OnlinePayment);
        Assert.Equal(MemberRole.Owner, Assert.Single(owners).Role);
        var entry = Assert.Single(history);
        Assert.Equal(ChangeKind.Submitted, entry.Kind);
        Assert.Contains(entry.FieldChanges, f => f.Field == "legalName" && f.Before is null && f.After == "SARL Lagon Numérique");
        Assert.Equal(company.Id, draftCompany);

        var dashboard = await DirectoryWebFactory.ParseAsync(await again.GetAsync("/mon-espace?resultat=soumise", Cancel));
        Assert.Contains("soumise pour validation", dashboard.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(dashboard.QuerySelector(".my-draft"));
        var card = dashboard.QuerySelector($"[data-company='{company.Id}']")!;
        Assert.Equal("En attente de validation", card.QuerySelector("[data-status]")!.TextContent);
        Assert.Equal($"/mon-espace/entreprises/{company.Id}/modifier", card.QuerySelector(".my-company-links a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Claiming_an_unclaimed_company_creates_one_pending_claim_that_knows_the_email_domain_matches()
    {
        var ridet = TestCompanies.NewRidet(establishment: true);
        var company = await UnclaimedCompanyAsync(ridet, "https://www.recif-info.nc/accueil");
        var client = await AccountForms.SignedInClientAsync(site.Factory, "direction@recif-info.nc", role: null);

        var found = await ProfileForms.StepAsync(client, "ridet", ("Input.Ridet.Number", ridet.Rid));
        Assert.Equal("/mon-espace/inscrire/ridet", found.Headers.Location!.OriginalString);
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/mon-espace/inscrire/ridet", Cancel));
        Assert.Contains("Revendiquer cette entreprise", page.QuerySelector("[data-ridet-matches] button")!.TextContent, StringComparison.Ordinal);

        var form = page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.GetAttribute("action") == "/mon-espace/inscrire/ridet?handler=demander");
        var asked = await ProfileForms.PostAsync(client, form, ("message", "Je suis le gérant."));
        var twice = await ProfileForms.PostAsync(client, form);

        Assert.Equal("/mon-espace?resultat=demande-created", asked.Headers.Location!.OriginalString);
        Assert.Equal("/mon-espace?resultat=demande-alreadypending", twice.Headers.Location!.OriginalString);
        var request = Assert.Single(await WithDatabaseAsync(db => db.AccessRequests.Where(r => r.CompanyId == company).ToListAsync(Cancel)));
        Assert.Equal(AccessRequestKind.Claim, request.Kind);
        Assert.Equal(RequestStatus.Pending, request.Status);
        Assert.True(request.EmailDomainMatchesWebsite);
        Assert.Equal("Je suis le gérant.", request.Message);
        var space = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/mon-espace", Cancel));
        Assert.Contains("revendication", space.QuerySelector($"[data-request='{request.Id}']")!.TextContent, StringComparison.Ordinal);

        var other = await AccountForms.SignedInClientAsync(site.Factory, "stagiaire@gmail-test.nc", role: null);
        await ProfileForms.StepAsync(other, "ridet", ("Input.Ridet.Number", ridet.ToString()));
        await AccountForms.SubmitAsync(other, "/mon-espace/inscrire/ridet", "/mon-espace/inscrire/ridet?handler=demander");
        Assert.False(await WithDatabaseAsync(db => db.AccessRequests.Where(r => r.CompanyId == company && r.Id != request.Id).Select(r => r.EmailDomainMatchesWebsite).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task Asking_to_join_a_claimed_company_mails_its_owner_a_link_to_the_members_page()
    {
        var ridet = TestCompanies.NewRidet();
        var company = await UnclaimedCompanyAsync(ridet, "https://www.mangrove-dev.nc");
        await AccountForms.MemberClientAsync(site.Factory, "proprietaire@mangrove-dev.nc", company);
        var client = await AccountForms.SignedInClientAsync(site.Factory, "nouvelle@mangrove-dev.nc", role: null);

        await ProfileForms.StepAsync(client, "ridet", ("Input.Ridet.Number", ridet.ToString()));
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/mon-espace/inscrire/ridet", Cancel));
        Assert.Contains("Demander à rejoindre", page.QuerySelector("[data-ridet-matches] button")!.TextContent, StringComparison.Ordinal);
        await AccountForms.SubmitAsync(client, "/mon-espace/inscrire/ridet", "/mon-espace/inscrire/ridet?handler=demander", ("message", "Cheffe de projet"));

        var request = await WithDatabaseAsync(db => db.AccessRequests.SingleAsync(r => r.CompanyId == company, Cancel));
        Assert.Equal(AccessRequestKind.Join, request.Kind);
        Assert.False(request.EmailDomainMatchesWebsite);
        var name = await WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company).Select(c => c.TradeName ?? c.LegalName).SingleAsync(Cancel));
        var mail = await site.MailToAsync("proprietaire@mangrove-dev.nc", $"Demande pour rejoindre {name}");
        Assert.Contains("nouvelle@mangrove-dev.nc", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Cheffe de projet", mail.TextBody, StringComparison.Ordinal);
        Assert.EndsWith($"/mon-espace/entreprises/{company}/membres", AccountForms.LinkIn(mail), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_similar_name_in_the_same_commune_is_flagged_as_a_likely_duplicate()
    {
        var existing = await TestCompanies.AddAsync(site.Factory, $"Atelier Tamanou {TestCompanies.Unique()}", PublicationStatus.Published);
        var client = await AccountForms.SignedInClientAsync(site.Factory, "doublon@annuaire-test.nc", role: null);
        var lookalike = "SARL " + existing.LegalName.ToUpperInvariant();

        await ProfileForms.StepAsync(client, "ridet", ("Input.Ridet.None", "true"));
        await ProfileForms.StepAsync(client, "identite", ("Input.Identity.LegalName", lookalike));
        await ProfileForms.StepAsync(client, "activites", ("Input.Activities.PrimaryCode", Taxonomy.Activities[0].Code));
        var elsewhere = Taxonomy.Communes.First(c => c.Code != existing.CommuneCode).Code;
        await ProfileForms.StepAsync(client, "localisation", ("Input.Location.CommuneCode", elsewhere), ("Input.Location.WholeTerritory", "true"));
        Assert.Null((await DirectoryWebFactory.ParseAsync(await client.GetAsync("/mon-espace/inscrire/contact", Cancel))).QuerySelector("[data-duplicates]"));

        await ProfileForms.StepAsync(client, "localisation", ("Input.Location.CommuneCode", existing.CommuneCode), ("Input.Location.WholeTerritory", "true"));
        var contact = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/mon-espace/inscrire/contact", Cancel));
        var warning = contact.QuerySelector("[data-duplicates]")!;
        Assert.Contains("nom proche", warning.TextContent, StringComparison.Ordinal);
        Assert.Contains(warning.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/entreprises/" + existing.Slug);
    }

    [Fact]
    public async Task The_wizard_speaks_english_and_previous_keeps_what_was_typed_without_checking_it()
    {
        var client = await AccountForms.SignedInClientAsync(site.Factory, "kagu@kagu-digital.nc", role: null);
        await AccountForms.SubmitAsync(client, "/mon-espace", "/langue", ("culture", "en"), ("returnUrl", "/mon-espace"));
        await ProfileForms.StepAsync(client, "ridet", ("Input.Ridet.None", "true"));

        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/mon-espace/inscrire/identite", Cancel));
        Assert.Equal("Step 2 of 6: Identity", page.QuerySelector("main h2")!.TextContent);
        Assert.StartsWith("Legal name", page.QuerySelector("label[for=identity-legalname]")!.TextContent, StringComparison.Ordinal);
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.GetAttribute("action") == "/mon-espace/inscrire/identite");
        var back = await ProfileForms.PostAsync(client, form, ("Input.Identity.TradeName", "Kagu Digital"), ("Input.Identity.FoundingYear", "soon"), ("direction", "precedent"));

        Assert.Equal("/mon-espace/inscrire/ridet", back.Headers.Location!.OriginalString);
        var again = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/mon-espace/inscrire/identite", Cancel));
        Assert.Equal("Kagu Digital", ((IHtmlInputElement)again.QuerySelector("#identity-tradename")!).Value);
        Assert.Equal("soon", ((IHtmlInputElement)again.QuerySelector("#identity-foundingyear")!).Value);
        var next = await DirectoryWebFactory.ParseAsync(await ProfileForms.StepAsync(client, "identite"));
        Assert.Contains("digits", next.QuerySelector("#identity-foundingyear-erreur")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Previous_sits_left_of_next_and_enter_still_goes_forward()
    {
        var client = await AccountForms.SignedInClientAsync(site.Factory, "boutons@assistant-test.nc", role: null);
        await ProfileForms.StepAsync(client, "ridet", ("Input.Ridet.None", "true"));

        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/mon-espace/inscrire/identite", Cancel));
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.GetAttribute("action") == "/mon-espace/inscrire/identite");
        var buttons = form.QuerySelectorAll<IHtmlButtonElement>("button[type=submit]").ToList();
        // Enter submits with the form's first button: a copy of "Suivant" hidden from sight, the tab order and screen readers.
        Assert.Equal(("suivant", "-1", "true"), (buttons[0].Value, buttons[0].GetAttribute("tabindex"), buttons[0].GetAttribute("aria-hidden")));
        Assert.Equal(
            [("precedent", "Précédent"), ("suivant", "Suivant")],
            buttons.Skip(1).Select(b => (b.Value, b.TextContent.Trim())));
        Assert.All(buttons.Skip(1), b => Assert.Null(b.GetAttribute("aria-hidden")));
    }

    [Fact]
    public async Task The_wizard_is_for_signed_in_accounts()
    {
        var anonymous = site.Factory.CreateBrowserLikeClient();
        var response = await anonymous.GetAsync("/mon-espace/inscrire/identite", Cancel);
        Assert.StartsWith("/compte/connexion", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.StartsWith("/compte/connexion", (await anonymous.GetAsync("/mon-espace", Cancel)).Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    /// <summary>A published company of the test's own with this RIDET number and website, without members.</summary>
    private async Task<Guid> UnclaimedCompanyAsync(Ridet ridet, string website) =>
        (await TestCompanies.PublishedAsync(site.Factory, (company, _) => (company.Ridet, company.Website) = (ridet, website))).Id;

    private Task<T> WithDatabaseAsync<T>(Func<AppDbContext, Task<T>> query) => site.Factory.WithDatabaseAsync(query);
}

/// <summary>The profile forms of <c>/mon-espace</c>, posted as a browser would: every control's current value, some changed.</summary>
internal static class ProfileForms
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Posts a wizard step with "Suivant", the given fields replacing what the page shows.</summary>
    public static async Task<HttpResponseMessage> StepAsync(HttpClient client, string step, params (string Name, string Value)[] fields)
    {
        var url = "/mon-espace/inscrire/" + step;
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync(url, Cancel));
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").First(f => f.GetAttribute("action") == url);
        return await PostAsync(client, form, [.. fields, ("direction", "suivant")]);
    }

    /// <summary>Posts a form with the values its controls hold, the named fields replaced (all values of a name).</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, IHtmlFormElement form, params (string Name, string Value)[] fields)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || fields.Any(f => f.Name == name))
            {
                continue;
            }
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked) values.Add(new(name, input.Value));
                    break;
                case IHtmlInputElement input when input.Type is not ("submit" or "button"):
                    values.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    values.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement select:
                    values.AddRange(select.Options.Where(o => o.IsSelected && o.Value.Length > 0).Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
            }
        }
        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(values), Cancel);
    }
}
