using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using AnnuaireFiliere.Core.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace AnnuaireFiliere.Web.Features.Accounts;

/// <summary>
/// <c>/compte/double-authentification</c>: turn on sign-in with an authenticator app (TOTP, Identity's authenticator
/// provider), see and renew the recovery codes, turn it off. Each change needs a current code from the app.
/// </summary>
[Authorize]
public sealed class TwoFactorModel(UserManager<DirectoryUser> users, SignInManager<DirectoryUser> signIn, IStringLocalizer<SharedResource> text) : PageModel
{
    public bool Enabled { get; private set; }

    /// <summary>The shared key, in groups of four, for typing into the app.</summary>
    public string Key { get; private set; } = string.Empty;

    /// <summary>The key as a QR code (SVG markup generated here, from the otpauth address).</summary>
    public string QrCodeSvg { get; private set; } = string.Empty;

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>New recovery codes, shown once.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    /// <summary>Each of the page's forms: a current code from the app.</summary>
    public sealed class CodeInput
    {
        public string? Code { get; set; }
    }

    [BindProperty]
    public CodeInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostActiverAsync()
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }
        if (!await ValidCodeAsync(user))
        {
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
        await signIn.RefreshSignInAsync(user);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCodesAsync()
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }
        if (Enabled && await ValidCodeAsync(user))
        {
            RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
            await LoadAsync();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostDesactiverAsync()
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }
        if (!Enabled || !await ValidCodeAsync(user))
        {
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        // A new key: the old one, perhaps still in a lost phone, no longer works if the feature is turned on again.
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage("/Accounts/TwoFactor", new { desactivee = 1 });
    }

    private async Task<bool> ValidCodeAsync(DirectoryUser user)
    {
        var digits = new string([.. (Input.Code ?? string.Empty).Where(char.IsAsciiDigit)]);
        if (digits.Length == 6 && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits))
        {
            return true;
        }
        ModelState.AddModelError($"{nameof(Input)}.{nameof(CodeInput.Code)}", text["Account.TwoFactorBadCode"]);
        return false;
    }

    private async Task<DirectoryUser?> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return null;
        }
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        Key = string.Join(' ', key!.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        if (!Enabled)
        {
            var issuer = UrlEncoder.Default.Encode(text["Site.Name"].Value);
            var account = UrlEncoder.Default.Encode(user.Email ?? user.UserName ?? string.Empty);
            var address = string.Create(CultureInfo.InvariantCulture, $"otpauth://totp/{issuer}:{account}?secret={key}&issuer={issuer}&digits=6");
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(address, QRCodeGenerator.ECCLevel.M);
            QrCodeSvg = new SvgQRCode(data).GetGraphic(4);
        }
        return user;
    }
}
