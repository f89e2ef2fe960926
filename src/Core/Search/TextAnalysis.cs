using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Fr;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace AnnuaireFiliere.Core.Search;

/// <summary>
/// The French analysis chain, the same at index and query time: tokens (Unicode word rules), elision
/// (l', d', qu'…), lower case, stop words, accent folding and light French stemming. <see cref="Folding"/> is the
/// chain without stop words and stemming, for prefixes, typos and spelling suggestions.
/// </summary>
public sealed class FrenchTextAnalyzer : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly CharArraySet Articles = new(Version,
        ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"], ignoreCase: true);

    /// <summary>
    /// The French stop words of both engines (<c>Search/french-stopwords.txt</c>): Snowball's list as Lucene 10 and
    /// Elasticsearch 9 ship it, not Lucene.NET 4.8's older one, which also removes "son", "est", "été"…
    /// </summary>
    public static IReadOnlyList<string> StopWords { get; } = LoadStopWords();

    private static readonly CharArraySet StopSet = new CharArraySet(Version, StopWords, ignoreCase: false).AsReadOnly();

    private static readonly StemmerOverrideFilter.StemmerOverrideMap Overrides = BuildOverrides();

    private readonly bool _stem;

    private FrenchTextAnalyzer(bool stem) => _stem = stem;

    /// <summary>Full chain, for scoring fields.</summary>
    public static FrenchTextAnalyzer Stemming { get; } = new(stem: true);

    /// <summary>Words as written, folded: no stop words removed, no stemming.</summary>
    public static FrenchTextAnalyzer Folding { get; } = new(stem: false);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new ElisionFilter(source, Articles);
        stream = new LowerCaseFilter(Version, stream);
        if (_stem)
        {
            stream = new StopFilter(Version, stream, StopSet);
        }
        stream = new ASCIIFoldingFilter(stream);
        if (_stem)
        {
            // Verbs meet their nouns (réparer → réparation): the family's word, which light stemming then leaves alone.
            stream = new StemmerOverrideFilter(stream, Overrides);
            stream = new FrenchLightStemFilter(stream);
        }
        return new TokenStreamComponents(source, stream);
    }

    /// <summary>The terms this analyzer makes of a text, in order.</summary>
    public IReadOnlyList<string> Terms(string text) => [.. Positioned(text).Select(t => t.Term)];

    /// <summary>The terms with their positions: a removed stop word leaves a gap, as it does in the index.</summary>
    public IReadOnlyList<(string Term, int Position)> Positioned(string text)
    {
        var terms = new List<(string, int)>();
        using var stream = GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            terms.Add((term.ToString(), position));
        }
        stream.End();
        return terms;
    }

    /// <summary>The terms with where they stand in the text (character offsets), for highlighting.</summary>
    public IEnumerable<(string Term, int Start, int End)> WithOffsets(string text)
    {
        using var stream = GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            yield return (term.ToString(), offset.StartOffset, offset.EndOffset);
        }
        stream.End();
    }

    private static StemmerOverrideFilter.StemmerOverrideMap BuildOverrides()
    {
        var builder = new StemmerOverrideFilter.Builder(ignoreCase: false);
        foreach (var (form, family) in WordForms.Overrides)
        {
            builder.Add(form, family);
        }
        return builder.Build();
    }

    /// <summary>Lower case and accents folded, whole text kept (for exact names and sorting).</summary>
    public static string Fold(string text) => string.Join(' ', Folding.Terms(text));

    private static List<string> LoadStopWords()
    {
        using var stream = typeof(FrenchTextAnalyzer).Assembly.GetManifestResourceStream("AnnuaireFiliere.Core.Search.french-stopwords.txt")
            ?? throw new InvalidDataException("Search/french-stopwords.txt is not embedded.");
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#'))];
    }
}
