namespace AnnuaireFiliere.Web.Features.MySpace;

/// <summary>One text input (or text area when <see cref="Rows"/> &gt; 0) of the profile form (<c>_ProfileField</c>).</summary>
public sealed record ProfileField(string Name, string Label, string? Value, string Type = "text", string? Hint = null,
    int Rows = 0, string? Autocomplete = null, bool Required = false, int? MaxLength = null)
{
    /// <summary>The element id of a form field name (<c>Input.Identity.LegalName</c> → <c>identity-legalname</c>).</summary>
    public static string IdFor(string name) =>
        name.Replace("Input.", string.Empty, StringComparison.Ordinal).Replace('.', '-').ToLowerInvariant();

    public string Id => IdFor(Name);

    /// <summary>The id of the field's error message (for <c>aria-describedby</c>), or <c>null</c> when it has none.</summary>
    public static string? ErrorId(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, string name) =>
        state?[name]?.Errors.Count > 0 ? IdFor(name) + "-erreur" : null;
}

/// <summary>A drop-down list of reference codes (<c>_CodeSelect</c>).</summary>
public sealed record CodeSelect(string Name, string Label, string? Value, IEnumerable<Core.Taxonomy.TaxonomyEntry> Entries, bool Required = false);
