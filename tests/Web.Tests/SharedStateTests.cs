using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AnnuaireFiliere.Core.Data.Files;
using AnnuaireFiliere.Core.Search;
using AnnuaireFiliere.Core.Search.Lucene;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SkiaSharp;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>
/// Two nodes of one farm on one database (docs/adr/0034): the Data Protection keys are rows of the database, so what
/// one node signs or encrypts (antiforgery tokens, cookies, signed links) the other accepts; with
/// <c>Storage:Files=Database</c> a logo uploaded through one node is served by the other, and both give the same
/// <c>ETag</c> for the same file.
/// </summary>
public sealed class SharedStateTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// Two sites on one database: on PostgreSQL when the tests run on it (each node with a data folder of its own, as
    /// on two machines), else on one SQLite file (which lives in the data folder, so both are given that folder, the
    /// second through a link to it).
    /// </summary>
    private sealed class Farm : IAsyncDisposable
    {
        private readonly string? _key;
        private readonly string? _index;

        private Farm(DirectoryWebFactory first, DirectoryWebFactory second, string? key, string? index) =>
            (First, Second, _key, _index) = (first, second, key, index);

        public DirectoryWebFactory First { get; }
        public DirectoryWebFactory Second { get; }

        public static async Task<Farm> StartAsync(FileStorage? files)
        {
            string? key = null, index = null;
            DirectoryWebFactory first, second;
            if (TestPostgres.Active)
            {
                key = "shared-state-" + Guid.NewGuid().ToString("N");
                var database = await TestPostgres.AcquireAsync(key);
                await TestPostgres.AcquireAsync(key);
                (first, second) = (new DirectoryWebFactory(), new DirectoryWebFactory());
                foreach (var node in new[] { first, second })
                {
                    node.Settings["Database:Provider"] = "PostgreSql";
                    node.Settings["ConnectionStrings:Annuaire"] = database;
                }
            }
            else
            {
                first = new DirectoryWebFactory();
                // The same folder reached by a link of its own, so that each node's clean-up removes only what it owns
                // (the second, its link), and the embedded search index kept apart (it has one writer): the second
                // node builds its own from the same task log.
                Directory.CreateDirectory(first.DataDirectory);
                var link = first.DataDirectory + "-second-node";
                Directory.CreateSymbolicLink(link, first.DataDirectory);
                index = first.DataDirectory + "-second-node-index";
                var secondIndex = index;
                second = new DirectoryWebFactory(link)
                {
                    TestServices = services => services.AddSingleton(provider => new LuceneIndex(secondIndex,
                        provider.GetRequiredService<ILogger<LuceneIndex>>(), provider.GetRequiredService<ISynonymSource>())),
                };
            }
            foreach (var node in new[] { first, second })
            {
                if (files is { } storage)
                {
                    node.Settings["Storage:Files"] = storage.ToString();
                }
            }
            // One after the other, as a farm rolls out: the first migrates and seeds, the second finds it done.
            _ = first.Server;
            _ = second.Server;
            return new Farm(first, second, key, index);
        }

        public async ValueTask DisposeAsync()
        {
            // The second node first: with SQLite the first owns the shared folder, deleted when it goes.
            await Second.DisposeAsync();
            if (_index is not null)
            {
                Assert.True(File.Exists(Path.Combine(First.DataDirectory, "annuaire.db"))); // only the link went
                Directory.Delete(_index, recursive: true);
            }
            await First.DisposeAsync();
            if (_key is not null)
            {
                await TestPostgres.ReleaseAsync(_key);
                await TestPostgres.ReleaseAsync(_key);
            }
        }
    }

    [Fact]
    public async Task The_data_protection_keys_are_rows_of_the_database_and_either_node_reads_what_the_other_protected()
    {
        await using var farm = await Farm.StartAsync(files: null);

        var payload = farm.First.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("shared-state-test").Protect("bonjour");

        Assert.Equal("bonjour", farm.Second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("shared-state-test").Unprotect(payload));
        var keys = await farm.Second.WithDatabaseAsync(db => db.DataProtectionKeys.AsNoTracking().ToListAsync(Cancel));
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Contains("<key ", k.Xml, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_form_served_by_one_node_is_accepted_by_the_other()
    {
        await using var farm = await Farm.StartAsync(files: null);
        var company = await TestCompanies.PublishedAsync(farm.First);
        var url = $"/entreprises/{company.Slug}/signaler";
        using var first = farm.First.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var second = farm.Second.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        var page = await first.GetAsync(url, Cancel);
        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("af.antiforgery=", StringComparison.Ordinal)).Split(';')[0];
        var form = (await DirectoryWebFactory.ParseAsync(page)).QuerySelector<IHtmlFormElement>($"form[action='{url}']")!;
        var fields = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").Select(i => KeyValuePair.Create(i.Name!, i.Value)).ToList();
        fields.Add(KeyValuePair.Create("Message", "Le téléphone de la fiche n'est plus attribué."));

        using var posted = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        posted.Headers.Add("Cookie", cookie);
        var accepted = await second.SendAsync(posted, Cancel);
        using var forged = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => f.Key == "__RequestVerificationToken" ? KeyValuePair.Create(f.Key, "CfDJ8-faux") : f)),
        };
        forged.Headers.Add("Cookie", cookie);
        var refused = await second.SendAsync(forged, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode); // the token is checked: the key was found, not skipped
        Assert.True(await farm.First.WithDatabaseAsync(db => db.ErrorReports.AnyAsync(r => r.CompanyId == company.Id, Cancel)));
    }

    [Theory]
    [InlineData(FileStorage.Database)]
    [InlineData(FileStorage.FileSystem)]
    public async Task A_logo_uploaded_through_one_node_is_served_by_the_other_with_the_same_etag(FileStorage storage)
    {
        // Two machines share no folder: only the database can carry the files between them.
        Assert.SkipWhen(TestPostgres.Active && storage == FileStorage.FileSystem, "On PostgreSQL the nodes have data folders of their own: files on disk are not shared (the reason for Storage:Files=Database).");
        await using var farm = await Farm.StartAsync(storage);
        var company = await TestCompanies.PublishedAsync(farm.First);
        var member = await AccountForms.MemberClientAsync(farm.First, $"logo-ferme-{storage}@exemple.nc", company.Id, MemberRole.Editor);

        var upload = await LogoCases.UploadAsync(member, company.Id, LogoCases.Image(600, 300, SKEncodedImageFormat.Png), "logo.png", "image/png");

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var file = await farm.Second.WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company.Id).Select(c => c.LogoFile).SingleAsync(Cancel));
        var fromFirst = await farm.First.CreateClient().GetAsync($"/logos/{file}", Cancel);
        var fromSecond = await farm.Second.CreateClient().GetAsync($"/logos/{file}", Cancel);
        Assert.Equal(HttpStatusCode.OK, fromSecond.StatusCode);
        Assert.Equal(await fromFirst.Content.ReadAsByteArrayAsync(Cancel), await fromSecond.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal("image/webp", fromSecond.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", fromSecond.Headers.CacheControl!.ToString());
        Assert.NotNull(fromSecond.Headers.ETag);
        Assert.Equal(fromFirst.Headers.ETag, fromSecond.Headers.ETag);
        using var known = new HttpRequestMessage(HttpMethod.Get, $"/logos/{file}");
        known.Headers.IfNoneMatch.Add(fromFirst.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await farm.Second.CreateClient().SendAsync(known, Cancel)).StatusCode);
        if (storage == FileStorage.Database)
        {
            Assert.True(await farm.Second.WithDatabaseAsync(db => db.StoredFiles.AnyAsync(f => f.Key == $"logos/{file}", Cancel)));
            Assert.False(File.Exists(Path.Combine(farm.First.DataDirectory, "logos", file!)));
        }
    }

    [Fact]
    public async Task Both_nodes_serve_the_same_open_data_with_the_same_etag()
    {
        await using var farm = await Farm.StartAsync(FileStorage.Database);

        foreach (var (file, _, _) in Features.OpenData.OpenDataEndpoints.Files)
        {
            foreach (var encoding in new[] { "identity", "gzip" })
            {
                using var toFirst = new HttpRequestMessage(HttpMethod.Get, "/donnees/" + file);
                toFirst.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
                using var toSecond = new HttpRequestMessage(HttpMethod.Get, "/donnees/" + file);
                toSecond.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
                var first = await farm.First.CreateClient().SendAsync(toFirst, Cancel);
                var second = await farm.Second.CreateClient().SendAsync(toSecond, Cancel);

                Assert.Equal(HttpStatusCode.OK, second.StatusCode);
                Assert.NotNull(second.Headers.ETag);
                Assert.Equal(first.Headers.ETag, second.Headers.ETag);
                Assert.Equal(first.Content.Headers.LastModified, second.Content.Headers.LastModified);
                Assert.Equal(await first.Content.ReadAsByteArrayAsync(Cancel), await second.Content.ReadAsByteArrayAsync(Cancel));
            }
        }
        var keys = await farm.First.WithDatabaseAsync(db => db.StoredFiles.Select(f => f.Key).Where(k => k.StartsWith("donnees/")).ToListAsync(Cancel));
        Assert.Contains(keys, k => k.EndsWith("/" + Features.OpenData.OpenDataStore.CompleteMarker, StringComparison.Ordinal));
    }
}
