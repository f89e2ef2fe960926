using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AnnuaireFiliere.Core.Companies;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace AnnuaireFiliere.Web.Tests;

/// <summary><c>/mon-espace/entreprises/{id}/logo</c>, <c>/logos/{file}</c> and the logo on the public profile (files on disk).</summary>
public sealed class LogoTests(SiteFixture site) : LogoCases(site), IClassFixture<SiteFixture>;

/// <summary>The same with the files in the database (<c>Storage:Files=Database</c>).</summary>
public sealed class LogoTestsWithFilesInDatabase(FilesInDatabaseSiteFixture site) : LogoCases(site), IClassFixture<FilesInDatabaseSiteFixture>;

/// <summary><c>/mon-espace/entreprises/{id}/logo</c>, <c>/logos/{file}</c> and the logo on the public profile.</summary>
public abstract class LogoCases(SiteFixture site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<Company> PublishedAsync() => TestCompanies.PublishedAsync(site.Factory);

    internal static byte[] Image(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, new SKPaint { Color = SKColors.Orange });
        }
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(format, 90).ToArray();
    }

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid id, byte[] content, string name, string type)
    {
        var url = $"/mon-espace/entreprises/{id}/logo";
        var form = await AccountForms.FormAsync(client, url, url);
        using var body = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            body.Add(new StringContent(hidden.Value), hidden.Name!);
        }
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        body.Add(file, "fichier", name);
        return await client.PostAsync(url, body, Cancel);
    }

    private static async Task<string> ErrorOfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await DirectoryWebFactory.ParseAsync(response)).QuerySelector("#logo-erreur")!.TextContent;
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "logo.png", "image/png")]
    [InlineData(SKEncodedImageFormat.Jpeg, "logo.jpg", "image/jpeg")]
    [InlineData(SKEncodedImageFormat.Webp, "logo.webp", "application/octet-stream")]
    public async Task A_png_jpeg_or_webp_logo_is_redrawn_within_400_pixels_served_and_shown_on_the_profile(SKEncodedImageFormat format, string name, string type)
    {
        var company = await PublishedAsync();
        var client = await AccountForms.MemberClientAsync(site.Factory, $"logo-{format}@exemple.nc", company.Id, MemberRole.Editor);

        var response = await UploadAsync(client, company.Id, Image(1200, 600, format), name, type);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
        var file = await site.WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company.Id).Select(c => c.LogoFile).SingleAsync(Cancel));
        Assert.NotNull(file);
        var served = await site.Factory.CreateClient().GetAsync($"/logos/{file}", Cancel);
        Assert.Equal("image/webp", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(served.Headers.CacheControl!.MaxAge > TimeSpan.FromDays(30));
        using var codec = SKCodec.Create(new MemoryStream(await served.Content.ReadAsByteArrayAsync(Cancel)));
        Assert.Equal(SKEncodedImageFormat.Webp, codec.EncodedFormat);
        Assert.Equal((400, 200), (codec.Info.Width, codec.Info.Height));
        var profile = await DirectoryWebFactory.ParseAsync(await site.Factory.CreateClient().GetAsync($"/entreprises/{company.Slug}", Cancel));
        Assert.Equal(company.DisplayName, profile.QuerySelector($"img[src='/logos/{file}']")!.GetAttribute("alt"));
        Assert.Contains(await site.WithDatabaseAsync(db => db.CompanyChanges.Where(c => c.CompanyId == company.Id && c.Kind == ChangeKind.Edited).Select(c => c.Fields).ToListAsync(Cancel)),
            fields => fields.Contains("logo", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(6, 100, 200, "top")] // a phone held upright: stored on its side, turned a quarter clockwise to show
    [InlineData(8, 100, 200, "bottom")]
    [InlineData(3, 200, 100, "right")]
    [InlineData(1, 200, 100, "left")]
    public async Task A_jpeg_is_turned_the_way_its_exif_orientation_says(int orientation, int width, int height, string redSide)
    {
        var company = await PublishedAsync();
        var client = await AccountForms.MemberClientAsync(site.Factory, $"logo-exif-{orientation}@exemple.nc", company.Id, MemberRole.Editor);
        // Stored 200 × 100: red on the left half, blue on the right.
        using var bitmap = new SKBitmap(200, 100);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            canvas.DrawRect(0, 0, 100, 100, new SKPaint { Color = SKColors.Red });
        }
        var jpeg = WithExifOrientation(SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Jpeg, 95).ToArray(), orientation);

        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, company.Id, jpeg, "photo.jpg", "image/jpeg")).StatusCode);

        var file = await site.WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company.Id).Select(c => c.LogoFile).SingleAsync(Cancel));
        using var shown = SKBitmap.Decode(await site.Factory.CreateClient().GetByteArrayAsync($"/logos/{file}", Cancel));
        Assert.Equal((width, height), (shown.Width, shown.Height));
        var probe = redSide switch
        {
            "top" => shown.GetPixel(width / 2, height / 4),
            "bottom" => shown.GetPixel(width / 2, height * 3 / 4),
            "left" => shown.GetPixel(width / 4, height / 2),
            _ => shown.GetPixel(width * 3 / 4, height / 2),
        };
        Assert.True(probe.Red > 200 && probe.Blue < 60, $"expected red on the {redSide}, got {probe}");
    }

    /// <summary>A JPEG with an EXIF segment (APP1) holding only the orientation tag.</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, int orientation)
    {
        byte[] tiff = [(byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte)orientation, 0, 0, 0, 0, 0, 0, 0];
        byte[] header = [(byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0];
        var length = 2 + header.Length + tiff.Length;
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. header, .. tiff];
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    [Fact]
    public async Task A_new_logo_replaces_the_former_file_and_removing_it_deletes_it()
    {
        var company = await PublishedAsync();
        var client = await AccountForms.MemberClientAsync(site.Factory, "logo-remplace@exemple.nc", company.Id);
        await UploadAsync(client, company.Id, Image(100, 100, SKEncodedImageFormat.Png), "a.png", "image/png");
        var first = await site.WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company.Id).Select(c => c.LogoFile).SingleAsync(Cancel));

        await UploadAsync(client, company.Id, Image(120, 80, SKEncodedImageFormat.Png), "b.png", "image/png");

        Assert.Equal(HttpStatusCode.NotFound, (await site.Factory.CreateClient().GetAsync($"/logos/{first}", Cancel)).StatusCode);
        var second = await site.WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company.Id).Select(c => c.LogoFile).SingleAsync(Cancel));
        var url = $"/mon-espace/entreprises/{company.Id}/logo";
        Assert.Equal(HttpStatusCode.Redirect, (await AccountForms.SubmitAsync(client, url, url + "?handler=Supprimer")).StatusCode);
        Assert.Null(await site.WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company.Id).Select(c => c.LogoFile).SingleAsync(Cancel)));
        Assert.Equal(HttpStatusCode.NotFound, (await site.Factory.CreateClient().GetAsync($"/logos/{second}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Svg_gif_oversized_truncated_and_huge_images_are_refused_with_a_french_message()
    {
        var company = await PublishedAsync();
        var client = await AccountForms.MemberClientAsync(site.Factory, "logo-refus@exemple.nc", company.Id);
        var png = Image(300, 300, SKEncodedImageFormat.Png);
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray();
        var gif = "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;"u8.ToArray();
        var large = new byte[1024 * 1024 + 10];
        png.CopyTo(large, 0);

        Assert.Contains("n'est pas une image", await ErrorOfAsync(await UploadAsync(client, company.Id, svg, "logo.png", "image/png")), StringComparison.Ordinal);
        Assert.Contains("n'est pas une image", await ErrorOfAsync(await UploadAsync(client, company.Id, gif, "logo.gif", "image/gif")), StringComparison.Ordinal);
        Assert.Contains("n'est pas une image", await ErrorOfAsync(await UploadAsync(client, company.Id, png[..(png.Length / 2)], "logo.png", "image/png")), StringComparison.Ordinal);
        Assert.Contains("1 Mo", await ErrorOfAsync(await UploadAsync(client, company.Id, large, "logo.png", "image/png")), StringComparison.Ordinal);
        Assert.Contains("4000 × 4000", await ErrorOfAsync(await UploadAsync(client, company.Id, Image(6000, 2, SKEncodedImageFormat.Png), "logo.png", "image/png")), StringComparison.Ordinal);
        Assert.Null(await site.WithDatabaseAsync(db => db.Companies.Where(c => c.Id == company.Id).Select(c => c.LogoFile).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task Only_plain_logo_names_are_served_and_only_members_reach_the_page()
    {
        foreach (var path in new[] { "/logos/..%2Fannuaire.db", "/logos/annuaire.db", "/logos/%2E%2E%2F%2E%2E%2Fappsettings.json", "/logos/0123.webp" })
        {
            Assert.Equal((path, HttpStatusCode.NotFound), (path, (await site.Factory.CreateClient().GetAsync(path, Cancel)).StatusCode));
        }
        var company = await PublishedAsync();
        var other = await PublishedAsync();
        var client = await AccountForms.MemberClientAsync(site.Factory, "logo-autre@exemple.nc", other.Id);
        var refused = await client.GetAsync($"/mon-espace/entreprises/{company.Id}/logo", Cancel);
        DirectoryWebFactory.AssertRefused(refused);
    }
}
