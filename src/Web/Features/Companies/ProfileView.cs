using System.Globalization;
using AnnuaireFiliere.Core.Companies;
using AnnuaireFiliere.Core.Taxonomy;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace AnnuaireFiliere.Web.Features.Companies;

/// <summary>
/// What the public profile shows of a company (the partial <c>_CompanyProfile</c>): on <c>/entreprises/{slug}</c>,
/// and in the registration wizard's preview, built there from the form, so that the preview is the page buyers will
/// see. A preview has no shortlist button, no report form and counts no contact click, and its headings start lower
/// (it sits under the wizard's own).
/// </summary>
public sealed record ProfileView(Company Company, TaxonomyCatalog Taxonomy, (string Text, string Language)? Description, bool IsPreview, bool InShortlist)
{
    public static ProfileView Public(Company company, TaxonomyCatalog taxonomy, bool inShortlist) =>
        new(company, taxonomy, DescriptionOf(company), IsPreview: false, inShortlist);

    public static ProfileView Preview(Company company, TaxonomyCatalog taxonomy) =>
        new(company, taxonomy, DescriptionOf(company), IsPreview: true, InShortlist: false);

    /// <summary>The published réalisations, in their order (none in a preview: a company being registered has none yet).</summary>
    public IReadOnlyList<Realisation> Realisations { get; init; } = [];

    /// <summary>The level of the company's name: 1 on its page, 3 in the wizard (under "Étape 6 sur 6").</summary>
    public int TopHeading => IsPreview ? 3 : 1;

    /// <summary>A heading <paramref name="depth"/> levels under the company's name (0: the name), styled by its class, not its level.</summary>
    public IHtmlContent Heading(int depth, string id, string text)
    {
        var heading = new TagBuilder("h" + (TopHeading + depth).ToString(CultureInfo.InvariantCulture));
        heading.Attributes["id"] = id;
        heading.AddCssClass(depth == 0 ? "profile-name" : "profile-heading");
        heading.InnerHtml.Append(text);
        return heading;
    }

    /// <summary>The description in the page's language, or the other one (marked with its language) when missing.</summary>
    private static (string Text, string Language)? DescriptionOf(Company company)
    {
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var (first, second) = english ? ((company.DescriptionEn, "en"), (company.DescriptionFr, "fr")) : ((company.DescriptionFr, "fr"), (company.DescriptionEn, "en"));
        return !string.IsNullOrWhiteSpace(first.Item1) ? (first.Item1, first.Item2)
            : !string.IsNullOrWhiteSpace(second.Item1) ? (second.Item1, second.Item2)
            : null;
    }
}
