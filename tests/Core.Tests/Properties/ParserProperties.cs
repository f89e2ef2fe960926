using AnnuaireFiliere.Core.Companies;
using CsCheck;

namespace AnnuaireFiliere.Core.Tests.Properties;

/// <summary>
/// The parsers of outside input (forms, imports, the API) over generated text: any input is read or refused, never
/// an exception; what is read prints in its canonical form and reads back as the same value.
/// </summary>
public sealed class ParserProperties
{
    /// <summary>Digits, separators, spaces of several kinds, signs, letters, non-ASCII digits and control characters.</summary>
    private static readonly Gen<string> Noise = Gen.String[Gen.OneOf(
        Gen.Char["0123456789"], Gen.Char["0123456789"], Gen.Char[" .-/+()\u00A0\u202F\t"],
        Gen.Char["abcxyzé"], Gen.Char["٠١٢٣٤٥٦٧٨٩０１２３"], Gen.Char['\0', '\u001F'], Gen.Char), 0, 24];

    [Fact]
    public void Any_text_is_a_ridet_or_refused_and_a_ridet_reads_back_from_its_canonical_form() =>
        Noise.Sample(text =>
        {
            if (Ridet.TryParse(text, out var ridet))
            {
                var canonical = ridet.ToString();
                Assert.Matches("^[0-9]{7}(\\.[0-9]{3})?$", canonical);
                Assert.True(Ridet.TryParse(canonical, out var again));
                Assert.Equal(ridet, again);
            }
        }, iter: 20_000);

    [Fact]
    public void A_ridet_written_any_usual_way_reads_as_itself() =>
        Gen.Select(Gen.Int[1, 9_999_999], Gen.Int[0, 999], Gen.Char[".-/ "], Gen.Bool).Sample((rid, establishment, separator, withEstablishment) =>
        {
            var digits = rid.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
            var expected = withEstablishment && establishment > 0
                ? $"{digits}.{establishment:D3}"
                : digits;
            var written = withEstablishment && establishment > 0
                ? (separator == ' ' ? $"{digits[..1]} {digits[1..4]} {digits[4..]}.{establishment:D3}" : $"{digits}{separator}{establishment:D3}")
                : digits;
            Assert.True(Ridet.TryParse(written, out var ridet), written);
            Assert.Equal(expected, ridet.ToString());
        });

    [Fact]
    public void Any_text_is_a_phone_number_or_refused_and_a_number_reads_back_from_its_display() =>
        Noise.Sample(text =>
        {
            if (PhoneNumber.TryParse(text, out var phone))
            {
                Assert.Matches("^[0-9]{6}$", phone.Digits);
                Assert.True(PhoneNumber.TryParse(phone.ToString(), out var again));
                Assert.Equal(phone, again);
                Assert.Equal("tel:+687" + phone.Digits, phone.ToUri());
            }
        }, iter: 20_000);

    [Fact]
    public void A_phone_number_written_any_usual_way_reads_as_itself() =>
        Gen.Select(Gen.Int[0, 999_999], Gen.OneOf(Gen.Const(""), Gen.Const("+687 "), Gen.Const("00687"), Gen.Const("(+687) ")), Gen.Char[" .-"]).Sample((number, prefix, separator) =>
        {
            var digits = number.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            var written = $"{prefix}{digits[..2]}{separator}{digits[2..4]}{separator}{digits[4..]}";
            Assert.True(PhoneNumber.TryParse(written, out var phone), written);
            Assert.Equal(digits, phone.Digits);
        });
}
