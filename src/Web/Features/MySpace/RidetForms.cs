using AnnuaireFiliere.Core.Companies;

namespace AnnuaireFiliere.Web.Features.MySpace;

/// <summary>What the profile forms say of a RIDET another company holds (docs/adr/0020).</summary>
public static class RidetForms
{
    /// <summary>
    /// The field's message: "déjà utilisé" when the holder is public (the form then offers to claim it), else only
    /// "déjà enregistré : contactez-nous", which says nothing of a company a visitor cannot see.
    /// </summary>
    public static string Taken(RidetHolder holder, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(holder);
        ArgumentNullException.ThrowIfNull(text);
        return text(holder.IsPublished ? "Ridet.TakenShort" : "Ridet.Registered");
    }
}
