using AnnuaireFiliere.Core.Companies;

namespace AnnuaireFiliere.Core.Tests;

public sealed class RidetTests
{
    [Theory]
    [InlineData("1234567", "1234567")]
    [InlineData("1234567.001", "1234567.001")]
    [InlineData("1234567-001", "1234567.001")]
    [InlineData("1234567/002", "1234567.002")]
    [InlineData("1234567001", "1234567.001")]
    [InlineData("1 234 567.001", "1234567.001")]
    [InlineData("  1234567 001 ", "1234567.001")]
    [InlineData("1\u00A0234\u00A0567", "1234567")]
    [InlineData("132720", "0132720")]
    [InlineData("132720.001", "0132720.001")]
    [InlineData("42", "0000042")]
    public void Accepted_forms_are_read_and_displayed_with_a_dot(string input, string expected)
    {
        Assert.True(Ridet.TryParse(input, out var ridet));
        Assert.Equal(expected, ridet.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12345678")]          // 8 digits: neither a RID nor a RIDET
    [InlineData("123456789")]
    [InlineData("12345670011")]       // 11 digits
    [InlineData("1234567.01")]        // establishment must have 3 digits
    [InlineData("1234567.0001")]
    [InlineData("RID1234567")]
    [InlineData("1234567.00a")]
    [InlineData("0000000")]
    [InlineData("1234567.000")]
    [InlineData("1234567..001")]
    [InlineData("-1234567")]
    public void Malformed_numbers_are_refused(string input) =>
        Assert.False(Ridet.TryParse(input, out _));

    [Fact]
    public void Null_is_refused() => Assert.False(Ridet.TryParse(null, out _));

    [Fact]
    public void No_check_digit_is_invented_any_seven_digits_are_a_rid()
    {
        // 1234567 and 1234568 cannot both pass a check digit; both are valid here.
        Assert.True(Ridet.TryParse("1234567", out _));
        Assert.True(Ridet.TryParse("1234568", out _));
    }

    [Fact]
    public void Company_drops_the_establishment_number()
    {
        var ridet = Ridet.Parse("1234567.002");
        Assert.Equal("1234567", ridet.Rid);
        Assert.Equal("002", ridet.Establishment);
        Assert.Equal("1234567", ridet.Company.ToString());
    }

    [Fact]
    public void Parse_explains_in_french_what_is_wrong()
    {
        var error = Assert.Throws<FormatException>(() => Ridet.Parse("abc"));
        Assert.Contains("RIDET", error.Message, StringComparison.Ordinal);
    }
}
