using MassTransit;
using RightsExchange.Hosting;

namespace RightsExchange.Matching.Books;

/// <summary>
/// Section <c>Matching</c>: the partition count (shared by every service through market.json) and which partitions
/// this instance offers to run. Each partition queue has a single active consumer, so with two instances serving the
/// same partitions one runs them and the other stands by; giving instances different lists spreads the partitions.
/// </summary>
public sealed class PartitionOptions
{
    /// <summary>Number of partitions instruments are hashed into (<see cref="MatchingPartitions.Of"/>).</summary>
    public int Partitions { get; set; } = 4;

    /// <summary>The partitions this instance consumes; empty means all of them.</summary>
    public List<int> Serve { get; set; } = [];

    public IEnumerable<int> Served => Serve.Count > 0 ? Serve.Distinct().Order() : Enumerable.Range(0, Partitions);

    /// <summary>
    /// The consumers on each partition's queue (<see cref="ServiceSlices.ConsumerOn{TConsumer}"/>): everything a book must
    /// see in order.
    /// </summary>
    public const string Endpoint = "partition";

    /// <summary>The partition queue's name, e.g. <c>matching-p3</c> (with the run's endpoint prefix, if any).</summary>
    public static string QueueName(string? prefix, int partition) =>
        string.IsNullOrEmpty(prefix) ? $"matching-p{partition}" : $"{prefix}-matching-p{partition}";
}

/// <summary>
/// When a partition queue's consumer (re)starts, after a broker connection was lost, say, another instance may have
/// run the partition meanwhile: the books of that partition are forgotten, so they are loaded again from the store
/// when next used. (The fenced append in <see cref="MatchingCommit"/> also refuses to write over a stale book.)
/// </summary>
/// <remarks>
/// The writer is resolved when the endpoint is ready, not when the bus is configured: the writer needs the store, whose
/// outbox relay needs the bus.
/// </remarks>
public sealed class PartitionEndpointObserver(
    IServiceProvider services,
    PartitionOptions options,
    int partition,
    ILogger<PartitionEndpointObserver> logger
) : IReceiveEndpointObserver
{
    /// <summary>Queues the forgetting on the writer (in order with the inputs) without holding up the bus's start.</summary>
    public Task Ready(ReceiveEndpointReady ready)
    {
        _ = services
            .GetRequiredService<MatchingWriter>()
            .Execute(
                Guid.NewGuid(),
                "PartitionReady",
                commit =>
                {
                    commit.ForgetAfterFlush(instrumentId => MatchingPartitions.Of(instrumentId, options.Partitions) != partition);
                    return Task.FromResult(false);
                },
                CancellationToken.None
            );
        logger.LogInformation(
            "Consuming partition {Partition} ({Queue}), or standing by for it; its books load from their snapshots and journals",
            partition,
            ready.InputAddress
        );
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;
}
