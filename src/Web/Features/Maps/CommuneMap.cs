using System.Globalization;
using System.Text;
using System.Text.Json;
using AnnuaireFiliere.Core.Taxonomy;

namespace AnnuaireFiliere.Web.Features.Maps;

/// <summary>A commune on a map: its count (null when withheld, then no circle), the count as shown, where it leads.</summary>
public sealed record MapPoint(string Code, string Name, long? Count, string Shown, string? Url, bool Selected = false);

/// <summary>
/// What <c>_CommuneMap.cshtml</c> draws: circles sized by count (each a link when it has an address) with the same
/// figures as a table, or (<see cref="Marker"/>) one commune marked by a dot.
/// </summary>
public sealed record CommuneMapView(string Id, string Title, string Description, IReadOnlyList<MapPoint> Points, bool Marker = false, bool Table = true);

/// <summary>A circle placed on the map, with its label when there is room for one.</summary>
public sealed record PlacedCircle(MapPoint Point, double X, double Y, double Radius, MapLabel? Label);

public sealed record MapLabel(double X, double Y, bool RightAligned, string Text);

/// <summary>
/// New Caledonia drawn on the server as SVG, no tiles and no script (ADR 0025): the outline (Natural Earth 1:10m
/// admin 0, public domain, via world-atlas 2.0.2; <c>nc-outline.geojson</c>) projected once, equirectangular scaled
/// by the cosine of the middle latitude, and the communes' centres (<see cref="Commune.Latitude"/>) on it.
/// </summary>
public static class CommuneMap
{
    public const int Width = 1000;

    /// <summary>The largest circle's radius; a circle's area is proportional to its count.</summary>
    public const double MaxRadius = 70;

    /// <summary>The smallest circle's radius, so that one company is still a target (about 9 px wide at 360 px).</summary>
    public const double MinRadius = 13;

    public const double FontSize = 40;

    /// <summary>At most this many circles carry a visible label (the others have theirs in the tooltip and the table).</summary>
    public const int MaxLabels = 8;

    private const double Margin = 20;
    private static readonly double West, North, Scale, Cosine;

    public static int Height { get; }

    /// <summary>The outline as one SVG path, in the map's coordinates (points closer than a pixel or so dropped).</summary>
    public static string OutlinePath { get; }

    public static string ViewBox => FormattableString.Invariant($"0 0 {Width} {Height}");

    static CommuneMap()
    {
        using var stream = typeof(CommuneMap).Assembly.GetManifestResourceStream("AnnuaireFiliere.Web.Features.Maps.nc-outline.geojson")
            ?? throw new InvalidOperationException("The map outline (nc-outline.geojson) is not embedded.");
        using var json = JsonDocument.Parse(stream);
        var polygons = json.RootElement.GetProperty("features").EnumerateArray()
            .SelectMany(f => f.GetProperty("geometry").GetProperty("coordinates").EnumerateArray())
            .Select(polygon => polygon.EnumerateArray()
                .Select(ring => ring.EnumerateArray().Select(p => (Lon: p[0].GetDouble(), Lat: p[1].GetDouble())).ToList()).ToList())
            .ToList();
        var points = polygons.SelectMany(p => p).SelectMany(r => r).ToList();
        West = points.Min(p => p.Lon);
        North = points.Max(p => p.Lat);
        var east = points.Max(p => p.Lon);
        var south = points.Min(p => p.Lat);
        Cosine = Math.Cos((North + south) / 2 * Math.PI / 180);
        Scale = (Width - (2 * Margin)) / ((east - West) * Cosine);
        Height = (int)Math.Ceiling(((North - south) * Scale) + (2 * Margin));
        OutlinePath = Path(polygons.SelectMany(p => p));
    }

    /// <summary>A place's position on the map (x to the east, y to the south).</summary>
    public static (double X, double Y) Project(double latitude, double longitude) =>
        (Margin + ((longitude - West) * Cosine * Scale), Margin + ((North - latitude) * Scale));

    /// <summary>A circle's radius: its area proportional to <paramref name="count"/>, never smaller than <see cref="MinRadius"/>.</summary>
    public static double Radius(long count, long largest) =>
        largest <= 0 || count <= 0 ? 0 : Math.Max(MinRadius, MaxRadius * Math.Sqrt((double)count / largest));

    /// <summary>
    /// The circles of the points that have a count, largest first (so that the small ones, drawn last, stay on top and
    /// can be clicked), each labelled when its label overlaps no other (at most <see cref="MaxLabels"/>).
    /// </summary>
    public static IReadOnlyList<PlacedCircle> Layout(IEnumerable<MapPoint> points, TaxonomyCatalog taxonomy)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(taxonomy);
        var shown = points.Where(p => p.Count > 0).Select(p => (Point: p, Commune: taxonomy.FindCommune(p.Code)))
            .Where(p => p.Commune is not null).OrderByDescending(p => p.Point.Count).ThenBy(p => p.Point.Code, StringComparer.Ordinal).ToList();
        var largest = shown.Count == 0 ? 0 : shown[0].Point.Count!.Value;
        var taken = new List<(double Left, double Top, double Right, double Bottom)>();
        var circles = new List<PlacedCircle>();
        foreach (var (point, commune) in shown)
        {
            var (x, y) = Project(commune!.Latitude, commune.Longitude);
            var radius = Radius(point.Count!.Value, largest);
            circles.Add(new PlacedCircle(point, x, y, radius, taken.Count < MaxLabels ? Place(point.Name + " " + point.Shown, x, y, radius, taken) : null));
        }
        return circles;
    }

    /// <summary>A label beside its circle (right, else left), unless it would overlap another label or leave the map.</summary>
    private static MapLabel? Place(string text, double x, double y, double radius, List<(double, double, double, double)> taken)
    {
        var width = text.Length * FontSize * 0.55;
        var top = y - (FontSize * 0.75);
        var bottom = y + (FontSize * 0.35);
        foreach (var right in new[] { true, false })
        {
            var left = right ? x + radius + 6 : x - radius - 6 - width;
            var box = (left, top, left + width, bottom);
            if (box.left < 0 || box.Item3 > Width || top < 0 || bottom > Height
                || taken.Any(t => box.left < t.Item3 && t.Item1 < box.Item3 && top < t.Item4 && t.Item2 < bottom))
            {
                continue;
            }
            taken.Add(box);
            return new MapLabel(right ? box.left : box.Item3, y + (FontSize * 0.3), !right, text);
        }
        return null;
    }

    private static string Path(IEnumerable<List<(double Lon, double Lat)>> rings)
    {
        var path = new StringBuilder();
        foreach (var ring in rings)
        {
            (int X, int Y)? last = null;
            var start = path.Length;
            var drawn = 0;
            foreach (var (lon, lat) in ring)
            {
                var (px, py) = Project(lat, lon);
                var point = ((int)Math.Round(px), (int)Math.Round(py));
                if (last is { } previous)
                {
                    var (dx, dy) = (point.Item1 - previous.X, point.Item2 - previous.Y);
                    if (Math.Abs(dx) + Math.Abs(dy) < 3)
                    {
                        continue;
                    }
                    path.Append(CultureInfo.InvariantCulture, $"l{dx}{(dy < 0 ? "" : " ")}{dy}");
                }
                else
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{point.Item1} {point.Item2}");
                }
                last = point;
                drawn++;
            }
            if (drawn < 3)
            {
                path.Length = start; // An islet smaller than the drawing's grain.
                continue;
            }
            path.Append('z');
        }
        return path.ToString();
    }
}
