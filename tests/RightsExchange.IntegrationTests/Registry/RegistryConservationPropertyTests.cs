using System.Net.Http.Json;
using CsCheck;
using RightsExchange.Contracts.Registry.V1;

namespace RightsExchange.IntegrationTests.Registry;

/// <summary>
/// Random sequences of registry transactions, invalid ones included, sent through the API to the real services, after
/// 100 t issued to each party: each
/// is accepted exactly when a simple model of the rules says it should be, and afterwards every balance matches the
/// model, none is negative, issued = held + retired for the instrument, and the serials of every unit are where the
/// balances say.
/// </summary>
[Collection(ExchangeCollection.Name)]
public sealed class RegistryConservationPropertyTests(ExchangeFixture exchange)
{
    private const int Parties = 3;

    private abstract record Op;

    private sealed record Issue(int To, decimal Quantity) : Op;

    private sealed record Transfer(int From, int To, decimal Quantity) : Op;

    private sealed record Retire(int Holder, decimal Quantity) : Op;

    private sealed record Pledge(int Pledgor, int Pledgee, decimal Quantity) : Op;

    private sealed record EndPledge(int Index, bool Enforce) : Op;

    private sealed record ToggleFreeze(int Participant) : Op;

    // Tenths of a tonne, sometimes zero or negative, and now and then off the 0.1 step.
    private static readonly Gen<decimal> Quantity = Gen.Select(Gen.Int[-1, 300], Gen.Int[0, 9], (x, k) => x / 10m + (k == 0 ? 0.05m : 0m));
    private static readonly Gen<int> Party = Gen.Int[0, Parties - 1];

    private static readonly Gen<Op> Operation = Gen.Frequency(
        (2, Gen.Select(Party, Quantity, (to, q) => (Op)new Issue(to, q))),
        (4, Gen.Select(Party, Party, Quantity, (f, t, q) => (Op)new Transfer(f, t, q))),
        (2, Gen.Select(Party, Quantity, (h, q) => (Op)new Retire(h, q))),
        (2, Gen.Select(Party, Party, Quantity, (p, e, q) => (Op)new Pledge(p, e, q))),
        (2, Gen.Select(Gen.Int[0, 5], Gen.Bool, (i, e) => (Op)new EndPledge(i, e))),
        (1, Party.Select(p => (Op)new ToggleFreeze(p)))
    );

    [Fact]
    public async Task Random_registry_transactions_keep_every_balance_as_modelled_and_conserve_units()
    {
        var market = await Market.Open(exchange);
        var parties = new List<(string Id, HttpClient Api)>();
        for (var i = 0; i < Parties; i++)
            parties.Add(await market.Participant($"p{i}"));
        var run = 0;

        await Gen.Int[1, 14]
            .SelectMany(n => Operation.List[n])
            .SampleAsync(
                async ops =>
                {
                    var sink = await market.Instrument($"PROP{++run}", step: 0.1m, @class: "ForestrySink");
                    var model = new Model();
                    try
                    {
                        foreach (var op in Enumerable.Range(0, Parties).Select(p => (Op)new Issue(p, 100m)).Concat(ops))
                        {
                            var (expected, response) = await Apply(op, model, sink, parties, market);
                            Assert.True(
                                expected == response.IsSuccessStatusCode,
                                $"{op}: the model says {(expected ? "accepted" : "refused")}, the API answered "
                                    + $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"
                            );
                        }

                        for (var i = 0; i < Parties; i++)
                        {
                            var line = await market.Holding(parties[i].Id, sink) ?? new HoldingLine(sink, "tCO2e", 0, 0);
                            Assert.Equal(
                                (model.Available[i], model.Pledged[i], model.Retired[i]),
                                (line.Available, line.Pledged, line.Retired)
                            );
                            Assert.True(line is { Available: >= 0, Reserved: >= 0, Pledged: >= 0 }, $"{parties[i].Id}: {line}");
                        }
                        var conserved = (await market.Conservation()).Instruments.Single(i => i.InstrumentId == sink);
                        Assert.Equal((model.Issued, 0m), (conserved.Issued, conserved.Difference));
                        await SerialsMatchBalances(market, sink, model, parties);
                    }
                    finally
                    {
                        // Every participant starts the next sequence unfrozen (NOT_FROZEN answers are expected and ignored).
                        foreach (var (id, _) in parties)
                            await Freeze(market.Regulator, id, freeze: false);
                    }
                },
                iter: 30,
                threads: 1
            );
    }

    /// <summary>
    /// Every issued serial is in exactly one place, and each holding's serials count its units: the free serials its
    /// available units, the pledged serials its pledged ones, and the lineage's whereabouts agree with the balances.
    /// </summary>
    private static async Task SerialsMatchBalances(Market market, string sink, Model model, List<(string Id, HttpClient Api)> parties)
    {
        const decimal step = 0.1m;
        var lineage = await market.Lineage(sink, 1, (long)(model.Issued / step));
        Assert.Equal((long)(model.Issued / step), lineage.Whereabouts.Sum(w => w.Block.Count));
        var ordered = lineage.Whereabouts.Select(w => w.Block).OrderBy(b => b.First).ToList();
        Assert.True(ordered.Zip(ordered.Skip(1)).All(p => p.First.Last < p.Second.First), "the whereabouts overlap");
        for (var i = 0; i < Parties; i++)
        {
            var line = await market.HoldingWithSerials(parties[i].Id, sink);
            var free = (line?.Serials ?? []).Sum(b => b.Count) * step;
            var pledged = (line?.PledgedSerials ?? []).Sum(b => b.Count) * step;
            decimal At(string status) =>
                lineage.Whereabouts.Where(w => w.Holder == parties[i].Id && w.Status == status).Sum(w => w.Block.Count) * step;
            Assert.Equal((model.Available[i], model.Pledged[i]), (free, pledged));
            Assert.Equal(
                (model.Available[i], model.Pledged[i], model.Retired[i]),
                (At(SerialMovement.Held), At(SerialMovement.Pledged), At(SerialMovement.Retired))
            );
        }
    }

    private sealed class Model
    {
        public decimal Issued;
        public readonly decimal[] Available = new decimal[Parties];
        public readonly decimal[] Pledged = new decimal[Parties];
        public readonly decimal[] Retired = new decimal[Parties];
        public readonly bool[] Frozen = new bool[Parties];
        public readonly List<(Guid Id, int Pledgor, int Pledgee, decimal Quantity, bool Active)> Pledges = [];

        public static bool Valid(decimal quantity) => quantity > 0 && quantity % 0.1m == 0;
    }

    /// <summary>Sends <paramref name="op"/>; an issuance or an enforcement the model accepts is proposed and then approved by a second
    /// regulator.</summary>
    private static async Task<(bool Expected, HttpResponseMessage Response)> Apply(
        Op op,
        Model m,
        string sink,
        List<(string Id, HttpClient Api)> parties,
        Market market
    )
    {
        var json = ExchangeFixture.Json;
        var regulator = market.Regulator;
        switch (op)
        {
            case Issue(var to, var q):
            {
                var ok = Model.Valid(q);
                if (ok)
                {
                    m.Issued += q;
                    m.Available[to] += q;
                }
                var proposed = await regulator.PostAsJsonAsync(
                    "/api/issuances",
                    new
                    {
                        instrumentId = sink,
                        participantId = parties[to].Id,
                        quantity = q,
                        project = "property-test project",
                    },
                    json
                );
                return (ok, ok ? await market.Approve(proposed) : proposed);
            }
            case Transfer(var from, var to, var q):
            {
                var ok = from != to && !m.Frozen[from] && !m.Frozen[to] && Model.Valid(q) && m.Available[from] >= q;
                if (ok)
                {
                    m.Available[from] -= q;
                    m.Available[to] += q;
                }
                return (
                    ok,
                    await parties[from]
                        .Api.PostAsJsonAsync(
                            "/api/transfers",
                            new
                            {
                                fromParticipantId = parties[from].Id,
                                toParticipantId = parties[to].Id,
                                instrumentId = sink,
                                quantity = q,
                                price = 18.54m,
                            },
                            json
                        )
                );
            }
            case Retire(var holder, var q):
            {
                var ok = !m.Frozen[holder] && Model.Valid(q) && m.Available[holder] >= q;
                if (ok)
                {
                    m.Available[holder] -= q;
                    m.Retired[holder] += q;
                }
                return (
                    ok,
                    await parties[holder]
                        .Api.PostAsJsonAsync(
                            "/api/retirements",
                            new
                            {
                                participantId = parties[holder].Id,
                                instrumentId = sink,
                                quantity = q,
                                beneficiary = "Beneficiary",
                                purpose = "Property test",
                            },
                            json
                        )
                );
            }
            case Pledge(var pledgor, var pledgee, var q):
            {
                var ok = pledgor != pledgee && !m.Frozen[pledgor] && Model.Valid(q) && m.Available[pledgor] >= q;
                var id = Guid.NewGuid();
                if (ok)
                {
                    m.Available[pledgor] -= q;
                    m.Pledged[pledgor] += q;
                    m.Pledges.Add((id, pledgor, pledgee, q, true));
                }
                return (
                    ok,
                    await parties[pledgor]
                        .Api.PostAsJsonAsync(
                            "/api/pledges",
                            new
                            {
                                pledgeId = id,
                                pledgorId = parties[pledgor].Id,
                                pledgeeId = parties[pledgee].Id,
                                instrumentId = sink,
                                quantity = q,
                                reference = "Loan",
                            },
                            json
                        )
                );
            }
            case EndPledge(var index, var enforce):
            {
                var known = index < m.Pledges.Count;
                var pledge = known ? m.Pledges[index] : (Id: Guid.NewGuid(), Pledgor: 0, Pledgee: 0, Quantity: 0m, Active: false);
                var ok = known && pledge.Active;
                if (ok)
                {
                    m.Pledged[pledge.Pledgor] -= pledge.Quantity;
                    m.Available[enforce ? pledge.Pledgee : pledge.Pledgor] += pledge.Quantity;
                    m.Pledges[index] = pledge with { Active = false };
                }
                var ended = await regulator.PostAsJsonAsync(
                    $"/api/pledges/{pledge.Id}/{(enforce ? "enforce" : "release")}",
                    new { reason = "Property test" },
                    json
                );
                return (ok, ok && enforce ? await market.Approve(ended) : ended);
            }
            case ToggleFreeze(var p):
            {
                m.Frozen[p] = !m.Frozen[p];
                return (true, await Freeze(regulator, parties[p].Id, m.Frozen[p]));
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(op), op, null);
        }
    }

    private static Task<HttpResponseMessage> Freeze(HttpClient regulator, string participantId, bool freeze) =>
        regulator.PostAsJsonAsync(
            $"/api/accounts/{participantId}/{(freeze ? "freeze" : "unfreeze")}",
            new { reason = "Property test" },
            ExchangeFixture.Json
        );
}
