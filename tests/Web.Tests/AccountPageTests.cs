using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AnnuaireFiliere.Web.Tests.AccountForms;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>The account pages under <c>/compte</c>, with mails received by an SMTP server on loopback.</summary>
public sealed class AccountPageTests(AccountSite site) : IClassFixture<AccountSite>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_up_confirm_by_mail_sign_in_reset_the_password_download_the_data_and_delete_the_account()
    {
        const string email = "camille.wanabo@exemple.nc";
        var client = site.Factory.CreateBrowserLikeClient();

        var signedUp = await SignUpAsync(client, email);
        Assert.Equal("/compte/inscription?envoye=1", signedUp.Headers.Location!.OriginalString);

        // Not confirmed yet: no sign-in.
        var early = await DirectoryWebFactory.ParseAsync(await SignInAsync(client, email));
        Assert.Contains("Confirmez d'abord votre courriel", early.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);

        var confirmation = await site.MailToAsync(email);
        Assert.Equal("Confirmez votre compte sur l'Annuaire de la filière numérique", confirmation.Subject);
        Assert.NotNull(confirmation.HtmlBody);
        var link = new Uri(LinkIn(confirmation));
        Assert.Equal("/compte/confirmer", link.AbsolutePath);
        Assert.Contains(link.AbsoluteUri, confirmation.HtmlBody.Replace("&amp;", "&", StringComparison.Ordinal), StringComparison.Ordinal);
        var confirmed = await DirectoryWebFactory.ParseAsync(await client.GetAsync(link.PathAndQuery, Cancel));
        Assert.Contains("Votre courriel est confirmé", confirmed.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

        var signedIn = await SignInAsync(client, email, url: "/compte/connexion?returnUrl=%2Fstatistiques");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/statistiques", signedIn.Headers.Location!.OriginalString);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("af.compte=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var home = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/", Cancel));
        Assert.Equal(email, home.QuerySelector(".account-menu .account-email")!.TextContent.Trim());
        Assert.NotNull(home.QuerySelector(".nav-list a[href='/mon-espace']"));
        Assert.Null(home.QuerySelector(".register-link"));

        var download = await client.GetAsync("/compte/donnees", Cancel);
        Assert.Equal("application/json", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        using (var data = JsonDocument.Parse(await download.Content.ReadAsStringAsync(Cancel)))
        {
            Assert.Equal(email, data.RootElement.GetProperty("email").GetString());
            Assert.True(data.RootElement.GetProperty("emailConfirmed").GetBoolean());
            Assert.Equal([Roles.Member], data.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        }

        var signedOut = await SubmitAsync(client, "/", "/compte/deconnexion");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/compte/connexion?returnUrl=%2Fcompte", (await client.GetAsync("/compte", Cancel)).Headers.Location!.PathAndQuery);

        // Password reset through the mailed link.
        var forgot = await SubmitAsync(client, "/compte/mot-de-passe-oublie", "/compte/mot-de-passe-oublie", ("Input.Email", email));
        Assert.Equal("/compte/mot-de-passe-oublie?envoye=1", forgot.Headers.Location!.OriginalString);
        var reset = await site.MailToAsync(email, AccountSite.ResetSubject);
        var resetLink = new Uri(LinkIn(reset)).PathAndQuery;
        const string newPassword = "Nouveau-Lagon-2027";
        var changed = await SubmitAsync(client, resetLink, "/compte/reinitialiser", ("Input.Password", newPassword), ("Input.ConfirmPassword", newPassword));
        Assert.Equal("/compte/connexion?reinitialise=1", changed.Headers.Location!.OriginalString);
        var oldRefused = await DirectoryWebFactory.ParseAsync(await SignInAsync(client, email));
        Assert.Contains("Courriel ou mot de passe incorrect", oldRefused.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, email, newPassword)).StatusCode);

        // Deletion needs the confirmation box and the password.
        var unconfirmed = await DirectoryWebFactory.ParseAsync(await SubmitAsync(client, "/compte", "/compte?handler=supprimer", ("Delete.Password", newPassword)));
        Assert.Contains("Cochez la case", unconfirmed.QuerySelector("#suppression-erreur")!.TextContent, StringComparison.Ordinal);
        var deleted = await SubmitAsync(client, "/compte", "/compte?handler=supprimer", ("Delete.Confirmed", "true"), ("Delete.Password", newPassword));
        Assert.Equal("/", deleted.Headers.Location!.OriginalString);
        Assert.False(await WithDatabaseAsync(db => db.Users.AnyAsync(u => u.Email == email, Cancel)));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/compte", Cancel)).StatusCode);
    }

    [Fact]
    public async Task The_email_changes_only_from_the_new_address_the_old_one_is_told_and_history_forgets_a_deleted_account()
    {
        const string old = "ancienne.adresse@exemple.nc", renewed = "nouvelle.adresse@exemple.nc";
        var client = await SignedInClientAsync(site.Factory, old, role: null);
        await ConfirmedUserAsync(site.Factory.Services, "deja.prise@exemple.nc");

        var invalid = await DirectoryWebFactory.ParseAsync(await SubmitAsync(client, "/compte", "/compte?handler=courriel", ("ChangeEmail.Address", "pas un courriel")));
        var same = await DirectoryWebFactory.ParseAsync(await SubmitAsync(client, "/compte", "/compte?handler=courriel", ("ChangeEmail.Address", old.ToUpperInvariant())));
        var taken = await SubmitAsync(client, "/compte", "/compte?handler=courriel", ("ChangeEmail.Address", "deja.prise@exemple.nc"));
        var asked = await SubmitAsync(client, "/compte", "/compte?handler=courriel", ("ChangeEmail.Address", renewed));

        Assert.Contains("pas valable", invalid.QuerySelector("#courriel-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("pas un courriel", invalid.QuerySelector<IHtmlInputElement>("#compte-nouveau-courriel")!.Value);
        Assert.Contains("déjà le courriel", same.QuerySelector("#courriel-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(taken.Headers.Location, asked.Headers.Location);
        var mail = await site.MailToAsync(renewed, "Confirmez votre nouveau courriel");
        Assert.Empty(MailsTo("deja.prise@exemple.nc"));
        // Until the link is followed, nothing changed.
        Assert.True(await WithDatabaseAsync(db => db.Users.AnyAsync(u => u.Email == old, Cancel)));

        var link = new Uri(LinkIn(mail)).PathAndQuery;
        var changed = await DirectoryWebFactory.ParseAsync(await client.GetAsync(link, Cancel));
        var again = await DirectoryWebFactory.ParseAsync(await client.GetAsync(link, Cancel));

        Assert.Contains("Votre courriel est changé", changed.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(again.QuerySelector("[role=alert]"));
        Assert.Contains(renewed, (await site.MailToAsync(old, "Le courriel de votre compte a changé")).TextBody, StringComparison.Ordinal);
        Assert.Equal(renewed, (await DirectoryWebFactory.ParseAsync(await client.GetAsync("/compte", Cancel))).QuerySelector("[data-account-email]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(site.Factory.CreateBrowserLikeClient(), renewed)).StatusCode);

        // A deleted account's changes stay in the companies' histories, without its address.
        var userId = await WithDatabaseAsync(db => db.Users.Where(u => u.Email == renewed).Select(u => u.Id).SingleAsync(Cancel));
        var company = await TestCompanies.PublishedAsync(site.Factory);
        var change = await WithDatabaseAsync(async db =>
        {
            var entry = TestCompanies.HistoryEntry(company, Core.Companies.ChangeKind.Edited, DateTime.UtcNow, userId, renewed);
            db.CompanyChanges.Add(entry);
            await db.SaveChangesAsync(Cancel);
            return entry.Id;
        });
        await SubmitAsync(client, "/compte", "/compte?handler=supprimer", ("Delete.Confirmed", "true"), ("Delete.Password", AccountSite.Password));
        var kept = await WithDatabaseAsync(db => db.CompanyChanges.SingleAsync(c => c.Id == change, Cancel));
        Assert.Equal((null, "compte supprimé"), (kept.UserId, kept.Actor));
    }

    [Fact]
    public async Task A_provider_can_be_unlinked_unless_it_is_the_only_way_to_sign_in()
    {
        const string email = "deux.moyens@exemple.nc";
        var client = await SignedInClientAsync(site.Factory, email, role: null);
        await WithUsersAsync(async users =>
        {
            var user = (await users.FindByEmailAsync(email))!;
            Assert.True((await users.AddLoginAsync(user, new UserLoginInfo("test", "cle-1", "Fournisseur de test"))).Succeeded);
            return true;
        });

        var unlinked = await SubmitAsync(client, "/compte", "/compte?handler=delier");
        Assert.Equal("/compte?delie=1", unlinked.Headers.Location!.OriginalString);
        Assert.Empty(await WithUsersAsync(async users => await users.GetLoginsAsync((await users.FindByEmailAsync(email))!)));

        // Without a password, the last provider stays.
        await WithUsersAsync(async users =>
        {
            var user = (await users.FindByEmailAsync(email))!;
            Assert.True((await users.AddLoginAsync(user, new UserLoginInfo("test", "cle-2", "Fournisseur de test"))).Succeeded);
            Assert.True((await users.RemovePasswordAsync(user)).Succeeded);
            return true;
        });
        var refused = await DirectoryWebFactory.ParseAsync(await SubmitAsync(client, "/compte", "/compte?handler=delier"));
        Assert.Contains("seul moyen de connexion", refused.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Single(await WithUsersAsync(async users => await users.GetLoginsAsync((await users.FindByEmailAsync(email))!)));
    }

    private async Task<T> WithUsersAsync<T>(Func<UserManager<DirectoryUser>, Task<T>> action)
    {
        await using var scope = site.Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserManager<DirectoryUser>>());
    }

    [Fact]
    public async Task Two_factor_sign_in_asks_for_the_app_code_or_a_recovery_code_once()
    {
        const string email = "deux.facteurs@exemple.nc";
        var client = await SignedInClientAsync(site.Factory, email, role: Roles.Moderator);
        var setUp = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/compte/double-authentification", Cancel));
        var key = OtpNet.Base32Encoding.ToBytes(setUp.QuerySelector("[data-authenticator-key]")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        var totp = new OtpNet.Totp(key);
        Assert.NotNull(setUp.QuerySelector(".qr-code svg"));

        var wrong = await DirectoryWebFactory.ParseAsync(await SubmitAsync(client, "/compte/double-authentification", "/compte/double-authentification?handler=activer", ("Input.Code", "000000")));
        Assert.Contains("n'est pas le bon", wrong.QuerySelector("#code-erreur-activer")!.TextContent, StringComparison.Ordinal);
        var enabled = await DirectoryWebFactory.ParseAsync(await SubmitAsync(client, "/compte/double-authentification", "/compte/double-authentification?handler=activer", ("Input.Code", totp.ComputeTotp())));
        var recovery = enabled.QuerySelectorAll("[data-recovery-codes] code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, recovery.Count);
        Assert.NotNull(enabled.QuerySelector("[data-two-factor=on]"));

        // A new sign-in: the password, then the code.
        var fresh = site.Factory.CreateBrowserLikeClient();
        var first = await SignInAsync(fresh, email, url: "/compte/connexion?returnUrl=%2Fmoderation%2Fsignalements");
        Assert.StartsWith("/compte/connexion/code?returnUrl=%2Fmoderation%2Fsignalements", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.GetAsync("/compte", Cancel)).StatusCode);
        var bad = await DirectoryWebFactory.ParseAsync(await SubmitAsync(fresh, first.Headers.Location.OriginalString, "/compte/connexion/code", ("Input.Code", "123456")));
        Assert.Contains("n'est pas le bon", bad.QuerySelector("#connexion-code-erreur")!.TextContent, StringComparison.Ordinal);
        var second = await SubmitAsync(fresh, first.Headers.Location.OriginalString, "/compte/connexion/code", ("Input.Code", totp.ComputeTotp()));
        Assert.Equal("/moderation/signalements", second.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/compte", Cancel)).StatusCode);

        // A recovery code works once.
        var other = site.Factory.CreateBrowserLikeClient();
        var step = (await SignInAsync(other, email)).Headers.Location!.OriginalString;
        // Without a return address a sign-in leads to Mon espace.
        Assert.Equal("/mon-espace", (await SubmitAsync(other, step, "/compte/connexion/code", ("Input.Code", recovery[0]))).Headers.Location!.OriginalString);
        var third = site.Factory.CreateBrowserLikeClient();
        step = (await SignInAsync(third, email)).Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(third, step, "/compte/connexion/code", ("Input.Code", recovery[0]))).StatusCode);
        Assert.Contains("9", (await DirectoryWebFactory.ParseAsync(await fresh.GetAsync("/compte/double-authentification", Cancel))).QuerySelector("[data-two-factor=on]")!.TextContent, StringComparison.Ordinal);

        // Turning it off needs a code too.
        Assert.Equal("/compte/double-authentification?desactivee=1",
            (await SubmitAsync(fresh, "/compte/double-authentification", "/compte/double-authentification?handler=desactiver", ("Input.Code", totp.ComputeTotp()))).Headers.Location!.OriginalString);
        Assert.Equal("/mon-espace", (await SignInAsync(site.Factory.CreateBrowserLikeClient(), email)).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_lost_confirmation_mail_can_be_sent_again_without_revealing_who_has_an_account()
    {
        const string email = "mail.perdu@exemple.nc";
        var client = site.Factory.CreateBrowserLikeClient();
        await SignUpAsync(client, email);
        await site.MailToAsync(email);

        var refused = await DirectoryWebFactory.ParseAsync(await SignInAsync(client, email));
        Assert.NotNull(refused.QuerySelector("a[href='/compte/renvoyer-confirmation']"));
        var unknown = await SubmitAsync(client, "/compte/renvoyer-confirmation", "/compte/renvoyer-confirmation", ("Input.Email", "personne@exemple.nc"));
        var resent = await SubmitAsync(client, "/compte/renvoyer-confirmation", "/compte/renvoyer-confirmation", ("Input.Email", email));
        var invalid = await DirectoryWebFactory.ParseAsync(await SubmitAsync(client, "/compte/renvoyer-confirmation", "/compte/renvoyer-confirmation", ("Input.Email", "pas-un-courriel")));

        Assert.Equal(unknown.Headers.Location, resent.Headers.Location);
        Assert.Equal("/compte/renvoyer-confirmation?envoye=1", resent.Headers.Location!.OriginalString);
        Assert.Equal("pas-un-courriel", invalid.QuerySelector<IHtmlInputElement>("input[name='Input.Email']")!.Value);
        await site.MailsAsync(_ => Task.FromResult(MailsTo(email).Count >= 2), $"No second mail for {email}");
        Assert.Equal(2, MailsTo(email).Count);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(MailsTo(email)[1].Data));
        var mail = await MimeKit.MimeMessage.LoadAsync(stream, Cancel);
        Assert.Equal(AccountSite.ConfirmationSubject, mail.Subject);
        var confirmed = await DirectoryWebFactory.ParseAsync(await client.GetAsync(new Uri(LinkIn(mail)).PathAndQuery, Cancel));
        Assert.Contains("Votre courriel est confirmé", confirmed.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
    }

    private IReadOnlyList<netDumbster.smtp.SmtpMessage> MailsTo(string address) => site.MailsTo(address);

    [Fact]
    public async Task An_account_is_locked_after_five_wrong_passwords_even_for_the_right_one()
    {
        const string email = "lockout@exemple.nc";
        await ConfirmedUserAsync(site.Factory.Services, email);
        var client = site.Factory.CreateBrowserLikeClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await SignInAsync(client, email, "Pas-le-bon-2026");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var page = await DirectoryWebFactory.ParseAsync(await SignInAsync(client, email));

        Assert.Contains("ce compte est verrouillé", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".account-menu"));
    }

    [Theory]
    [InlineData("//evil.example/piege")]
    [InlineData("https://evil.example/piege")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task Sign_in_never_redirects_outside_the_site(string returnUrl)
    {
        var email = $"retour-{Guid.NewGuid():N}@exemple.nc";
        await ConfirmedUserAsync(site.Factory.Services, email);
        var client = site.Factory.CreateBrowserLikeClient();

        var response = await SignInAsync(client, email, url: "/compte/connexion?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/mon-espace", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Deleting_the_account_asks_for_its_password()
    {
        const string email = "suppression.protegee@exemple.nc";
        var client = await SignedInClientAsync(site.Factory, email, role: null);

        var missing = await DirectoryWebFactory.ParseAsync(await SubmitAsync(client, "/compte", "/compte?handler=supprimer", ("Delete.Confirmed", "true")));
        var wrong = await DirectoryWebFactory.ParseAsync(await SubmitAsync(client, "/compte", "/compte?handler=supprimer", ("Delete.Confirmed", "true"), ("Delete.Password", "Pas-le-bon-2026")));

        Assert.Contains("mot de passe", missing.QuerySelector("#suppression-mot-de-passe-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("mot de passe", wrong.QuerySelector("#suppression-mot-de-passe-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.True(await WithDatabaseAsync(db => db.Users.AnyAsync(u => u.Email == email, Cancel)));
        var deleted = await SubmitAsync(client, "/compte", "/compte?handler=supprimer", ("Delete.Confirmed", "true"), ("Delete.Password", AccountSite.Password));
        Assert.Equal("/", deleted.Headers.Location!.OriginalString);
        Assert.False(await WithDatabaseAsync(db => db.Users.AnyAsync(u => u.Email == email, Cancel)));
    }

    [Fact]
    public async Task Sign_up_with_an_address_that_has_an_account_answers_as_usual_and_mails_its_owner()
    {
        const string owner = "deja.inscrite@exemple.nc";
        await ConfirmedUserAsync(site.Factory.Services, owner);
        var client = site.Factory.CreateBrowserLikeClient();

        var fresh = await SignUpAsync(client, "pas.encore.inscrite@exemple.nc");
        var taken = await SignUpAsync(client, owner.ToUpperInvariant(), "Autre-Lagon-2026");

        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.Equal(fresh.Headers.Location, taken.Headers.Location);
        var mail = await site.MailToAsync(owner, "Quelqu'un a voulu créer un compte avec votre adresse");
        Assert.Equal("/compte/mot-de-passe-oublie", new Uri(LinkIn(mail)).AbsolutePath);
        Assert.Contains("connectez-vous", mail.TextBody, StringComparison.Ordinal);
        foreach (var received in MailsTo(owner))
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(received.Data));
            Assert.NotEqual(AccountSite.ConfirmationSubject, (await MimeKit.MimeMessage.LoadAsync(stream, Cancel)).Subject);
        }
        // The owner's password is unchanged.
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(site.Factory.CreateBrowserLikeClient(), owner)).StatusCode);
    }

    [Fact]
    public async Task Sign_in_answers_the_same_for_an_unknown_address_a_wrong_password_and_an_unconfirmed_account()
    {
        const string known = "connue.enumeration@exemple.nc", unconfirmed = "pas.confirmee.enumeration@exemple.nc";
        await ConfirmedUserAsync(site.Factory.Services, known);
        await SignUpAsync(site.Factory.CreateBrowserLikeClient(), unconfirmed);

        var answers = new List<(HttpStatusCode Status, string Alert, bool Resend)>();
        foreach (var email in new[] { "inconnue.enumeration@exemple.nc", known, unconfirmed })
        {
            var response = await SignInAsync(site.Factory.CreateBrowserLikeClient(), email, "Pas-le-bon-2026");
            var page = await DirectoryWebFactory.ParseAsync(response);
            answers.Add((response.StatusCode, page.QuerySelector("[role=alert]")!.TextContent.Trim(), page.QuerySelector("a[href='/compte/renvoyer-confirmation']") is not null));
        }

        Assert.All(answers, answer => Assert.Equal((HttpStatusCode.OK, "Courriel ou mot de passe incorrect.", false), answer));
    }

    [Fact]
    public async Task An_unknown_address_is_locked_after_five_attempts_like_an_account()
    {
        const string known = "verrou.reel@exemple.nc", unknown = "verrou.inconnu@exemple.nc";
        await ConfirmedUserAsync(site.Factory.Services, known);
        var alerts = new List<string>();
        foreach (var email in new[] { known, unknown })
        {
            var client = site.Factory.CreateBrowserLikeClient();
            for (var i = 0; i < 5; i++)
            {
                await SignInAsync(client, email, "Pas-le-bon-2026");
            }
            var page = await DirectoryWebFactory.ParseAsync(await SignInAsync(client, email, "Pas-le-bon-2026"));
            alerts.Add(page.QuerySelector("[role=alert]")!.TextContent.Trim());
        }

        Assert.Contains("ce compte est verrouillé", alerts[0], StringComparison.Ordinal);
        Assert.Equal(alerts[0], alerts[1]);
    }

    [Fact]
    public async Task A_very_common_password_is_refused()
    {
        var client = site.Factory.CreateBrowserLikeClient();

        var page = await DirectoryWebFactory.ParseAsync(await SignUpAsync(client, "banal@exemple.nc", "Motdepasse123"));

        Assert.Contains("trop courant", page.QuerySelector("#inscription-mot-de-passe-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.False(await WithDatabaseAsync(db => db.Users.AnyAsync(u => u.Email == "banal@exemple.nc", Cancel)));
    }

    [Fact]
    public async Task Invalid_sign_up_keeps_the_email_but_not_the_passwords_and_explains_in_french()
    {
        var client = site.Factory.CreateBrowserLikeClient();

        var invalid = await DirectoryWebFactory.ParseAsync(await SubmitAsync(client, "/compte/inscription", "/compte/inscription",
            ("Input.Email", "pas-un-courriel"), ("Input.Password", "Lagon-Bleu-2026"), ("Input.ConfirmPassword", "Autre-Chose-2026")));

        Assert.Equal("pas-un-courriel", invalid.QuerySelector<IHtmlInputElement>("#inscription-courriel")!.Value);
        Assert.Equal("true", invalid.QuerySelector("#inscription-courriel")!.GetAttribute("aria-invalid"));
        Assert.Contains("n'est pas valable", invalid.QuerySelector("#inscription-courriel-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("ne sont pas identiques", invalid.QuerySelector("#inscription-confirmation-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.All(invalid.QuerySelectorAll<IHtmlInputElement>("input[type=password]"), input => Assert.Equal(string.Empty, input.Value));

        var weak = await DirectoryWebFactory.ParseAsync(await SignUpAsync(client, "faible@exemple.nc", "courtmotdepasse"));
        var error = weak.QuerySelector("#inscription-mot-de-passe-erreur")!.TextContent;
        Assert.Contains("au moins un chiffre", error, StringComparison.Ordinal);
        Assert.Equal("faible@exemple.nc", weak.QuerySelector<IHtmlInputElement>("#inscription-courriel")!.Value);
        Assert.False(await WithDatabaseAsync(db => db.Users.AnyAsync(u => u.Email == "faible@exemple.nc", Cancel)));
    }

    [Fact]
    public async Task A_configured_administrator_gets_the_role_once_the_email_is_confirmed()
    {
        var client = site.Factory.CreateBrowserLikeClient();
        await SignUpAsync(client, AccountSite.AdministratorEmail);
        Assert.False(await IsAdministratorAsync());

        await client.GetAsync(new Uri(LinkIn(await site.MailToAsync(AccountSite.AdministratorEmail))).PathAndQuery, Cancel);

        Assert.True(await IsAdministratorAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, AccountSite.AdministratorEmail)).StatusCode);
        var account = await DirectoryWebFactory.ParseAsync(await client.GetAsync("/compte", Cancel));
        Assert.Contains(Roles.Administrator, account.QuerySelector(".account-summary")!.TextContent, StringComparison.Ordinal);

        Task<bool> IsAdministratorAsync() => WithDatabaseAsync(db =>
            (from u in db.Users
             join ur in db.UserRoles on u.Id equals ur.UserId
             join r in db.Roles on ur.RoleId equals r.Id
             where u.Email == AccountSite.AdministratorEmail && r.Name == Roles.Administrator
             select u).AnyAsync(Cancel));
    }

    [Fact]
    public async Task Account_mails_are_in_english_for_english_speaking_visitors()
    {
        const string email = "partner@example.com";
        var client = site.Factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        await SignUpAsync(client, email);

        var mail = await site.MailToAsync(email, "Confirm your account on the Digital Sector Directory");
        Assert.Contains("lang=\"en\"", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_site_switches_to_the_account_language_at_sign_in()
    {
        const string email = "english.speaker@example.com";
        var user = await ConfirmedUserAsync(site.Factory.Services, email);
        await using (var scope = site.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<DirectoryUser>>();
            var stored = (await users.FindByIdAsync(user.Id.ToString()))!;
            stored.PreferredLanguage = "en";
            await users.UpdateAsync(stored);
        }

        var response = await SignInAsync(site.Factory.CreateBrowserLikeClient(), email);

        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_data_download_holds_what_the_account_asked_as_a_buyer_even_under_its_address_without_signing_in()
    {
        const string email = "acheteuse.donnees@exemple.nc";
        var client = await SignedInClientAsync(site.Factory, email, role: null);
        var user = await WithDatabaseAsync(db => db.Users.SingleAsync(u => u.Email == email, Cancel));
        var now = DateTime.UtcNow;
        await WithDatabaseAsync(async db =>
        {
            var buyer = new Core.Buyers.BuyerContact { Name = "Léa Acheteuse", Email = "acheteuse.donnees@exemple.nc", Phone = "27.11.22" };
            db.ContactRequests.Add(new Core.Buyers.ContactRequest { Subject = "Devis pour un site", Message = "Un site vitrine de dix pages, s'il vous plaît.", Buyer = buyer, CreatedAt = now, ConsentedAt = now });
            db.Needs.Add(new Core.Buyers.Need
            {
                Slug = "besoin-mes-donnees", Title = "Un besoin pour mes données", Description = "Une description assez longue pour être un besoin.",
                Buyer = new Core.Buyers.BuyerContact { Name = "Léa Acheteuse", Email = "autre@exemple.nc" }, UserId = user.Id,
                Deadline = DateOnly.FromDateTime(now.AddDays(20)), CreatedAt = now,
            });
            db.SavedSearches.Add(new Core.Buyers.SavedSearch { UserId = user.Id, Name = "Sites à Koné", Query = "q=site&commune=98811", CreatedAt = now, CheckedUntil = now });
            return await db.SaveChangesAsync(Cancel);
        });

        using var data = JsonDocument.Parse(await client.GetStringAsync("/compte/donnees", Cancel));

        Assert.Equal("Devis pour un site", data.RootElement.GetProperty("contactRequestsSent")[0].GetProperty("subject").GetString());
        Assert.Equal("27.11.22", data.RootElement.GetProperty("contactRequestsSent")[0].GetProperty("phone").GetString());
        Assert.Equal("Un besoin pour mes données", data.RootElement.GetProperty("needsPosted")[0].GetProperty("title").GetString());
        Assert.Equal("q=site&commune=98811", data.RootElement.GetProperty("savedSearches")[0].GetProperty("query").GetString());
        Assert.Equal(0, data.RootElement.GetProperty("needAnswersWritten").GetArrayLength());
    }

    [Fact]
    public async Task Account_forms_refuse_a_post_without_the_antiforgery_token()
    {
        var response = await site.Factory.CreateBrowserLikeClient().PostAsync("/compte/connexion",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@exemple.nc", ["Input.Password"] = "Lagon-Bleu-2026" }), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<T> WithDatabaseAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = site.Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

/// <summary>Account behaviours that need a site of their own (settings, limits).</summary>
public sealed class AccountSettingsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_smtp_the_mails_are_written_as_eml_files_in_the_data_folder()
    {
        await using var factory = new DirectoryWebFactory();
        var client = factory.CreateBrowserLikeClient();

        await SignUpAsync(client, "sans-smtp@exemple.nc");

        var file = Assert.Single(Directory.GetFiles(Path.Combine(factory.DataDirectory, "mails"), "*.eml"));
        var mail = await MimeKit.MimeMessage.LoadAsync(file, Cancel);
        Assert.Equal("sans-smtp@exemple.nc", mail.To.Mailboxes.Single().Address);
        Assert.StartsWith("http://localhost/compte/confirmer?utilisateur=", LinkIn(mail), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_password_is_checked_even_for_an_unknown_address()
    {
        var hasher = new CountingHasher();
        await using var factory = new DirectoryWebFactory { TestServices = services => services.AddSingleton<IPasswordHasher<DirectoryUser>>(hasher) };
        var client = factory.CreateBrowserLikeClient();

        var response = await SignInAsync(client, "personne.du.tout@exemple.nc", "Pas-le-bon-2026");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // As long as for a real account (timing itself is not asserted: it depends on the machine).
        Assert.Equal(1, hasher.Verifications);
    }

    /// <summary>Identity's own hasher, counting the passwords it checks.</summary>
    private sealed class CountingHasher : PasswordHasher<DirectoryUser>
    {
        private int _verifications;

        public int Verifications => _verifications;

        public override PasswordVerificationResult VerifyHashedPassword(DirectoryUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task Too_many_sign_in_attempts_get_the_french_429_page()
    {
        await using var factory = new DirectoryWebFactory();
        factory.Settings["Accounts:FormPostsPerMinute"] = "2";
        var client = factory.CreateBrowserLikeClient();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(client, "personne@exemple.nc", "Pas-le-bon-2026")).StatusCode);
        }

        var refused = await SignInAsync(client, "personne@exemple.nc", "Pas-le-bon-2026");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var page = await DirectoryWebFactory.ParseAsync(refused);
        Assert.Equal("Trop de demandes", page.QuerySelector("h1")!.TextContent.Trim());
        // Reading the page is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/compte/connexion", Cancel)).StatusCode);
    }

    [Theory]
    [InlineData("https://login.exemple.nc/realms/annuaire", null, null, "Providers:0:ClientId is required")]
    [InlineData(null, "annuaire-web", null, "Providers:0:Authority is required")]
    [InlineData("http://login.exemple.nc/realms/annuaire", "annuaire-web", null, "Providers:0:Authority must use HTTPS")]
    [InlineData("https://login.exemple.nc/realms/annuaire", "annuaire-web", "http://keycloak:8080/.well-known/openid-configuration", "Providers:0:MetadataAddress must be")]
    public void A_wrong_provider_stops_the_start_naming_the_setting(string? authority, string? clientId, string? metadata, string expected)
    {
        using var factory = new DirectoryWebFactory();
        factory.Settings["Authentication:OpenIdConnect:Providers:0:Name"] = "keycloak";
        factory.Settings["Authentication:OpenIdConnect:Providers:0:Authority"] = authority;
        factory.Settings["Authentication:OpenIdConnect:Providers:0:ClientId"] = clientId;
        factory.Settings["Authentication:OpenIdConnect:Providers:0:MetadataAddress"] = metadata;

        var failure = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Authentication:OpenIdConnect:" + expected, failure.ToString(), StringComparison.Ordinal);
    }
}
