using AnnuaireFiliere.Core.Data.Files;
using SkiaSharp;

namespace AnnuaireFiliere.Web.Features.Companies;

/// <summary>
/// The images of réalisations (docs/adr/0026): checked and redrawn by the logos' pipeline (<see cref="Logos"/>) within
/// 1200 × 800 as WebP, kept in the file store's <c>realisations</c> bucket under the company's id and a hash of the image, served with a
/// long cache at <c>/realisations/{file}</c>.
/// </summary>
public static class RealisationImages
{
    public const int MaxWidth = 1200;
    public const int MaxHeight = 800;

    /// <summary>The endpoint's name, for links (<c>Url.Endpoint(RealisationImages.Endpoint, new { file })</c>).</summary>
    public const string Endpoint = "RealisationImage";

    /// <summary>The store's bucket of these images: <c>data/realisations</c> on the file system, as before.</summary>
    public const string Bucket = "realisations";

    /// <summary>The uploaded image redrawn, with its size in pixels, or why it was refused.</summary>
    public static async Task<(byte[]? Webp, int Width, int Height, LogoProblem Problem)> RedrawUploadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        var (webp, problem) = await Logos.RedrawUploadAsync(file, MaxWidth, MaxHeight, cancellationToken);
        if (webp is null)
        {
            return (null, 0, 0, problem);
        }
        using var codec = SKCodec.Create(new MemoryStream(webp));
        return (webp, codec.Info.Width, codec.Info.Height, LogoProblem.None);
    }

    public static Task<string> SaveAsync(IFileStore files, Guid companyId, byte[] webp, CancellationToken cancellationToken) =>
        Logos.SaveInAsync(files, Bucket, companyId, webp, cancellationToken);

    public static Task DeleteAsync(IFileStore files, string? name, CancellationToken cancellationToken) =>
        Logos.DeleteInAsync(files, Bucket, name, cancellationToken);

    public static void MapRealisationImages(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapImageFolder("/realisations/{file}", Endpoint, Bucket);
}
