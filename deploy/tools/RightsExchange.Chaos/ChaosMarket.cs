namespace RightsExchange.Chaos;

/// <summary>
/// The run's market: one allowance on the always-open demo profile (reference price 100.00 CNY, limits ±10%), and
/// <see cref="Traders"/> participants, each issued <see cref="Units"/> tCO2e (proposed by one regulator, approved by
/// another) and credited <see cref="Cash"/> CNY, so every trader can both buy and sell.
/// </summary>
public sealed class ChaosMarket(Gateways api, int traders, string run)
{
    public const decimal Units = 100_000m;
    public const decimal Cash = 50_000_000m;

    private readonly Dictionary<string, string> _tokens = new();

    public string InstrumentId { get; } = $"CHAOS-{run}".ToUpperInvariant();
    public IReadOnlyList<string> Traders { get; } = Enumerable.Range(0, traders).Select(i => $"chaos-{run}-{i}").ToList();
    public string Regulator { get; private set; } = "";

    /// <summary>The token of <paramref name="trader"/>.</summary>
    public string TokenOf(string trader) => _tokens[trader];

    public async Task Prepare()
    {
        Regulator = await api.Token("chaos-regulator", "regulator");
        var second = await api.Token("chaos-regulator-2", "regulator");
        await api.Expect(
            HttpMethod.Post,
            "/api/instruments",
            Regulator,
            new
            {
                instrumentId = InstrumentId,
                name = "Chaos run allowance",
                @class = "Allowance",
                unit = "tCO2e",
                quantityStep = 1m,
                vintage = 2024,
                region = "CN",
                tradingProfile = "national-cea-demo",
                referencePrice = 100m,
                sellableSameDay = true,
            }
        );
        foreach (var trader in Traders)
        {
            await api.Expect(
                HttpMethod.Post,
                "/api/participants",
                Regulator,
                new
                {
                    participantId = trader,
                    name = trader,
                    kind = "Enterprise",
                    region = "CN",
                }
            );
            var proposal = await api.Expect(
                HttpMethod.Post,
                "/api/issuances",
                Regulator,
                new
                {
                    issuanceId = Guid.NewGuid(),
                    instrumentId = InstrumentId,
                    participantId = trader,
                    quantity = Units,
                }
            );
            await api.Expect(
                HttpMethod.Post,
                $"/api/registry-actions/{proposal.GetProperty("actionId").GetGuid()}/approve",
                second,
                new { reason = "Chaos run set-up" }
            );
            await api.Expect(
                HttpMethod.Post,
                "/api/cash-deposits",
                Regulator,
                new
                {
                    depositId = Guid.NewGuid(),
                    participantId = trader,
                    amount = Cash,
                }
            );
            _tokens[trader] = await api.Token(trader, "trader", trader);
        }
    }
}
