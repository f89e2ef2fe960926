using AnnuaireFiliere.Core.Companies;

namespace AnnuaireFiliere.Core.Tests;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("271234")]
    [InlineData("27 12 34")]
    [InlineData("27.12.34")]
    [InlineData("27-12-34")]
    [InlineData("+687 27 12 34")]
    [InlineData("+687271234")]
    [InlineData("00687 27 12 34")]
    [InlineData("(+687) 27 12 34")]
    public void Caledonian_numbers_are_displayed_in_international_form(string input)
    {
        Assert.True(PhoneNumber.TryParse(input, out var phone));
        Assert.Equal("+687 27 12 34", phone.ToString());
        Assert.Equal("tel:+687271234", phone.ToUri());
        Assert.Equal("271234", phone.Digits);
    }

    [Theory]
    [InlineData("")]
    [InlineData("27123")]            // 5 digits
    [InlineData("2712345")]          // 7 digits
    [InlineData("01 23 45 67 89")]   // a metropolitan number
    [InlineData("+33 1 23 45 67 89")]
    [InlineData("+687 27 12 3")]
    [InlineData("27 12 34 poste 2")]
    [InlineData("27+1234")]
    [InlineData("687271234")]        // the country code needs + or 00
    public void Other_numbers_are_refused(string input) =>
        Assert.False(PhoneNumber.TryParse(input, out _));
}
