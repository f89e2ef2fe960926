using System.ComponentModel.DataAnnotations;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace AnnuaireFiliere.Core.Search.Elasticsearch;

/// <summary><c>Search:Elasticsearch</c>: where the cluster is and how to talk to it (used when <c>Search:Provider</c> is Elasticsearch).</summary>
public sealed class ElasticsearchOptions : IValidatableObject
{
    public const string Section = "Search:Elasticsearch";

    /// <summary>Node URLs, e.g. <c>https://es1:9200</c>; several nodes are used in turn and skipped while down.</summary>
    public IList<Uri> Nodes { get; init; } = [];

    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>An API key (base64 "id:key"), instead of a user name and password.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The SHA-256 fingerprint of the cluster's CA certificate, for a self-signed cluster (HTTPS).</summary>
    public string? CertificateFingerprint { get; set; }

    /// <summary>Put before every index and alias name, so that several sites can share one cluster.</summary>
    [RegularExpression("^[a-z0-9][a-z0-9_.-]{0,40}$", ErrorMessage = "Search:Elasticsearch:IndexPrefix must be lower case letters, digits, '-', '_' or '.'.")]
    public string IndexPrefix { get; set; } = "annuaire-";

    [Range(0, 5)]
    public int Replicas { get; set; } = 1;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Documents per bulk request during a full reindex.</summary>
    [Range(1, 10_000)]
    public int BulkSize { get; set; } = 1_000;

    /// <summary>Retries of one write on 429, 5xx and connection errors, with exponential backoff from <see cref="RetryDelay"/>.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 5;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The alias searches and writes go through; the concrete index behind it changes at each full reindex.</summary>
    public string Alias => IndexPrefix + "companies";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Nodes.Count == 0)
        {
            yield return new ValidationResult("Search:Elasticsearch:Nodes needs at least one URL (e.g. http://localhost:9200).", [nameof(Nodes)]);
        }
        if (Nodes.Any(n => !n.IsAbsoluteUri || (n.Scheme != Uri.UriSchemeHttp && n.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult("Search:Elasticsearch:Nodes must be absolute http(s) URLs.", [nameof(Nodes)]);
        }
        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Search:Elasticsearch:Username and Password go together.", [nameof(Username), nameof(Password)]);
        }
    }

    /// <summary>The client settings these options describe.</summary>
    public ElasticsearchClientSettings ClientSettings()
    {
        NodePool pool = Nodes.Count == 1 ? new SingleNodePool(Nodes[0]) : new StaticNodePool(Nodes);
        var settings = new ElasticsearchClientSettings(pool).RequestTimeout(RequestTimeout);
        if (!string.IsNullOrEmpty(ApiKey))
        {
            settings.Authentication(new ApiKey(ApiKey));
        }
        else if (!string.IsNullOrEmpty(Username))
        {
            settings.Authentication(new BasicAuthentication(Username, Password!));
        }
        if (!string.IsNullOrEmpty(CertificateFingerprint))
        {
            settings.CertificateFingerprint(CertificateFingerprint);
        }
        return settings;
    }
}
