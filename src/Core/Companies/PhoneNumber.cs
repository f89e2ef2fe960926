using System.Diagnostics.CodeAnalysis;

namespace AnnuaireFiliere.Core.Companies;

/// <summary>
/// A New Caledonian phone number: 6 digits, with an optional <c>+687</c> or <c>00687</c> prefix.
/// Stored as the 6 digits, displayed as <c>+687 27 12 34</c>.
/// </summary>
public readonly record struct PhoneNumber
{
    private PhoneNumber(string digits) => Digits = digits;

    /// <summary>The 6 national digits.</summary>
    public string Digits { get; }

    public override string ToString() => $"+687 {Digits[..2]} {Digits[2..4]} {Digits[4..]}";

    /// <summary>The value of a <c>tel:</c> link.</summary>
    public string ToUri() => $"tel:+687{Digits}";

    public static bool TryParse([NotNullWhen(true)] string? input, out PhoneNumber phone)
    {
        phone = default;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 30)
        {
            return false;
        }
        Span<char> buffer = stackalloc char[30];
        var length = 0;
        var text = input.Trim();
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                buffer[length++] = c;
            }
            else if (c == '+' && length == 0)
            {
                buffer[length++] = c;
            }
            else if (c is not (' ' or '.' or '-' or '(' or ')' or '\u00A0' or '\u202F'))
            {
                return false;
            }
        }
        var compact = buffer[..length];
        if (compact.StartsWith("+687"))
        {
            compact = compact[4..];
        }
        else if (compact.StartsWith("00687"))
        {
            compact = compact[5..];
        }
        if (compact.Length != 6 || compact.Contains('+'))
        {
            return false;
        }
        phone = new PhoneNumber(compact.ToString());
        return true;
    }

    public static PhoneNumber Parse(string input) =>
        TryParse(input, out var phone) ? phone : throw new FormatException($"'{input}' n'est pas un numéro calédonien valide.");
}
