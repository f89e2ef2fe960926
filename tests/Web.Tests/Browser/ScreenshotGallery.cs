using System.Globalization;
using System.Net;
using System.Text;
using SkiaSharp;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>
/// The browser tests' screenshots, kept for people to look at: the previous run's are copied to <c>previous/</c>
/// when a run starts; when it ends each new screenshot is compared with its previous one pixel by pixel (the changed
/// pixels painted red in <c>diff/</c>) and <c>index.html</c> shows them all, grouped by page, widths side by side,
/// changed ones first. A change fails no test: the pages' data differ from run to run; people judge.
/// </summary>
internal static class ScreenshotGallery
{
    private const string Previous = "previous";
    private const string Diffs = "diff";

    /// <summary>A pixel counts as changed when one of its channels moved by more than this (anti-aliasing stays quiet).</summary>
    private const int Tolerance = 24;

    private static readonly Lock Gate = new();
    private static bool _rotated;
    private static readonly Dictionary<string, (DateTime Written, Comparison Result)> Compared = new(StringComparer.Ordinal);

    private static string Directory => BrowserSite.ScreenshotDirectory;

    /// <summary>Once per run: the last run's screenshots become the previous ones.</summary>
    public static void StartRun()
    {
        lock (Gate)
        {
            if (_rotated)
            {
                return;
            }
            _rotated = true;
            System.IO.Directory.CreateDirectory(Directory);
            var previous = Path.Combine(Directory, Previous);
            var last = System.IO.Directory.GetFiles(Directory, "*.png");
            if (last.Length > 0)
            {
                if (System.IO.Directory.Exists(previous))
                {
                    System.IO.Directory.Delete(previous, recursive: true);
                }
                System.IO.Directory.CreateDirectory(previous);
                foreach (var file in last)
                {
                    // Copied, not moved: a run of a few tests still shows every page in the gallery.
                    File.Copy(file, Path.Combine(previous, Path.GetFileName(file)));
                }
            }
            if (System.IO.Directory.Exists(Path.Combine(Directory, Diffs)))
            {
                System.IO.Directory.Delete(Path.Combine(Directory, Diffs), recursive: true);
            }
        }
    }

    /// <summary>How a screenshot compares with the previous run's.</summary>
    public sealed record Comparison(string Name, double? ChangedShare, bool SizeChanged)
    {
        public bool IsNew => ChangedShare is null;

        public bool Changed => SizeChanged || ChangedShare > 0.001;
    }

    /// <summary>Compares every screenshot of this run with the previous one and writes the gallery; returns the comparisons.</summary>
    public static IReadOnlyList<Comparison> Write()
    {
        lock (Gate)
        {
            if (!System.IO.Directory.Exists(Directory))
            {
                return [];
            }
            var comparisons = System.IO.Directory.GetFiles(Directory, "*.png").Order(StringComparer.Ordinal).Select(CompareCached).ToList();
            File.WriteAllText(Path.Combine(Directory, "index.html"), Html(comparisons), Encoding.UTF8);
            return comparisons;
        }
    }

    private static Comparison CompareCached(string file)
    {
        var written = File.GetLastWriteTimeUtc(file);
        if (Compared.TryGetValue(file, out var known) && known.Written == written)
        {
            return known.Result;
        }
        var result = Compare(file);
        Compared[file] = (written, result);
        return result;
    }

    private static Comparison Compare(string file)
    {
        var name = Path.GetFileName(file);
        var previousFile = Path.Combine(Directory, Previous, name);
        if (!File.Exists(previousFile))
        {
            return new Comparison(name, null, false);
        }
        using var current = Rgba(SKBitmap.Decode(file));
        using var previous = Rgba(SKBitmap.Decode(previousFile));
        if (current is null || previous is null)
        {
            return new Comparison(name, null, false);
        }
        var (width, height) = (Math.Max(current.Width, previous.Width), Math.Max(current.Height, previous.Height));
        var now = current.GetPixelSpan();
        var before = previous.GetPixelSpan();
        var pixels = new byte[(long)width * height * 4];
        long changed = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var inCurrent = x < current.Width && y < current.Height;
                var inPrevious = x < previous.Width && y < previous.Height;
                var at = inCurrent ? ((y * current.Width) + x) * 4 : -1;
                var different = !inCurrent || !inPrevious || Differs(now.Slice(at, 3), before.Slice(((y * previous.Width) + x) * 4, 3));
                var o = ((long)y * width + x) * 4;
                if (different)
                {
                    changed++;
                    (pixels[o], pixels[o + 1], pixels[o + 2]) = (255, 0, 0);
                }
                else
                {
                    // The page faded, what changed in red: the eye finds it at a glance.
                    (pixels[o], pixels[o + 1], pixels[o + 2]) = ((byte)(200 + (now[at] / 5)), (byte)(200 + (now[at + 1] / 5)), (byte)(200 + (now[at + 2] / 5)));
                }
                pixels[o + 3] = 255;
            }
        }
        var share = (double)changed / ((long)width * height);
        if (share > 0)
        {
            System.IO.Directory.CreateDirectory(Path.Combine(Directory, Diffs));
            using var diff = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
            System.Runtime.InteropServices.Marshal.Copy(pixels, 0, diff.GetPixels(), pixels.Length);
            using var stream = File.Create(Path.Combine(Directory, Diffs, name));
            diff.Encode(stream, SKEncodedImageFormat.Png, 90);
        }
        return new Comparison(name, share, current.Width != previous.Width || current.Height != previous.Height);
    }

    /// <summary>The bitmap as 8-bit RGBA (what the comparison reads), or null when it could not be read.</summary>
    private static SKBitmap? Rgba(SKBitmap? decoded)
    {
        if (decoded is null || decoded.ColorType == SKColorType.Rgba8888)
        {
            return decoded;
        }
        using (decoded)
        {
            return decoded.Copy(SKColorType.Rgba8888);
        }
    }

    private static bool Differs(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        Math.Abs(a[0] - b[0]) > Tolerance || Math.Abs(a[1] - b[1]) > Tolerance || Math.Abs(a[2] - b[2]) > Tolerance;
    /// <summary>A page's name without its width ("recherche@360.png" → "recherche").</summary>
    private static string PageOf(string file)
    {
        var stem = Path.GetFileNameWithoutExtension(file);
        return stem.Contains('@', StringComparison.Ordinal) ? stem[..stem.LastIndexOf('@')] : stem;
    }

    private static string Html(List<Comparison> comparisons)
    {
        var culture = CultureInfo.GetCultureInfo("fr-FR");
        var changed = comparisons.Count(c => c.Changed);
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>Captures d'écran des tests</title><style>")
            .Append("body{font:15px/1.4 system-ui,sans-serif;margin:1rem;color:#1b1b1b}section{border-top:1px solid #ccc;padding:.5rem 0}")
            .Append(".shots{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}figure{margin:0;max-width:280px}")
            .Append("img{max-width:280px;max-height:420px;object-fit:cover;object-position:top;border:1px solid #999}")
            .Append(".changed{color:#a00;font-weight:bold}.new{color:#05507a}</style></head><body>")
            .Append(CultureInfo.InvariantCulture, $"<h1>Captures d'écran des tests</h1><p>{comparisons.Count} captures, ")
            .Append(CultureInfo.InvariantCulture, $"{changed} changées depuis la série précédente, {comparisons.Count(c => c.IsNew)} nouvelles. ")
            .Append("Les pages qui ont changé viennent en premier ; « écart » montre en rouge les pixels qui diffèrent.</p>");
        foreach (var page in comparisons.GroupBy(c => PageOf(c.Name)).OrderByDescending(g => g.Any(c => c.Changed)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            html.Append(CultureInfo.InvariantCulture, $"<section><h2>{WebUtility.HtmlEncode(page.Key)}</h2><div class=\"shots\">");
            foreach (var shot in page.OrderBy(c => WidthOf(c.Name)))
            {
                var name = WebUtility.HtmlEncode(shot.Name);
                var state = shot.IsNew ? "<span class=\"new\">nouvelle</span>"
                    : shot.Changed ? $"<span class=\"changed\">{shot.ChangedShare!.Value.ToString("P1", culture)} changé</span> · <a href=\"{Diffs}/{name}\">écart</a> · <a href=\"{Previous}/{name}\">avant</a>"
                    : "identique";
                html.Append(CultureInfo.InvariantCulture, $"<figure><a href=\"{name}\"><img src=\"{name}\" alt=\"{name}\" loading=\"lazy\"></a><figcaption>{name} — {state}</figcaption></figure>");
            }
            html.Append("</div></section>");
        }
        return html.Append("</body></html>").ToString();
    }

    private static int WidthOf(string name) =>
        int.TryParse(Path.GetFileNameWithoutExtension(name).Split('@').Last(), CultureInfo.InvariantCulture, out var width) ? width : 0;
}
