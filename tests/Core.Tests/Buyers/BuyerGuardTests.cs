using AnnuaireFiliere.Core.Buyers;

namespace AnnuaireFiliere.Core.Tests.Buyers;

/// <summary>What a buyer's text and address must pass: no link of any shape, no blocked address or domain.</summary>
public sealed class BuyerGuardTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Theory]
    [InlineData("Voir https://promo.example/offre")]
    [InlineData("voir HTTP://PROMO.EXAMPLE")]
    [InlineData("rendez-vous sur www.promo-pas-chere.fr")]
    [InlineData("écrivez à bit.ly/3xYz pour en savoir plus")]
    [InlineData("notre site: promo.biz")]
    [InlineData("le site exemple.nc présente tout")]
    [InlineData("<a href=x>ici</a>")]
    [InlineData("[ici](quelquepart)")]
    [InlineData("ftp://serveur/fichier")]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html;base64,AAAA")]
    public void A_link_of_any_shape_is_found(string text) => Assert.True(BuyerGuard.HasLink(text));

    [Theory]
    [InlineData("Bonjour, nous cherchons un prestataire pour refaire notre site vitrine (environ 10 pages).")]
    [InlineData("Écrivez-moi à marie.dupont@mairie-exemple.nc, ou au 27.45.12.")]
    [InlineData("Budget 1.5 M XPF, délai 3 mois. M. Dupont.")]
    [InlineData("Application Android et iOS, API REST, version 2.0.")]
    [InlineData("")]
    public void Plain_text_and_an_email_address_are_not_links(string text) => Assert.False(BuyerGuard.HasLink(text));

    [Theory]
    [InlineData("Spam@Example.NC", "spam@example.nc")]
    [InlineData("@example.nc", "example.nc")]
    [InlineData("  sous.example.nc ", "sous.example.nc")]
    [InlineData("pas un domaine", null)]
    [InlineData("a@b@c.nc", null)]
    [InlineData("", null)]
    [InlineData("nc", null)]
    public void Patterns_are_stored_folded_or_refused(string typed, string? stored) =>
        Assert.Equal(stored, BuyerGuard.NormalizePattern(typed));

    [Fact]
    public async Task An_address_or_a_domain_and_its_sub_domains_are_blocked()
    {
        await using var db = _database.Context();
        var guard = new BuyerGuard(db, _database.Clock);
        Assert.True(await guard.BlockAsync("Spam@Courrier.example", "envois répétés", null, Cancel));
        Assert.True(await guard.BlockAsync("@pourriel.example", null, null, Cancel));
        Assert.False(await guard.BlockAsync("spam@courrier.example", null, null, Cancel)); // already blocked
        Assert.False(await guard.BlockAsync("n'importe quoi", null, null, Cancel));

        Assert.True(await guard.IsBlockedAsync(" SPAM@courrier.example", Cancel));
        Assert.False(await guard.IsBlockedAsync("autre@courrier.example", Cancel));
        Assert.True(await guard.IsBlockedAsync("qui@pourriel.example", Cancel));
        Assert.True(await guard.IsBlockedAsync("qui@envois.pourriel.example", Cancel));
        Assert.False(await guard.IsBlockedAsync("qui@pourriel.example.nc", Cancel));
        Assert.False(await guard.IsBlockedAsync("qui@nonpourriel.example", Cancel));
    }
}
