namespace AnnuaireFiliere.Web;

/// <summary>Marker of the site's shared UI texts (<c>Resources/SharedResource.resx</c>, French; <c>.en.resx</c>, English).</summary>
public sealed class SharedResource;
