using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AnnuaireFiliere.Core.Data.Files;
using SkiaSharp;

namespace AnnuaireFiliere.Web.Features.Companies;

/// <summary>Why an uploaded logo was refused (each has a French and English message <c>Logo.Error.{name}</c>).</summary>
public enum LogoProblem
{
    None,
    Empty,
    TooLarge,
    NotAnImage,
    Dimensions,
}

/// <summary>
/// Company logos: an upload is recognised by its content only (PNG, JPEG or WebP, whatever its name or type), its
/// declared size checked before any pixel is decoded, then redrawn within 400×400 as WebP without metadata (turned
/// the way its EXIF orientation says first: a phone photo stays upright) and kept
/// in <c>data/logos</c> under a name that changes with the content (served with a long cache at <c>/logos/{file}</c>).
/// The réalisations' images go through the same steps within their own size (<see cref="RealisationImages"/>).
/// </summary>
public static partial class Logos
{
    public const long MaxBytes = 1024 * 1024;
    public const int MaxDeclaredSide = 4000;
    public const int Side = 400;
    private const int Quality = 85;

    /// <summary>A stored logo's file name: the company and a hash of the image, nothing else.</summary>
    [GeneratedRegex("^[0-9a-f]{32}-[0-9a-f]{16}\\.webp$", RegexOptions.CultureInvariant)]
    public static partial Regex FileName();

    /// <summary>The logo redrawn as WebP, or why it was refused.</summary>
    public static (byte[]? Webp, LogoProblem Problem) Redraw(byte[] upload) => Redraw(upload, Side, Side);

    /// <summary>An uploaded file (a logo, a réalisation's image) redrawn within <paramref name="maxWidth"/> × <paramref name="maxHeight"/>, or why it was refused.</summary>
    public static async Task<(byte[]? Webp, LogoProblem Problem)> RedrawUploadAsync(IFormFile? file, int maxWidth, int maxHeight, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return (null, LogoProblem.Empty);
        }
        if (file.Length > MaxBytes)
        {
            return (null, LogoProblem.TooLarge);
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        return Redraw(buffer.ToArray(), maxWidth, maxHeight);
    }

    /// <summary>An image redrawn as WebP within <paramref name="maxWidth"/> × <paramref name="maxHeight"/> (never enlarged), or why it was refused.</summary>
    public static (byte[]? Webp, LogoProblem Problem) Redraw(byte[] upload, int maxWidth, int maxHeight)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (upload.Length == 0)
        {
            return (null, LogoProblem.Empty);
        }
        if (upload.Length > MaxBytes)
        {
            return (null, LogoProblem.TooLarge);
        }
        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Png or SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Webp))
        {
            return (null, LogoProblem.NotAnImage);
        }
        var declared = codec.Info;
        if (declared.Width <= 0 || declared.Height <= 0 || declared.Width > MaxDeclaredSide || declared.Height > MaxDeclaredSide)
        {
            return (null, LogoProblem.Dimensions);
        }
        var info = new SKImageInfo(declared.Width, declared.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        // Only a complete image: a truncated file decodes as "incomplete input" and is refused.
        if (codec.GetPixels(info, bitmap.GetPixels()) != SKCodecResult.Success)
        {
            return (null, LogoProblem.NotAnImage);
        }
        var scale = Math.Min(1.0, Math.Min((double)maxWidth / declared.Width, (double)maxHeight / declared.Height));
        var size = new SKImageInfo(Math.Max(1, (int)Math.Round(declared.Width * scale)), Math.Max(1, (int)Math.Round(declared.Height * scale)), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var resized = bitmap.Resize(size, new SKSamplingOptions(SKCubicResampler.Mitchell));
        if (resized is null)
        {
            return (null, LogoProblem.NotAnImage);
        }
        using var upright = Orient(resized, codec.EncodedOrigin);
        using var image = SKImage.FromBitmap(upright);
        using var encoded = image.Encode(SKEncodedImageFormat.Webp, Quality);
        return encoded is null ? (null, LogoProblem.NotAnImage) : (encoded.ToArray(), LogoProblem.None);
    }

    /// <summary>The image as it is meant to be seen (EXIF orientation 1 to 8); a copy, the caller disposes both.</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        var turned = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (width, height) = turned ? (source.Height, source.Width) : (source.Width, source.Height);
        var result = new SKBitmap(new SKImageInfo(width, height, source.ColorType, source.AlphaType));
        using var canvas = new SKCanvas(result);
        canvas.Clear(SKColors.Transparent);
        switch (origin)
        {
            case SKEncodedOrigin.TopRight: // mirrored
                canvas.Translate(width, 0);
                canvas.Scale(-1, 1);
                break;
            case SKEncodedOrigin.BottomRight: // upside down
                canvas.Translate(width, height);
                canvas.RotateDegrees(180);
                break;
            case SKEncodedOrigin.BottomLeft: // mirrored upside down
                canvas.Translate(0, height);
                canvas.Scale(1, -1);
                break;
            case SKEncodedOrigin.LeftTop: // transposed
                canvas.RotateDegrees(90);
                canvas.Scale(1, -1);
                break;
            case SKEncodedOrigin.RightTop: // a quarter turn clockwise
                canvas.Translate(width, 0);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.RightBottom: // transverse
                canvas.Translate(width, height);
                canvas.RotateDegrees(90);
                canvas.Scale(-1, 1);
                break;
            case SKEncodedOrigin.LeftBottom: // a quarter turn anticlockwise
                canvas.Translate(0, height);
                canvas.RotateDegrees(-90);
                break;
        }
        canvas.DrawBitmap(source, 0, 0);
        return result;
    }

    /// <summary>The store's bucket of the logos: <c>data/logos</c> on the file system, as before.</summary>
    public const string Bucket = "logos";

    /// <summary>Writes the redrawn logo and gives its file name.</summary>
    public static Task<string> SaveAsync(IFileStore files, Guid companyId, byte[] webp, CancellationToken cancellationToken) =>
        SaveInAsync(files, Bucket, companyId, webp, cancellationToken);

    /// <summary>Writes a redrawn image into <paramref name="bucket"/> under its owner's id and a hash of it, and gives its file name.</summary>
    public static async Task<string> SaveInAsync(IFileStore files, string bucket, Guid ownerId, byte[] webp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(webp);
        var name = $"{ownerId:N}-{Convert.ToHexStringLower(SHA256.HashData(webp))[..16]}.webp";
        await files.PutAsync($"{bucket}/{name}", webp, MediaType, cancellationToken);
        return name;
    }

    /// <summary>Deletes a former logo (only names of the strict pattern: never a path).</summary>
    public static Task DeleteAsync(IFileStore files, string? name, CancellationToken cancellationToken) =>
        DeleteInAsync(files, Bucket, name, cancellationToken);

    /// <summary>Deletes a former image of <paramref name="bucket"/> (only names of the strict pattern: never a path).</summary>
    public static async Task DeleteInAsync(IFileStore files, string bucket, string? name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (name is not null && FileName().IsMatch(name))
        {
            await files.DeleteAsync($"{bucket}/{name}", cancellationToken);
        }
    }

    private const string MediaType = "image/webp";

    /// <summary>The endpoint's name, for links (<c>Url.Endpoint(Logos.Endpoint, new { file })</c>).</summary>
    public const string Endpoint = "Logo";

    public static void MapLogos(this IEndpointRouteBuilder endpoints) => endpoints.MapImageFolder("/logos/{file}", Endpoint, Bucket);

    /// <summary>
    /// Serves the WebP files of a bucket at <paramref name="pattern"/> (<c>{file}</c>), with a long cache (a new image
    /// has a new name) and an <c>ETag</c> made of the content's hash, the same on every node (304 when it matches).
    /// </summary>
    public static void MapImageFolder(this IEndpointRouteBuilder endpoints, string pattern, string name, string bucket)
    {
        endpoints.MapGet(pattern, async (string file, IFileStore files, HttpContext context, CancellationToken cancellationToken) =>
        {
            if (!FileName().IsMatch(file) || await files.GetAsync($"{bucket}/{file}", cancellationToken) is not { } stored)
            {
                return Results.NotFound();
            }
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            // The result writes and then disposes the content.
            return Results.File(stored.Content, MediaType, lastModified: new DateTimeOffset(stored.Modified, TimeSpan.Zero),
                entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(stored.EntityTag));
        }).WithName(name).ExcludeFromDescription();
    }
}
