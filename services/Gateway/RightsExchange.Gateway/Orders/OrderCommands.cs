using System.Threading.Channels;
using RightsExchange.Hosting;
using RightsExchange.Hosting.Batching;

namespace RightsExchange.Gateway.Orders;

/// <summary>
/// The gateway's side of the wire for the order path: the order commands of concurrent requests (place, amend,
/// cancel, decline) are queued and sent in batches (<see cref="BatchPublisher"/>). While one send is in flight the
/// next commands wait, and go out together, up to <see cref="GroupCommitSettings.MaxGroupSize"/>, when it is
/// confirmed; with nothing in flight a command goes out at once, so batching costs an idle request nothing.
/// A send the broker has not confirmed within <see cref="GatewaySettings.OrderSendTimeout"/> fails its requests (503,
/// safe to retry with the same client order id) and the next batch goes out: across a broker restart a confirm can be
/// lost, and waiting on it held every later order of this gateway for minutes (the chaos run).
/// </summary>
public sealed class OrderCommands(
    BatchPublisher batches, GroupCommitSettings grouping, GatewaySettings settings, ILogger<OrderCommands> logger) : BackgroundService
{
    /// <summary>The source the gateway's batches carry.</summary>
    public const string Source = "gateway";

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// Sends <paramref name="command"/> under <paramref name="messageId"/>; completes when the broker has confirmed the
    /// batch that carried it. Throws what the publish threw.
    /// </summary>
    public async Task Send(Guid messageId, object command, CancellationToken ct)
    {
        var pending = new Pending(new Outgoing(messageId, 0, command, ExchangeTracing.Current),
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, ct);
        await pending.Sent.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(grouping.MaxGroupSize);
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < grouping.MaxGroupSize && _queue.Reader.TryRead(out var pending)) batch.Add(pending);
            try
            {
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                bounded.CancelAfter(settings.OrderSendTimeout);
                await batches.Publish(batch.Select(p => p.Command).ToList(), Source, bounded.Token)
                    .WaitAsync(settings.OrderSendTimeout, stoppingToken);
                foreach (var pending in batch) pending.Sent.TrySetResult();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Sending {Count} order commands failed", batch.Count);
                var failure = ex is OperationCanceledException && !stoppingToken.IsCancellationRequested
                    ? new TimeoutException($"The broker did not confirm the order commands within {settings.OrderSendTimeout}.", ex)
                    : ex;
                foreach (var pending in batch) pending.Sent.TrySetException(failure);
            }
        }
    }

    private sealed record Pending(Outgoing Command, TaskCompletionSource Sent);
}
