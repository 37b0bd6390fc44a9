using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace RightsExchange.IntegrationTests.Console;

/// <summary>
/// The console in a real Chromium against the whole exchange (four services on PostgreSQL and RabbitMQ): what a
/// regulator and a trader do through its pages, live updates from the feed, the audit chain's verdict, and an
/// accessibility check of every page.
/// </summary>
[Collection(ExchangeCollection.Name)]
public sealed class ConsoleTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task A_regulator_approves_an_issuance_another_proposed_and_the_proposer_cannot()
    {
        var market = await Market.Open(exchange);
        var instrument = await market.Instrument();
        var (holder, _) = await market.Participant("holder");
        var proposed = await market.Regulator.PostAsJsonAsync(
            "/api/issuances",
            new
            {
                instrumentId = instrument,
                participantId = holder,
                quantity = 500m,
                project = "console test",
            },
            ExchangeFixture.Json
        );
        Assert.Equal(HttpStatusCode.Accepted, proposed.StatusCode);
        var actionId = proposed.Headers.Location!.ToString().Split('/')[^1];

        var proposer = await ConsoleBrowser.SignedIn(exchange, "regulator", "test-regulator");
        await ConsoleBrowser.Go(proposer, "#/registry");
        await proposer.GetByLabel($"Reason {actionId}").FillAsync("Checked the notice");
        await proposer.GetByTestId($"approve-{actionId}").ClickAsync();
        await Expect(proposer.GetByTestId("actions").GetByTestId("problem")).ToContainTextAsync("SAME_REGULATOR");
        await ConsoleBrowser.Close(proposer);

        var approver = await ConsoleBrowser.SignedIn(exchange, "regulator", "console-regulator");
        await ConsoleBrowser.Go(approver, "#/registry");
        await approver.GetByLabel($"Reason {actionId}").FillAsync("Checked against the issuing body's notice");
        await approver.GetByTestId($"approve-{actionId}").ClickAsync();
        await Expect(approver.GetByTestId($"approve-{actionId}")).ToHaveCountAsync(0);
        await Eventually.True(async () => (await market.Holding(holder, instrument))?.Available == 500m, "the issued units held");
        Assert.Empty(ConsoleBrowser.ScriptErrors(approver));
        await ConsoleBrowser.Close(approver);
    }

    [Fact]
    public async Task A_trader_places_and_cancels_an_order_and_sees_the_reason_of_a_refusal()
    {
        var market = await Market.Open(exchange);
        var instrument = await market.Instrument();
        var (seller, _) = await market.Participant("seller");
        await market.Issue(instrument, seller, 100m);
        var page = await ConsoleBrowser.SignedIn(exchange, "trader", $"trader-{seller}", seller);

        await page.GetByTestId("order-instrument").SelectOptionAsync(instrument);
        await page.GetByTestId("order-side").SelectOptionAsync("Sell");
        await page.GetByTestId("order-quantity").FillAsync("10");
        await page.GetByTestId("order-price").FillAsync("98.00");
        await page.GetByTestId("place").ClickAsync();
        await Expect(page.GetByTestId("accepted")).ToBeVisibleAsync();
        var cancel = page.GetByTestId("orders").GetByRole(AriaRole.Button, new() { Name = "Cancel" });
        await Expect(cancel).ToHaveCountAsync(1);
        await cancel.ClickAsync();
        await Expect(page.GetByTestId("orders")).ToContainTextAsync("Cancelled");

        await page.GetByTestId("order-price").FillAsync("150.00");
        await page.GetByTestId("place").ClickAsync();
        await Expect(page.GetByTestId("answer").GetByTestId("problem")).ToContainTextAsync("PRICE_OUTSIDE_LIMITS");

        await page.GetByTestId("order-price").FillAsync("98.001");
        await page.GetByTestId("place").ClickAsync();
        await Expect(page.GetByTestId("answer").GetByTestId("problem")).ToContainTextAsync("PRICE_TICK");
        Assert.Empty(ConsoleBrowser.ScriptErrors(page));
        await ConsoleBrowser.Close(page);
    }

    [Fact]
    public async Task The_tape_shows_a_new_trade_without_a_reload()
    {
        var market = await Market.Open(exchange);
        var instrument = await market.Instrument();
        var (_, sellerApi, _, buyerApi) = await market.SellerAndBuyer(instrument, 10, 10_000);
        var page = await ConsoleBrowser.SignedIn(exchange, "regulator", "console-regulator");
        await ConsoleBrowser.Go(page, $"#/market?instrument={instrument}");
        await Expect(page.GetByTestId("phase")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("tape").Locator("tr")).ToHaveCountAsync(0);

        await Market.PlaceAccepted(sellerApi, instrument, "Sell", 7, 97.25m);
        await Expect(page.GetByTestId("depth")).ToContainTextAsync("CN¥97.25");
        await Market.PlaceAccepted(buyerApi, instrument, "Buy", 7, 97.25m);

        await Expect(page.GetByTestId("tape").Locator("tr")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("tape")).ToContainTextAsync("7 tCO2e");
        Assert.Empty(ConsoleBrowser.ScriptErrors(page));
        await ConsoleBrowser.Close(page);
    }

    [Fact]
    public async Task The_audit_page_shows_a_chain_broken_at_the_event_altered_in_sql_and_intact_once_restored()
    {
        var market = await Market.Open(exchange);
        var instrument = await market.Instrument();
        var (holder, _) = await market.Participant("holder");
        await market.Deposit(holder, 1_000m);
        var page = await ConsoleBrowser.SignedIn(exchange, "regulator", "console-regulator");
        await ConsoleBrowser.Go(page, "#/audit");
        await Expect(page.GetByTestId("chain-accounts")).ToHaveTextAsync("INTACT", new() { Timeout = 60_000 });

        var db = exchange.Accounts.Services.GetRequiredService<NpgsqlDataSource>();
        long sequence;
        string original;
        const string latestDeposit =
            "select seq_id, data::text from accounts.mt_events where type = 'cash_deposited' order by seq_id desc limit 1";
        await using (var read = db.CreateCommand(latestDeposit))
        await using (var row = await read.ExecuteReaderAsync())
        {
            Assert.True(await row.ReadAsync());
            (sequence, original) = (row.GetInt64(0), row.GetString(1));
        }
        await Sql(db, "update accounts.mt_events set data = jsonb_set(data, '{Amount,Amount}', '1000000') where seq_id = $1", sequence);
        try
        {
            await page.GetByTestId("verify").ClickAsync();
            await Expect(page.GetByTestId("chain-accounts")).ToHaveTextAsync($"BROKEN at event {sequence}", new() { Timeout = 60_000 });
        }
        finally
        {
            await Sql(db, "update accounts.mt_events set data = $2::jsonb where seq_id = $1", sequence, original);
        }
        await page.GetByTestId("verify").ClickAsync();
        await Expect(page.GetByTestId("chain-accounts")).ToHaveTextAsync("INTACT", new() { Timeout = 60_000 });
        Assert.Empty(ConsoleBrowser.ScriptErrors(page));
        await ConsoleBrowser.Close(page);
    }

    [Fact]
    public async Task Every_page_passes_the_accessibility_check_in_both_languages()
    {
        var market = await Market.Open(exchange);
        var instrument = await market.Instrument();
        var (trader, _) = await market.Participant("trader");
        var signIn = await ConsoleBrowser.Open(exchange);
        await Expect(signIn.GetByTestId("sign-in")).ToBeVisibleAsync();
        var violations = (await ConsoleBrowser.AccessibilityViolations(signIn)).Select(v => $"sign-in: {v}").ToList();
        await ConsoleBrowser.Close(signIn);

        var regulator = await ConsoleBrowser.SignedIn(exchange, "regulator", "console-regulator");
        foreach (
            var (hash, ready) in new[]
            {
                ($"#/market?instrument={instrument}", "phase"),
                ($"#/accounts?participant={trader}", "holdings"),
                ("#/audit", "chain-accounts"),
                ("#/registry", "corridors"),
            }
        )
        {
            await ConsoleBrowser.Go(regulator, hash);
            await Expect(regulator.GetByTestId(ready)).ToBeVisibleAsync();
            violations.AddRange((await ConsoleBrowser.AccessibilityViolations(regulator)).Select(v => $"{hash}: {v}"));
        }
        await regulator.GetByTestId("language").ClickAsync();
        await Expect(regulator.GetByRole(AriaRole.Navigation)).ToContainTextAsync("登记簿工作台");
        await Expect(regulator.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        violations.AddRange((await ConsoleBrowser.AccessibilityViolations(regulator)).Select(v => $"zh #/registry: {v}"));
        Assert.Empty(ConsoleBrowser.ScriptErrors(regulator));
        await ConsoleBrowser.Close(regulator);

        var own = await ConsoleBrowser.SignedIn(exchange, "trader", $"trader-{trader}", trader);
        await Expect(own.GetByTestId("own-holdings")).ToBeVisibleAsync();
        violations.AddRange((await ConsoleBrowser.AccessibilityViolations(own)).Select(v => $"#/trader: {v}"));
        await ConsoleBrowser.Close(own);

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public async Task Pages_are_served_with_a_policy_that_runs_only_the_gateways_own_scripts()
    {
        using var client = new HttpClient { BaseAddress = exchange.WebAddress };
        var page = await client.GetAsync("/console/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotMatch(new Regex("unsafe-(inline|eval)"), policy);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = exchange.WebAddress };
        var bare = await noRedirects.GetAsync("/console");
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
    }

    private static async Task Sql(NpgsqlDataSource db, string sql, params object[] values)
    {
        await using var command = db.CreateCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
