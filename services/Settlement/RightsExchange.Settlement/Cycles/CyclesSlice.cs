using MassTransit;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Hosting;

namespace RightsExchange.Settlement.Cycles;

/// <summary>
/// Settlement cycles: each listed instrument's cycle (real-time gross or end-of-day net) and the net cycle run at the cut-off or on
/// demand.
/// </summary>
public static class CyclesSlice
{
    private const string ListingsEndpoint = "settlement-instrument-listed";

    /// <summary>Registers the slice's documents, consumers and services with the settlement service.</summary>
    public static ServiceSlices AddCycles(this ServiceSlices slices) =>
        slices
            .Settings<SettlementCycleSettings>("Settlement")
            .Document<ListedInstrument>()
            .Services(s => s.AddSingleton<SettlementCycles>().AddSingleton<NetCycles>().AddHostedService<EndOfDayNetCycle>())
            .Consumer<RunNetCycleConsumer>()
            .ConsumerOn<InstrumentListedConsumer>(ListingsEndpoint)
            .Endpoints(
                (context, cfg) =>
                {
                    // Listings travel on the matching partitions' direct exchange; this queue hears every partition.
                    var prefix = slices.Configuration["Messaging:EndpointPrefix"];
                    cfg.ReceiveEndpoint(string.IsNullOrEmpty(prefix) ? ListingsEndpoint : $"{prefix}-{ListingsEndpoint}", e =>
                    {
                        e.ConfigureConsumeTopology = false;
                        for (var p = 0; p < slices.Configuration.GetValue(MatchingPartitions.CountKey, 4); p++)
                            MatchingPartitions.Bind<MessageBatch<InstrumentListed>>(e, p);
                        e.ConfigureConsumer<InstrumentListedConsumer>(context);
                        ReplicatedQueues.Apply(e, context);
                    });
                }
            );
}
