using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AnnuaireFiliere.Web.Tests.Browser;

/// <summary>What a visitor does in a real browser: type, tick, go back, use only the keyboard, keep a shortlist.</summary>
/// <remarks>
/// Addresses are checked with <c>Expect(page).ToHaveURLAsync</c>, which polls, never with <c>WaitForURLAsync</c>: under load
/// the latter missed htmx's pushed addresses and load events that had already happened (navigation-event races).
/// </remarks>
[Collection(BrowserTestGroup.Name)]
public sealed partial class SearchBrowserTests(BrowserSite site)
{
    private static async Task<int> TotalAsync(IPage page) =>
        SiteFixture.Digits(await page.Locator("#titre-resultats").TextContentAsync() ?? "");

    [Fact]
    public async Task Typing_shows_suggestions_that_the_keyboard_can_browse_close_and_choose()
    {
        var page = await site.OpenAsync("/recherche");
        var box = page.Locator("#q");

        // Under load, keys may come slower than the debounce: wait for the answer to the whole word, not the first one.
        var answered = page.WaitForResponseAsync(r => r.Url.EndsWith("/recherche/suggestions?q=logi", StringComparison.Ordinal));
        await box.PressSequentiallyAsync("logi", new() { Delay = 60 });
        await answered;
        var options = page.Locator("#q-suggestions [role=option]");
        await Assertions.Expect(options.First).ToBeVisibleAsync();
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(page.Locator("[data-suggest-status]")).ToContainTextAsync("suggestion");

        await box.PressAsync("ArrowDown");
        var first = await options.First.GetAttributeAsync("id");
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-activedescendant", first!);
        await Assertions.Expect(options.First).ToHaveAttributeAsync("aria-selected", "true");

        await box.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#q-suggestions")).ToBeHiddenAsync();
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-expanded", "false");

        answered = page.WaitForResponseAsync(r => r.Url.EndsWith("/recherche/suggestions?q=logic", StringComparison.Ordinal));
        await box.PressSequentiallyAsync("c", new() { Delay = 60 });
        await answered;
        await Assertions.Expect(options.First).ToBeVisibleAsync();
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-expanded", "true");
        // The results update in place as one types: the list must stay open through that.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]q=logic"));
        await Assertions.Expect(options.First).ToBeVisibleAsync();
        var target = await options.First.GetAttributeAsync("data-url");
        await box.PressAsync("ArrowDown");
        await box.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(target!) + "$"));
    }

    [Fact]
    public async Task Ticking_a_filter_updates_results_counts_and_address_in_place_and_back_restores_the_previous_state()
    {
        var page = await site.OpenAsync("/recherche");
        await page.EvaluateAsync("() => window.sameDocument = true");
        var before = await TotalAsync(page);
        var province = page.Locator(".facets input[name=province]").First;
        var id = await province.GetAttributeAsync("id");
        var expected = SiteFixture.Digits(await page.Locator($"label[for='{id}'] .count").TextContentAsync() ?? "");

        await page.Locator($"label[for='{id}']").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(ProvinceInAddress());
        await Assertions.Expect(page.Locator("#titre-resultats")).Not.ToHaveTextAsync(new Regex($"^{before}\\b"));
        Assert.Equal(expected, await TotalAsync(page));
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was reloaded instead of updated in place");
        await Assertions.Expect(page.Locator($"#{id}")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator(".chips .chip").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#annonce-resultats")).ToContainTextAsync(expected.ToString(System.Globalization.CultureInfo.InvariantCulture)[..1]);

        await page.GoBackAsync();

        await Assertions.Expect(page).Not.ToHaveURLAsync(ProvinceInAddress());
        await Assertions.Expect(page.Locator($"#{id}")).Not.ToBeCheckedAsync();
        Assert.Equal(before, await TotalAsync(page));
    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task Ticking_a_filter_far_down_the_page_keeps_the_page_where_it_was_and_the_focus_on_the_box(int width, int height)
    {
        var page = await site.OpenAsync("/recherche", width: width, height: height);
        if (width < 800)
        {
            // On a phone the filters start folded: the visitor opens them first.
            await page.Locator("details[data-collapse-on-phone] > summary").First.ClickAsync();
        }
        var box = page.Locator(".facets input[name=taille]").Last;
        var id = await box.GetAttributeAsync("id");
        var label = page.Locator($"label[for='{id}']");
        await label.ScrollIntoViewIfNeededAsync();
        var before = await page.EvaluateAsync<double>("() => window.scrollY");
        Assert.True(before > 0, "the filter should be far enough down the page to need scrolling");

        await label.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]taille="));
        await Assertions.Expect(page.Locator($"#{id}")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator($"#{id}")).ToBeFocusedAsync();
        var after = await page.EvaluateAsync<double>("() => window.scrollY");
        Assert.True(Math.Abs(after - before) < 80, $"the page moved from {before} to {after} px");
        Assert.True(await page.Locator($"label[for='{id}']").IsVisibleAsync());
        var seeResults = page.Locator(".see-results");
        if (width < 800)
        {
            // Beside the filters on a phone: how many results, and a way to them.
            await Assertions.Expect(seeResults).ToBeInViewportAsync();
            Assert.Equal(await TotalAsync(page), SiteFixture.Digits(await seeResults.TextContentAsync() ?? ""));
            await seeResults.ClickAsync();
            await Assertions.Expect(page.Locator("#titre-resultats")).ToBeInViewportAsync();
        }
        else
        {
            await Assertions.Expect(seeResults).ToBeHiddenAsync();
        }
    }

    private static readonly int[] HeaderWidths = [1920, 1440, 1366, 1280, 1024];

    [Fact]
    public async Task The_header_fits_one_row_from_1024_px_and_folds_into_a_menu_on_a_phone()
    {
        var page = await site.OpenAsync("/", width: 1024, height: 800);
        foreach (var width in HeaderWidths)
        {
            await page.SetViewportSizeAsync(width, 800);
            // Every item of the header on one row: each one starts above the bottom of every other.
            var boxes = await page.EvaluateAsync<double[][]>(
                "() => [...document.querySelectorAll('.site-header .brand, .site-header .nav-list > li, .site-header .header-actions > *')].map(e => [e.getBoundingClientRect().top, e.getBoundingClientRect().bottom, e.getBoundingClientRect().width])");
            Assert.True(boxes.Max(b => b[0]) < boxes.Min(b => b[1]), $"the header wraps at {width} px (top–bottom, width): {string.Join(", ", boxes.Select(b => $"{b[0]:0}–{b[1]:0} {b[2]:0}"))}");
        }
        await Assertions.Expect(page.Locator(".menu-toggle")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".site-header .register-link")).ToBeVisibleAsync();

        await page.SetViewportSizeAsync(360, 740);
        var toggle = page.Locator(".menu-toggle");
        await Assertions.Expect(toggle).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".nav-list")).ToBeHiddenAsync();
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(page.Locator(".nav-list")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"));

        await page.Locator(".site-header .register-link").ClickAsync();
        // Registering needs an account: the sign-in page, which comes back to the wizard.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/compte/connexion\\?ReturnUrl=%2Fmon-espace%2Finscrire", RegexOptions.IgnoreCase));
    }

    [Fact]
    public async Task Typing_updates_the_results_without_a_reload()
    {
        var page = await site.OpenAsync("/recherche");
        await page.EvaluateAsync("() => window.sameDocument = true");

        await page.Locator("#q").PressSequentiallyAsync("web", new() { Delay = 40 });

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]q=web"));
        await Assertions.Expect(page.Locator(".snippet mark").First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
        Assert.Equal(1, await page.Locator("#q").CountAsync());
        Assert.Equal("q", await page.EvaluateAsync<string>("() => document.activeElement.id"));
    }

    [Fact]
    public async Task Without_javascript_the_plain_form_filters_and_gives_a_clean_address()
    {
        var page = await site.OpenAsync("/recherche", javaScript: false);
        var box = page.Locator(".facets input[name=province]").First;
        var code = await box.GetAttributeAsync("value");
        var id = await box.GetAttributeAsync("id");
        var expected = SiteFixture.Digits(await page.Locator($"label[for='{id}'] .count").TextContentAsync() ?? "");

        await box.CheckAsync();
        await page.Locator(".apply-filters").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/recherche\\?province={code}$"));
        await Assertions.Expect(page.Locator($"#{id}")).ToBeCheckedAsync();
        Assert.Equal(expected, await TotalAsync(page));
    }

    [Fact]
    public async Task A_keyboard_only_visitor_goes_from_search_to_a_filter_to_a_result_to_its_profile()
    {
        var page = await site.OpenAsync("/recherche");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Aller au contenu", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));

        await TabUntilAsync(page, "() => document.activeElement.matches('.facets input[name=secteur]')");
        var id = await page.EvaluateAsync<string>("() => document.activeElement.id");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]secteur="));
        await Assertions.Expect(page.Locator($"#{id}")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator($"#{id}")).ToBeFocusedAsync();

        await TabUntilAsync(page, "() => document.activeElement.matches('.card-title a')");
        var href = await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('href')");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(href) + "([?#]|$)"));
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_shortlist_survives_a_reload()
    {
        var page = await site.OpenAsync("/recherche");
        var button = page.Locator("button.shortlist-toggle").First;
        var slug = await button.GetAttributeAsync("value");

        await button.ClickAsync();

        await Assertions.Expect(button).ToHaveClassAsync(new Regex("is-in"));
        await Assertions.Expect(page.Locator("[data-shortlist-count]")).ToHaveTextAsync("(1)");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator($"button.shortlist-toggle[value='{slug}']")).ToHaveClassAsync(new Regex("is-in"));
        await page.GotoAsync("/ma-selection");
        await Assertions.Expect(page.Locator(".card-title a")).ToHaveAttributeAsync("href", $"/entreprises/{slug}");
    }

    private static async Task TabUntilAsync(IPage page, string condition)
    {
        for (var i = 0; i < 200; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>(condition))
            {
                return;
            }
        }
        Assert.Fail($"Tab never reached: {condition}");
    }

    [GeneratedRegex("[?&]province=")]
    private static partial Regex ProvinceInAddress();
}

[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserSite>
{
    public const string Name = "browser";
}
