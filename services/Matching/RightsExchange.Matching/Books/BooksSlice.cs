using MassTransit;
using RightsExchange.Hosting;
using RightsExchange.Matching.Engine;
using RightsExchange.Matching.Market;

namespace RightsExchange.Matching.Books;

/// <summary>
/// The books: one per instrument, held in memory by <see cref="BookRegistry"/>, journaled and snapshotted by the
/// group-commit <see cref="MatchingWriter"/>, and fed by one queue per partition of instruments, on which every slice's
/// book inputs arrive in order (<see cref="PartitionOptions.Endpoint"/>).
/// </summary>
public static class BooksSlice
{
    /// <summary>Registers the slice's documents, services and partition queues with the matching service.</summary>
    public static ServiceSlices AddBooks(this ServiceSlices slices)
    {
        var partitions = slices.Configuration.GetSection("Matching").Get<PartitionOptions>() ?? new PartitionOptions();
        var prefix = slices.Configuration["Messaging:EndpointPrefix"];
        return slices
            .Settings<TradingOptions>("Trading")
            .Settings<SnapshotOptions>("Trading:Snapshots")
            .Document<BookSnapshot>()
            .Services(s =>
                s.AddSingleton(partitions)
                    .AddSingleton<BookRegistry>()
                    .AddSingleton<MatchingWriter>()
                    .AddHostedService(sp => sp.GetRequiredService<MatchingWriter>())
            )
            .Endpoints(
                (context, cfg) =>
                {
                    MatchingPartitions.Route<TickBooks>(cfg, tick => tick.Partition);
                    foreach (var partition in partitions.Served)
                    {
                        cfg.ReceiveEndpoint(PartitionOptions.QueueName(prefix, partition), e =>
                        {
                            e.ConfigureConsumeTopology = false;
                            e.SingleActiveConsumer = true;
                            MatchingPartitions.BindInputs(e, partition);
                            MatchingPartitions.Bind<TickBooks>(e, partition);
                            foreach (var consumer in slices.ConsumersOn(PartitionOptions.Endpoint))
                                e.ConfigureConsumer(context, consumer);
                            e.ConnectReceiveEndpointObserver(
                                ActivatorUtilities.CreateInstance<PartitionEndpointObserver>(context, partition)
                            );
                            ReplicatedQueues.Apply(e, context);
                        });
                    }
                }
            );
    }
}
