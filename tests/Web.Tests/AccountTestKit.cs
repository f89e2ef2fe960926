using System.Net;
using System.Threading.Channels;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>A site whose mails go to an SMTP server on loopback (netDumbster); an administrator email configured.</summary>
public sealed class AccountSite : IAsyncLifetime
{
    public const string AdministratorEmail = "admin@annuaire-test.nc";
    public const string Password = "Lagon-Bleu-2026";

    public SimpleSmtpServer Smtp { get; } = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();

    /// <summary>Services the site's tests add or replace (<see cref="DirectoryWebFactory.TestServices"/>), set with the site.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>The site, made at first use (after <see cref="TestServices"/> is set).</summary>
    public DirectoryWebFactory Factory => _factory ??= new() { TestServices = TestServices };

    private DirectoryWebFactory? _factory;

    public ValueTask InitializeAsync()
    {
        Factory.Settings["Mail:Smtp:Host"] = "127.0.0.1";
        Factory.Settings["Mail:Smtp:Port"] = Smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Factory.Settings["Mail:Smtp:StartTls"] = "false";
        Factory.Settings["Accounts:FormPostsPerMinute"] = "1000";
        Factory.Settings["Accounts:Administrators:0"] = AdministratorEmail;
        _ = Factory.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        Smtp.Dispose();
    }

    public const string ConfirmationSubject = "Confirmez votre compte sur l'Annuaire de la filière numérique";
    public const string ResetSubject = "Réinitialisation de votre mot de passe";

    /// <summary>
    /// The mail received for an address with a subject, parsed by MimeKit: at once when it is there (the site sends
    /// its mails before it answers), else when the SMTP server reports it (see <see cref="MailsAsync"/>).
    /// </summary>
    public async Task<MimeMessage> MailToAsync(string address, string subject = ConfirmationSubject)
    {
        MimeMessage? found = null;
        await MailsAsync(async received =>
        {
            foreach (var mail in received.Where(m => m.ToAddresses.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase))))
            {
                using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data));
                var message = await MimeMessage.LoadAsync(stream, TestContext.Current.CancellationToken);
                if (message.Subject == subject)
                {
                    found = message;
                    return true;
                }
            }
            return false;
        }, $"No mail \"{subject}\" for {address}");
        return found!;
    }

    /// <summary>
    /// Returns once <paramref name="done"/> holds for the mails received: checked now, then again each time the SMTP
    /// server reports a new mail (its event, raised once the mail is stored), never on a timer. The server runs on
    /// its own threads, so the wait is bounded: after <see cref="MailWait"/>, <paramref name="what"/> is the error.
    /// </summary>
    public async Task MailsAsync(Func<IReadOnlyList<SmtpMessage>, Task<bool>> done, string what)
    {
        ArgumentNullException.ThrowIfNull(done);
        var arrived = Channel.CreateUnbounded<SmtpMessage>();
        void OnReceived(object? sender, MessageReceivedArgs received) => arrived.Writer.TryWrite(received.Message);
        Smtp.MessageReceived += OnReceived;   // before the first look, so that no mail falls in between
        try
        {
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            bound.CancelAfter(MailWait);
            while (!await done(Smtp.ReceivedEmail))
            {
                try
                {
                    await arrived.Reader.ReadAsync(bound.Token);
                }
                catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"{what} within {MailWait.TotalSeconds:0} s.");
                }
            }
        }
        finally
        {
            Smtp.MessageReceived -= OnReceived;
        }
    }

    /// <summary>The longest wait for a mail the server has not reported.</summary>
    public static readonly TimeSpan MailWait = TimeSpan.FromSeconds(10);

    /// <summary>The mails received for an address, as the SMTP server stored them.</summary>
    public IReadOnlyList<SmtpMessage> MailsTo(string address) =>
        [.. Smtp.ReceivedEmail.Where(m => m.ToAddresses.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase)))];
}

/// <summary>Forms of the account pages, read and posted as a browser would (with the antiforgery token).</summary>
internal static class AccountForms
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<IHtmlFormElement> FormAsync(HttpClient client, string url, string action)
    {
        var page = await DirectoryWebFactory.ParseAsync(await client.GetAsync(url, Cancel));
        return page.QuerySelectorAll<IHtmlFormElement>("form").First(f => f.GetAttribute("action") == action);
    }

    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string url, string action, params (string Name, string Value)[] fields)
    {
        var form = await FormAsync(client, url, action);
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]")
            .Where(i => fields.All(f => f.Name != i.Name))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Concat(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await client.PostAsync(action, new FormUrlEncodedContent(values), Cancel);
    }

    public static Task<HttpResponseMessage> SignUpAsync(HttpClient client, string email, string password = AccountSite.Password) =>
        SubmitAsync(client, "/compte/inscription", "/compte/inscription", ("Input.Email", email), ("Input.Password", password), ("Input.ConfirmPassword", password));

    /// <summary>Signs in through the form of <paramref name="url"/> (under a path base when the site has one: "/annuaire/compte/connexion").</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password = AccountSite.Password, string url = "/compte/connexion") =>
        SubmitAsync(client, url, url.Split('?')[0], ("Input.Email", email), ("Input.Password", password));

    /// <summary>An account created and confirmed directly through Identity (for tests that start signed up).</summary>
    public static async Task<DirectoryUser> ConfirmedUserAsync(IServiceProvider services, string email, string password = AccountSite.Password)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DirectoryUser>>();
        var user = new DirectoryUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTime.UtcNow };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(' ', created.Errors.Select(e => e.Description)));
        return user;
    }

    /// <summary>A client signed in (cookies kept, redirects not followed) as a new confirmed account with <paramref name="role"/>.</summary>
    public static async Task<HttpClient> SignedInClientAsync(DirectoryWebFactory factory, string email, string? role, string signInUrl = "/compte/connexion")
    {
        var user = await ConfirmedUserAsync(factory.Services, email);
        if (role is not null)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DirectoryUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByIdAsync(user.Id.ToString()))!, role)).Succeeded);
        }
        var client = factory.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, email, url: signInUrl)).StatusCode);
        return client;
    }

    /// <summary>
    /// A client signed in as a new confirmed account that is a member of <paramref name="companyId"/> with
    /// <paramref name="role"/> (set in the database, as an approved claim or invitation would).
    /// </summary>
    public static async Task<HttpClient> MemberClientAsync(DirectoryWebFactory factory, string email, Guid companyId, MemberRole role = MemberRole.Owner, string signInUrl = "/compte/connexion")
    {
        var client = await SignedInClientAsync(factory, email, role: null, signInUrl);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DirectoryUser>>();
        var user = await users.FindByEmailAsync(email);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.CompanyMembers.Add(new CompanyMember { CompanyId = companyId, UserId = user!.Id, Role = role, Since = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return client;
    }

    public static string LinkIn(MimeMessage mail)
    {
        var text = mail.TextBody ?? string.Empty;
        var start = text.IndexOf("http", StringComparison.Ordinal);
        Assert.True(start >= 0, "No link in the mail's text part.");
        var end = text.IndexOfAny(['\n', '\r', ' '], start);
        return text[start..(end < 0 ? text.Length : end)];
    }
}
