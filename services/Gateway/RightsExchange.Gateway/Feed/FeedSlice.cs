using MassTransit;
using RightsExchange.Hosting;

namespace RightsExchange.Gateway.Feed;

/// <summary>
/// The public feed: the contract events of every service recorded in the gateway's own log (<see cref="FeedEntry"/>,
/// one writer at a time on the feed's queue), relayed to the public exchange and served over SSE and webhooks.
/// </summary>
public static class FeedSlice
{
    private const string FeedEndpoint = "feed";

    /// <summary>Registers the slice's event type, services and the feed's queue with the gateway.</summary>
    public static ServiceSlices AddFeed(this ServiceSlices slices)
    {
        var prefix = slices.Configuration["Messaging:EndpointPrefix"];
        var partitions = slices.Configuration.GetValue(MatchingPartitions.CountKey, 4);
        return slices
            .Store(o => o.Events.AddEventType<FeedEntry>())
            .Services(s =>
                s.AddSingleton<FeedCommits>()
                    .AddHostedService<FeedRelay>()
                    .AddSingleton<PublicExchange>()
                    .AddSingleton<FeedWriter>()
                    .AddHostedService(sp => sp.GetRequiredService<FeedWriter>())
            )
            .ConsumerOn<FeedConsumer>(FeedEndpoint)
            .Endpoints(
                (context, cfg) =>
                    // One active consumer across gateway instances: the feed's positions are assigned by one writer at a time.
                    cfg.ReceiveEndpoint(FeedConsumer.QueueName(prefix), e =>
                    {
                        e.ConfigureConsumeTopology = false;
                        e.SingleActiveConsumer = true;
                        FeedConsumer.Bind(e, partitions);
                        e.ConfigureConsumer<FeedConsumer>(context);
                        ReplicatedQueues.Apply(e, context);
                    })
            );
    }
}
