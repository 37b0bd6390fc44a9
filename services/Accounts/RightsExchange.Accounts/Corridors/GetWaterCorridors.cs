using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using NodaTime;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Accounts.Corridors;

/// <summary>Answers <see cref="GetWaterCorridors"/>: each configured corridor's volume, use this year and queue.</summary>
public sealed class GetWaterCorridorsConsumer(IQuerySession session, IClock clock, IOptions<RegistrySettings> settings)
    : IConsumer<GetWaterCorridors>
{
    public async Task Consume(ConsumeContext<GetWaterCorridors> context)
    {
        var year = clock.GetCurrentInstant().InZone(MarketTime.Zone).Year;
        var views = new List<WaterCorridorView>();
        foreach (var c in settings.Value.WaterCorridors)
        {
            var use = await session.LoadAsync<CorridorUse>(CorridorUse.StreamPrefix + c.Id, context.CancellationToken);
            var used = use?.UsedIn(year) ?? 0m;
            views.Add(
                new WaterCorridorView(
                    c.Id,
                    c.FromBasin,
                    c.ToRegion,
                    year,
                    c.VolumePerYear,
                    used,
                    c.VolumePerYear - used,
                    (use?.Queue ?? [])
                        .Select(
                            (q, i) =>
                                new QueuedCorridorTransfer(
                                    i + 1,
                                    q.Request.TransferId,
                                    q.Request.InstrumentId,
                                    q.Request.FromParticipantId,
                                    q.Request.ToParticipantId,
                                    q.Request.Quantity,
                                    q.QueuedAt
                                )
                        )
                        .ToList(),
                    use?.Dropped ?? []
                )
            );
        }
        await context.RespondAsync(new WaterCorridorList(views));
    }
}
