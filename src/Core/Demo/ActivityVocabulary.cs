namespace AnnuaireFiliere.Core.Demo;

/// <summary>
/// How a company of some activities speaks of itself: the words of its name, the services it lists, its tools,
/// and sentences of the kind such companies write. A demo company is built from the vocabularies of its own
/// activities only, so that its profile never describes work it does not do.
/// </summary>
internal sealed record ActivityVocabulary
{
    /// <summary>The typology activities (codes of activities.csv) that speak this way.</summary>
    public required string[] Activities { get; init; }

    /// <summary>End of a formal legal name: "Société Calédonienne {LegalNoun}".</summary>
    public required string LegalNoun { get; init; }

    /// <summary>Words a trade name may take ("Web", "Print"): only words that say what these activities do.</summary>
    public required string[] NameTerms { get; init; }

    /// <summary>Nouns that open a name with a local complement: "Imprimerie" → "Imprimerie du Lagon".</summary>
    public string[] NameHeads { get; init; } = [];

    /// <summary>What the company is, with its article (the article gives the agreement): "une agence web".</summary>
    public required string[] Kinds { get; init; }

    /// <summary>Services as a professional lists them, lower case.</summary>
    public required string[] Services { get; init; }

    /// <summary>Skills, tools and brands.</summary>
    public required string[] Skills { get; init; }

    /// <summary>Sentences in the first person plural, as companies write them; no place names (the generator adds the commune).</summary>
    public required string[] Pitches { get; init; }

    /// <summary>What the years of experience are in: "en création de sites internet".</summary>
    public required string Experience { get; init; }

    /// <summary>Whom such companies serve ("les TPE et PME"); empty for the shared list.</summary>
    public string[] Clients { get; init; } = [];

    /// <summary>Closing sentences proper to these activities, beside the shared ones.</summary>
    public string[] Closings { get; init; } = [];

    /// <summary>Whether such companies work on quotation (a shop, a radio or a newspaper does not).</summary>
    public bool WorksOnQuotation { get; init; } = true;

    /// <summary>Quality labels and partnerships that fit these activities, beside the shared ones.</summary>
    public string[] Labels { get; init; } = [];

    /// <summary>What the company is in English, with its article: "a web agency".</summary>
    public required string KindEn { get; init; }

    public required string[] PitchesEn { get; init; }

    /// <summary>Share of such companies that sell online.</summary>
    public required double ShareSellingOnline { get; init; }

    /// <summary>Activities that a company of these activities plausibly has beside them (secondary activities).</summary>
    public required string[] Related { get; init; }
}
