using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace AnnuaireFiliere.Core.Companies;

/// <summary>
/// A RIDET number from New Caledonia's business register (kept by the ISEE): the company number (RID, 7 digits)
/// and an optional establishment number (3 digits, 001, 002 …). Displayed as <c>1234567.001</c>.
/// There is no known check digit, so none is verified.
/// </summary>
public readonly partial record struct Ridet
{
    private Ridet(string rid, string? establishment) => (Rid, Establishment) = (rid, establishment);

    /// <summary>The company number, 7 digits, zero-padded on the left.</summary>
    public string Rid { get; }

    /// <summary>The establishment number (3 digits), or null for the company as a whole.</summary>
    public string? Establishment { get; }

    public override string ToString() => Establishment is null ? Rid : $"{Rid}.{Establishment}";

    /// <summary>
    /// Reads <c>1234567</c>, <c>1234567.001</c>, <c>1234567-001</c>, <c>1234567001</c>, <c>1 234 567.001</c>.
    /// A short RID is left-padded only when the input is clearly a number (<c>132720</c> → <c>0132720</c>).
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? input, out Ridet ridet)
    {
        ridet = default;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40)
        {
            return false;
        }
        var compact = Spaces().Replace(input.Trim(), string.Empty);
        var match = Shape().Match(compact);
        if (!match.Success)
        {
            return false;
        }
        var rid = match.Groups["rid"].Value;
        // A short RID is padded only in the two unambiguous shapes: digits alone, or digits + separator + 3 digits.
        var establishment = match.Groups["etab"].Success ? match.Groups["etab"].Value : null;
        rid = rid.PadLeft(7, '0');
        if (rid == "0000000" || establishment == "000")
        {
            return false;
        }
        ridet = new Ridet(rid, establishment);
        return true;
    }

    public static Ridet Parse(string input) =>
        TryParse(input, out var ridet) ? ridet : throw new FormatException($"'{input}' n'est pas un numéro RIDET valide.");

    /// <summary>The same company without its establishment number.</summary>
    public Ridet Company => new(Rid, null);

    // Spaces of any kind (including no-break and narrow no-break spaces) only group digits; digits are ASCII only
    // ([0-9], not \d, which also takes Arabic-Indic or full-width digits that would print as another number).
    [GeneratedRegex(@"[\s\u00A0\u202F]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(?:(?<rid>[0-9]{1,7})(?<sep>[.\-/])(?<etab>[0-9]{3})|(?<rid>[0-9]{7})(?<etab>[0-9]{3})|(?<rid>[0-9]{1,7}))$")]
    private static partial Regex Shape();
}
