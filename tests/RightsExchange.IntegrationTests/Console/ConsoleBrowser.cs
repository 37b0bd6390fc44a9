using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace RightsExchange.IntegrationTests.Console;

/// <summary>
/// Debian's Chromium (<c>RX_CHROMIUM</c>, default <c>/usr/bin/chromium</c>; <c>deploy/test.sh</c> installs it) driven
/// by Playwright, headless, one browser for the whole run and a fresh context (cookies, storage) per test.
/// </summary>
public static class ConsoleBrowser
{
    private static readonly Lazy<Task<IBrowser>> Browser = new(Launch);

    private static async Task<IBrowser> Launch()
    {
        // What a page shows comes through the broker and the feed: on a loaded CI machine that can take seconds.
        Assertions.SetDefaultExpectTimeout(30_000);
        var executable = Environment.GetEnvironmentVariable("RX_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(executable))
            throw new InvalidOperationException(
                $"No Chromium at {executable}: install Debian's chromium (deploy/test.sh does) or set RX_CHROMIUM."
            );
        var playwright = await Playwright.CreateAsync();
        // Without the background-networking flags Chromium keeps calling Google's hosts, which this closed network refuses.
        return await playwright.Chromium.LaunchAsync(
            new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            }
        );
    }

    /// <summary>A new page on the console of <paramref name="exchange"/>, signed in through the sign-in page as the role given.</summary>
    public static async Task<IPage> SignedIn(ExchangeFixture exchange, string role, string subject, string? participantId = null)
    {
        var page = await Open(exchange);
        await page.GetByTestId("role").SelectOptionAsync(role);
        await page.GetByTestId("subject").FillAsync(subject);
        if (participantId is not null)
            await page.GetByTestId("participant").FillAsync(participantId);
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("who")).ToContainTextAsync(subject);
        return page;
    }

    /// <summary>
    /// A new page on the console's sign-in page, of the exchange's web gateway or of the gateway at <paramref name="address"/>;
    /// the page's script errors fail the test that reads them.
    /// </summary>
    public static async Task<IPage> Open(ExchangeFixture exchange, Uri? address = null)
    {
        var context = await (await Browser.Value).NewContextAsync(
            new BrowserNewContextOptions
            {
                BaseURL = (address ?? exchange.WebAddress).ToString(),
                ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
                Locale = "en-GB",
            }
        );
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        PageErrors.AddOrUpdate(page, errors);
        await page.GotoAsync("/console/");
        return page;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<string>> PageErrors = new();

    /// <summary>The uncaught script errors of <paramref name="page"/> so far.</summary>
    public static IReadOnlyList<string> ScriptErrors(IPage page) => PageErrors.TryGetValue(page, out var errors) ? errors : [];

    /// <summary>Opens <paramref name="hash"/> (for example <c>#/market?instrument=X</c>) on the console.</summary>
    public static Task Go(IPage page, string hash) => page.GotoAsync($"/console/{hash}");

    /// <summary>Runs axe-core (WCAG 2.1 A and AA rules) on the page as it stands; the violations, each with its nodes.</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityViolations(IPage page)
    {
        var result = await page.RunAxe(
            new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            }
        );
        return [.. result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help}: {string.Join(" | ", v.Nodes.Select(n => n.Html))}")];
    }

    public static Task Close(IPage page) => page.Context.CloseAsync();
}
