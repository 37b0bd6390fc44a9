using System.Diagnostics;
using System.Threading.Channels;
using Polly;
using Polly.CircuitBreaker;
using RightsExchange.Hosting;
using RightsExchange.Hosting.Batching;

namespace RightsExchange.Gateway.Orders;

/// <summary>
/// The gateway's side of the wire for the order path: the order commands of concurrent requests (place, amend,
/// cancel, decline) are queued and sent in batches (<see cref="BatchPublisher"/>). While one send is in flight the
/// next commands wait, and go out together, up to <see cref="GroupCommitSettings.MaxGroupSize"/>, when it is
/// confirmed; with nothing in flight a command goes out at once, so batching costs an idle request nothing.
/// While the broker cannot take them, requests are answered at once rather than kept waiting (the chaos run: a broker
/// restart under load left requests queued behind sends that each took the whole timeout to fail, and clients gave up
/// on them while the queue grew):
/// <list type="bullet">
/// <item>a send the broker has not confirmed within <see cref="GatewaySettings.OrderSendTimeout"/> fails its requests
/// (503, safe to retry with the same client order id) and the next batch goes out;</item>
/// <item>two failed sends in a row open a circuit breaker (Polly) for <see cref="GatewaySettings.OrderSendBreak"/>: a
/// batch taken from the queue meanwhile fails at once with <see cref="BrokenCircuitException"/> (503 with Retry-After),
/// and the first one after it is sent as a trial that closes the circuit again or opens it for another break;</item>
/// <item>a command whose request was abandoned (the client went away) is dropped unsent, and one that waited in the
/// queue longer than <see cref="GatewaySettings.OrderSendTimeout"/> fails unsent (503).</item>
/// </list>
/// </summary>
public sealed class OrderCommands : BackgroundService
{
    /// <summary>The source the gateway's batches carry.</summary>
    public const string Source = "gateway";

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ResiliencePipeline _sends;
    private readonly BatchPublisher _batches;
    private readonly GroupCommitSettings _grouping;
    private readonly GatewaySettings _settings;
    private readonly ILogger<OrderCommands> _logger;

    public OrderCommands(BatchPublisher batches, GroupCommitSettings grouping, GatewaySettings settings, ILogger<OrderCommands> logger)
    {
        (_batches, _grouping, _settings, _logger) = (batches, grouping, settings, logger);
        _sends = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(
                new CircuitBreakerStrategyOptions
                {
                    FailureRatio = 1.0,
                    MinimumThroughput = 2,
                    SamplingDuration = settings.OrderSendTimeout * 4,
                    BreakDuration = settings.OrderSendBreak,
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(),
                    OnOpened = args =>
                    {
                        logger.LogWarning("Order commands cannot be sent; answering 503 at once for {Break}", args.BreakDuration);
                        return default;
                    },
                    OnClosed = _ =>
                    {
                        logger.LogInformation("Order commands are sent again");
                        return default;
                    },
                }
            )
            .Build();
    }

    /// <summary>
    /// Sends <paramref name="command"/> under <paramref name="messageId"/>; completes when the broker has confirmed the
    /// batch that carried it. Throws what the publish threw, <see cref="TimeoutException"/> when the command could not
    /// be sent in time, or <see cref="BrokenCircuitException"/> at once while sends are failing.
    /// </summary>
    public async Task Send(Guid messageId, object command, CancellationToken ct)
    {
        var pending = new Pending(
            new Outgoing(messageId, 0, command, ExchangeTracing.Current),
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
            Stopwatch.GetTimestamp(),
            ct
        );
        await _queue.Writer.WriteAsync(pending, ct);
        await pending.Sent.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(_grouping.MaxGroupSize);
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < _grouping.MaxGroupSize && _queue.Reader.TryRead(out var pending))
                if (StillWanted(pending))
                    batch.Add(pending);
            if (batch.Count == 0)
                continue;
            try
            {
                await _sends.ExecuteAsync(
                    async token =>
                    {
                        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(token);
                        bounded.CancelAfter(_settings.OrderSendTimeout);
                        await _batches
                            .Publish(batch.Select(p => p.Command).ToList(), Source, bounded.Token)
                            .WaitAsync(_settings.OrderSendTimeout, token);
                    },
                    stoppingToken
                );
                foreach (var pending in batch)
                    pending.Sent.TrySetResult();
            }
            catch (Exception ex)
            {
                if (ex is not BrokenCircuitException)
                    _logger.LogWarning(ex, "Sending {Count} order commands failed", batch.Count);
                var failure =
                    ex is OperationCanceledException && !stoppingToken.IsCancellationRequested
                        ? new TimeoutException($"The broker did not confirm the order commands within {_settings.OrderSendTimeout}.", ex)
                        : ex;
                foreach (var pending in batch)
                    pending.Sent.TrySetException(failure);
            }
        }
    }

    // A command nobody waits for any more is not sent; one that waited past the send timeout is answered 503 unsent.
    private bool StillWanted(Pending pending)
    {
        if (pending.RequestAborted.IsCancellationRequested)
        {
            pending.Sent.TrySetCanceled(pending.RequestAborted);
            return false;
        }
        if (Stopwatch.GetElapsedTime(pending.QueuedAt) <= _settings.OrderSendTimeout)
            return true;
        pending.Sent.TrySetException(new TimeoutException($"The order command waited more than {_settings.OrderSendTimeout} to be sent."));
        return false;
    }

    private sealed record Pending(Outgoing Command, TaskCompletionSource Sent, long QueuedAt, CancellationToken RequestAborted);
}
