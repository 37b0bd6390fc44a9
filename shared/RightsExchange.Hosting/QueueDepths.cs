using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace RightsExchange.Hosting;

/// <summary>
/// The depth of every queue this service receives from, and of its <c>_error</c> queue, as metrics on <c>/metrics</c>:
/// <c>rightsexchange.queue.depth</c> (messages ready) and <c>rightsexchange.queue.consumers</c>, tagged <c>queue</c>.
/// MassTransit names the queues as their endpoints start; RabbitMQ is asked (a passive declare per queue, on a
/// connection of its own) every <c>Telemetry:QueueDepthInterval</c>, 10 s by default.
/// </summary>
public sealed class QueueDepths : BackgroundService, IReceiveEndpointObserver
{
    private readonly ConcurrentDictionary<string, (long Ready, long Consumers)> _depths = new();
    private readonly RabbitMqSettings _rabbit;
    private readonly TimeSpan _interval;
    private readonly ILogger<QueueDepths> _log;

    public QueueDepths(RabbitMqSettings rabbit, IConfiguration configuration, IMeterFactory meters, ILogger<QueueDepths> log)
    {
        _rabbit = rabbit;
        _log = log;
        _interval = configuration.GetValue("Telemetry:QueueDepthInterval", TimeSpan.FromSeconds(10));
        // From the host's meter factory, so the gauges go with the host that reads them.
        var meter = meters.Create(ExchangeMetrics.MeterName);
        meter.CreateObservableGauge("rightsexchange.queue.depth", () => Measure(d => d.Ready), "{message}", "Messages ready in a queue.");
        meter.CreateObservableGauge(
            "rightsexchange.queue.consumers",
            () => Measure(d => d.Consumers),
            "{consumer}",
            "Consumers attached to a queue."
        );
    }

    public Task Ready(ReceiveEndpointReady ready)
    {
        var queue = ready.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        // A process's own queues (the bus endpoint's, where replies come, and temporary ones) have no _error queue.
        var own =
            ready.InputAddress.Query.Contains("temporary=true", StringComparison.Ordinal)
            || queue?.Contains("_bus_", StringComparison.Ordinal) == true;
        if (queue is not null && !own)
        {
            _depths.TryAdd(queue, (0, 0));
            _depths.TryAdd($"{queue}_error", (0, 0));
        }
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var factory = new ConnectionFactory
        {
            HostName = _rabbit.Host,
            Port = _rabbit.Port,
            VirtualHost = _rabbit.VirtualHost,
            UserName = _rabbit.Username,
            Password = _rabbit.Password,
            ClientProvidedName = "queue-depths",
        };
        IConnection? connection = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_interval, stoppingToken);
                connection ??= await _rabbit.Connect(factory, stoppingToken);
                await Read(connection, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // Only metrics depend on this loop: whatever the broker does, it never stops the service.
                _log.LogWarning(e, "Queue depths not read; retrying in {Interval}", _interval);
                if (connection is not null)
                    await connection.DisposeAsync();
                connection = null;
            }
        }
        if (connection is not null)
            await connection.DisposeAsync();
    }

    // A passive declare of a queue that does not exist closes its channel: one channel per queue asked.
    private async Task Read(IConnection connection, CancellationToken ct)
    {
        foreach (var queue in _depths.Keys)
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
            try
            {
                var declared = await channel.QueueDeclarePassiveAsync(queue, ct);
                _depths[queue] = (declared.MessageCount, declared.ConsumerCount);
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
            {
                // An error queue is made by the first fault: until then it holds nothing. Any other queue is gone.
                if (queue.EndsWith("_error", StringComparison.Ordinal))
                    _depths[queue] = (0, 0);
                else
                    _depths.TryRemove(queue, out _);
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 405)
            {
                _depths.TryRemove(queue, out _); // an exclusive queue (the bus's own): only its connection may look
            }
        }
    }

    private IEnumerable<Measurement<long>> Measure(Func<(long Ready, long Consumers), long> value) =>
        _depths.Select(d => new Measurement<long>(value(d.Value), new KeyValuePair<string, object?>("queue", d.Key)));
}
