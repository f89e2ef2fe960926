using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace AnnuaireFiliere.Web.Features.MySpace;

/// <summary>
/// How one text input (or text area when <see cref="Rows"/> &gt; 0) of the profile form shows: its label and options.
/// Its name and value come from the model expression of the partial: <c>&lt;partial name="_ProfileField" for="Identity.LegalName"
/// view-data="@(new ProfileField(…).In(ViewData))" /&gt;</c>.
/// </summary>
public sealed record ProfileField(string Label, string Type = "text", string? Hint = null, int Rows = 0, string? Autocomplete = null,
    bool Required = false, int? MaxLength = null)
{
    /// <summary>The view data of the field's partial: the section's, with this field's options.</summary>
    public ViewDataDictionary In(ViewDataDictionary section) => new(section) { [nameof(ProfileField)] = this };

    /// <summary>The options given to the partial with <see cref="In"/>.</summary>
    public static ProfileField Of(ViewDataDictionary viewData)
    {
        ArgumentNullException.ThrowIfNull(viewData);
        return (ProfileField)viewData[nameof(ProfileField)]!;
    }

    /// <summary>The element id of a form field name (<c>Input.Identity.LegalName</c> → <c>identity-legalname</c>).</summary>
    public static string IdFor(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Replace("Input.", string.Empty, StringComparison.Ordinal).Replace('.', '-').ToLowerInvariant();
    }

    /// <summary>The id of the field's error message (for <c>aria-describedby</c>), or <c>null</c> when it has none.</summary>
    public static string? ErrorId(ModelStateDictionary state, string name) =>
        state?[name]?.Errors.Count > 0 ? IdFor(name) + "-erreur" : null;
}

/// <summary>How a drop-down list of reference codes (<c>_CodeSelect</c>) shows; its name and value come from the partial's <c>for</c>.</summary>
public sealed record CodeSelect(string Label, IEnumerable<Core.Taxonomy.TaxonomyEntry> Entries, bool Required = false)
{
    public ViewDataDictionary In(ViewDataDictionary section) => new(section) { [nameof(CodeSelect)] = this };

    public static CodeSelect Of(ViewDataDictionary viewData)
    {
        ArgumentNullException.ThrowIfNull(viewData);
        return (CodeSelect)viewData[nameof(CodeSelect)]!;
    }
}
