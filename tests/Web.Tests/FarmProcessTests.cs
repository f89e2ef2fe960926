using System.Diagnostics;
using System.Net;
using AnnuaireFiliere.Core.Accounts;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Data;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace AnnuaireFiliere.Web.Tests;

/// <summary>
/// A farm of two real site processes (<c>dotnet AnnuaireFiliere.Web.dll</c> on loopback ports, no Elasticsearch: each
/// its own Lucene replica) on one database: PostgreSQL when the tests run on it, else one SQLite file. What a load
/// balancer sending a visitor to either node must not show: a sign-in on one is valid on the other, a change is found
/// on both, a logo uploaded on one is served by the other, each scheduled job runs once, and when one node is killed the
/// other still serves and takes its jobs over.
/// </summary>
public sealed class FarmProcessTests : IAsyncLifetime
{
    private const string Password = "Lagon-Bleu-2026";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);

    private readonly string _data = Path.Combine(Path.GetTempPath(), "annuaire-farm-tests", Guid.NewGuid().ToString("N"));
    private readonly List<WebNode> _nodes = [];
    private DatabaseProvider _provider = DatabaseProvider.Sqlite;
    private string _connectionString = string.Empty;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        if (TestPostgres.Active)
        {
            _provider = DatabaseProvider.PostgreSql;
            _connectionString = await TestPostgres.AcquireAsync(_data, migrated: false);
        }
        else
        {
            _connectionString = AppDatabase.SqliteConnectionString(Path.Combine(_data, "annuaire.db"));
        }
        // One node creates the database; the second joins it (as a replica added to a running farm).
        _nodes.Add(await WebNode.StartAsync("noeud-a", Settings("noeud-a")));
        _nodes.Add(await WebNode.StartAsync("noeud-b", Settings("noeud-b")));
    }

    private Dictionary<string, string> Settings(string node)
    {
        var settings = new Dictionary<string, string>
        {
            // On PostgreSQL each node has a disk of its own, as on separate machines: nothing may depend on one node's
            // files. On SQLite the nodes share the folder that holds the database file (a farm on one machine).
            ["Storage__DataDirectory"] = _provider == DatabaseProvider.PostgreSql ? Path.Combine(_data, node) : _data,
            ["Node__Name"] = node,
            ["Jobs__LeaseDuration"] = Lease.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["OpenData__CheckInterval"] = "00:00:01",
            ["DemoData__SeedWhenEmpty"] = "false",
        };
        if (_provider == DatabaseProvider.PostgreSql)
        {
            settings["Database__Provider"] = nameof(DatabaseProvider.PostgreSql);
            settings["ConnectionStrings__Annuaire"] = _connectionString;
        }
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await TestPostgres.ReleaseAsync(_data);
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task Two_nodes_share_sign_ins_changes_logos_and_jobs_and_one_takes_over_when_the_other_dies()
    {
        var (a, b) = (_nodes[0], _nodes[1]);
        // A first company, found on both nodes however long their first indexing and first search take (code compiled
        // on first use, the index opened: seconds on a busy machine), so that what is timed next is the replicas' lag.
        var first = await AddCompanyAsync(TestCompanies.Build($"Ferme Pionnière {TestCompanies.Unique()}"));
        foreach (var node in _nodes)
        {
            Assert.True(await node.FindsAsync(first, TimeSpan.FromSeconds(60)) is not null, $"{first.DisplayName} never found on {node.Name}. Its output: {node.Output}");
        }

        // A change written once is found on both nodes within 2 s: each follows the shared task log with its own replica.
        var (company, email) = await OwnerAndCompanyAsync();
        var written = Stopwatch.StartNew();
        foreach (var node in _nodes)
        {
            var found = await node.FindsAsync(company, TimeSpan.FromSeconds(2) - written.Elapsed);
            Assert.True(found is not null, $"{company.DisplayName} not found on {node.Name} within 2 s of its save. Its output: {node.Output}");
        }
        TestContext.Current.SendDiagnosticMessage($"Farm: a save found on both nodes after {written.Elapsed.TotalMilliseconds:0} ms");

        // Signed in through node B with the antiforgery token node A gave: one key ring for the farm.
        var cookies = new CookieContainer();
        using var onA = a.Client(cookies);
        using var onB = b.Client(cookies);
        var form = await AccountForms.FormAsync(onA, "/compte/connexion", "/compte/connexion");
        var signIn = await onB.PostAsync("/compte/connexion", Fields(form, ("Input.Email", email), ("Input.Password", Password)), Cancel);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        // Its sign-in cookie is accepted by node A.
        var space = await onA.GetAsync("/mon-espace", Cancel);
        Assert.Equal(HttpStatusCode.OK, space.StatusCode);

        // A logo uploaded on A is served by B, with the same validator.
        var upload = await LogoTests.UploadAsync(onA, company.Id, LogoTests.Image(300, 200, SKEncodedImageFormat.Png), "logo.png", "image/png");
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var file = await WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company.Id).Select(c => c.LogoFile).SingleAsync(Cancel));
        Assert.NotNull(file);
        var fromA = await a.Client().GetAsync($"/logos/{file}", Cancel);
        var fromB = await b.Client().GetAsync($"/logos/{file}", Cancel);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (fromA.StatusCode, fromB.StatusCode));
        Assert.Equal("image/webp", fromB.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await fromA.Content.ReadAsByteArrayAsync(Cancel), await fromB.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(fromA.Headers.ETag, fromB.Headers.ETag);

        // Each scheduled job ran once for the farm: one lease holder per job, one monthly snapshot, one open-data extract
        // (the same file, with the same validator, from both nodes).
        var leases = await WithDatabaseAsync(db => db.JobLeases.AsNoTracking().ToListAsync(Cancel));
        Assert.Contains(leases, l => l.Name == "OpenDataService");
        Assert.All(leases, l => Assert.Contains(l.Holder, _nodes.Select(n => n.Name)));
        Assert.Equal(1, await WithDatabaseAsync(db => db.StatisticsSnapshots.CountAsync(s => s.Kind == Core.Statistics.SnapshotKind.Monthly, Cancel)));
        var extractA = await a.Client().GetAsync("/donnees/entreprises.csv", Cancel);
        var extractB = await b.Client().GetAsync("/donnees/entreprises.csv", Cancel);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (extractA.StatusCode, extractB.StatusCode));
        Assert.Equal(extractA.Headers.ETag, extractB.Headers.ETag);

        // The holder of the open-data job is killed: the other node still serves, and takes the job over once the
        // lease has expired.
        var holder = _nodes.Single(n => n.Name == leases.Single(l => l.Name == "OpenDataService").Holder);
        var survivor = _nodes.Single(n => n != holder);
        holder.Kill();
        Assert.Equal(HttpStatusCode.OK, (await survivor.Client().GetAsync("/health/ready", Cancel)).StatusCode);
        Assert.True(await survivor.FindsAsync(company, TimeSpan.FromSeconds(2)) is not null, $"{company.DisplayName} not found on {survivor.Name} after the other node died.");
        var waited = Stopwatch.StartNew();
        string? now = holder.Name;
        while (now != survivor.Name && waited.Elapsed < Lease * 10)
        {
            await Task.Delay(250, Cancel);
            now = await WithDatabaseAsync(db => db.JobLeases.AsNoTracking().Where(l => l.Name == "OpenDataService").Select(l => l.Holder).SingleAsync(Cancel));
        }
        Assert.Equal(survivor.Name, now);
    }

    /// <summary>A confirmed account that owns a new published company, written as the site would (Identity, the model).</summary>
    private async Task<(Company Company, string Email)> OwnerAndCompanyAsync()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddScoped(_ => AppDatabase.Create(_provider, _connectionString, TimeProvider.System));
        services.AddIdentityCore<DirectoryUser>().AddRoles<IdentityRole<Guid>>().AddEntityFrameworkStores<AppDbContext>();
        await using var provider = services.BuildServiceProvider();
        var email = $"ferme-{TestCompanies.Unique()}@exemple.nc";
        var user = await AccountForms.ConfirmedUserAsync(provider, email, Password);
        var company = TestCompanies.Build($"Ferme Numérique {TestCompanies.Unique()}");
        await AddCompanyAsync(company, new CompanyMember { CompanyId = company.Id, UserId = user.Id, Role = MemberRole.Owner, Since = DateTime.UtcNow });
        return (company, email);
    }

    private Task<Company> AddCompanyAsync(Company company, params CompanyMember[] members) =>
        WithDatabaseAsync(async db =>
        {
            db.Companies.Add(company);
            db.CompanyMembers.AddRange(members);
            await db.SaveChangesAsync(Cancel);
            return company;
        });

    private async Task<T> WithDatabaseAsync<T>(Func<AppDbContext, Task<T>> read)
    {
        await using var db = AppDatabase.Create(_provider, _connectionString, TimeProvider.System);
        return await read(db);
    }

    private static FormUrlEncodedContent Fields(IHtmlFormElement form, params (string Name, string Value)[] fields) =>
        new(form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]")
            .Where(i => fields.All(f => f.Name != i.Name))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Concat(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    /// <summary>One node: the real site's executable on a free loopback port, killed (SIGKILL) at the end.</summary>
    private sealed class WebNode : IDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _output = new();

        private WebNode(string name, Uri address, Process process) => (Name, Address, _process) = (name, address, process);

        public string Name { get; }

        public Uri Address { get; }

        public static async Task<WebNode> StartAsync(string name, IReadOnlyDictionary<string, string> settings)
        {
            var port = FreePort();
            var address = new Uri($"http://127.0.0.1:{port}");
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AnnuaireFiliere.Web.dll"));
            start.ArgumentList.Add("--contentRoot");
            start.ArgumentList.Add(WebProjectFolder());
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ASPNETCORE_URLS"] = address.ToString();
            start.Environment["Site__PublicUrl"] = address.ToString().TrimEnd('/');
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            foreach (var (key, value) in settings)
            {
                start.Environment[key] = value;
            }
            var process = Process.Start(start)!;
            var node = new WebNode(name, address, process);
            process.OutputDataReceived += (_, e) => node.Add(e.Data);
            process.ErrorDataReceived += (_, e) => node.Add(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await node.ReadyAsync();
            return node;
        }

        public HttpClient Client(CookieContainer? cookies = null) =>
            new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer(), UseCookies = true })
            {
                BaseAddress = Address,
                Timeout = TimeSpan.FromSeconds(30),
            };

        /// <summary>How long search on this node took to find <paramref name="company"/>'s profile (null: not within <paramref name="limit"/>).</summary>
        public async Task<TimeSpan?> FindsAsync(Company company, TimeSpan limit)
        {
            using var client = Client();
            var waited = Stopwatch.StartNew();
            do
            {
                var page = await client.GetStringAsync("/recherche?q=" + Uri.EscapeDataString(company.DisplayName), Cancel);
                if (page.Contains($"/entreprises/{company.Slug}", StringComparison.Ordinal))
                {
                    return waited.Elapsed;
                }
                await Task.Delay(50, Cancel);
            }
            while (waited.Elapsed < limit);
            return null;
        }

        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(30));
            }
        }

        public void Dispose()
        {
            Kill();
            _process.Dispose();
        }

        private async Task ReadyAsync()
        {
            using var client = Client();
            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromSeconds(120))
            {
                Assert.False(_process.HasExited, $"{Name} stopped: {Output}");
                try
                {
                    if ((await client.GetAsync("/health/ready", Cancel)).StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                await Task.Delay(250, Cancel);
            }
            Assert.Fail($"{Name} was not ready within 2 minutes: {Output}");
        }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        private void Add(string? line)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }

        private static int FreePort()
        {
            var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private static string WebProjectFolder()
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "AnnuaireFiliere.sln")))
                {
                    return Path.Combine(folder.FullName, "src", "Web");
                }
            }
            throw new InvalidOperationException("The repository's root (AnnuaireFiliere.sln) is not above the tests' folder.");
        }
    }
}
