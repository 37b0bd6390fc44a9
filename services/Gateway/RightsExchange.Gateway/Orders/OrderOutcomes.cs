using System.Collections.Concurrent;
using MassTransit;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Contracts.Orders.V1;

namespace RightsExchange.Gateway.Orders;

/// <summary>
/// Lets an HTTP request wait for what the back end decided about its order: the outcome events are published to every
/// gateway instance (a temporary queue each), and each completes the waiter registered under its order id, if any.
/// </summary>
public sealed class OrderOutcomes
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<object>> _waiting = new();

    /// <summary>Registers interest in <paramref name="orderId"/>; dispose the handle when done waiting.</summary>
    public Waiter Register(Guid orderId)
    {
        var tcs = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[orderId] = tcs;
        return new Waiter(this, orderId, tcs.Task);
    }

    public void Complete(Guid orderId, object outcome)
    {
        if (_waiting.TryGetValue(orderId, out var tcs))
            tcs.TrySetResult(outcome);
    }

    public sealed class Waiter(OrderOutcomes owner, Guid orderId, Task<object> outcome) : IDisposable
    {
        /// <summary>The outcome, or null if none arrived within <paramref name="timeout"/>.</summary>
        public async Task<object?> Wait(TimeSpan timeout, CancellationToken ct)
        {
            try
            {
                return await outcome.WaitAsync(timeout, ct);
            }
            catch (TimeoutException)
            {
                return null;
            }
        }

        public void Dispose() => owner._waiting.TryRemove(orderId, out _);
    }
}

/// <summary>
/// Feeds order outcome events to <see cref="OrderOutcomes"/> (keyed by order id, or amendment id for amendments). Runs
/// on a temporary, per-instance queue.
/// </summary>
public sealed class OrderOutcomeConsumer(OrderOutcomes outcomes)
    : IConsumer<MessageBatch<OrderAccepted>>,
        IConsumer<MessageBatch<OrderRejected>>,
        IConsumer<MessageBatch<OrderFundingRejected>>,
        IConsumer<MessageBatch<OrderCancelled>>,
        IConsumer<MessageBatch<CancelRejected>>,
        IConsumer<MessageBatch<OrderAmended>>,
        IConsumer<MessageBatch<AmendRejected>>
{
    public Task Consume(ConsumeContext<MessageBatch<OrderAmended>> context) => Complete(context, m => m.AmendId);

    public Task Consume(ConsumeContext<MessageBatch<AmendRejected>> context) => Complete(context, m => m.AmendId);

    public Task Consume(ConsumeContext<MessageBatch<OrderAccepted>> context) => Complete(context, m => m.OrderId);

    public Task Consume(ConsumeContext<MessageBatch<OrderRejected>> context) => Complete(context, m => m.OrderId);

    public Task Consume(ConsumeContext<MessageBatch<OrderFundingRejected>> context) => Complete(context, m => m.OrderId);

    public Task Consume(ConsumeContext<MessageBatch<OrderCancelled>> context) => Complete(context, m => m.OrderId);

    public Task Consume(ConsumeContext<MessageBatch<CancelRejected>> context) => Complete(context, m => m.OrderId);

    private Task Complete<T>(ConsumeContext<MessageBatch<T>> context, Func<T, Guid> keyOf)
        where T : class
    {
        foreach (var entry in context.Message.Entries)
            outcomes.Complete(keyOf(entry.Message), entry.Message);
        return Task.CompletedTask;
    }
}
