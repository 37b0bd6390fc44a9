using System.Collections.Concurrent;
using MassTransit;
using MassTransit.Events;
using MassTransit.Metadata;

namespace RightsExchange.Hosting;

/// <summary>
/// Publishes the fault of a command sent as a request (the gateway's registry commands: issuance, deposits...) that is
/// dead-lettered after its retries. MassTransit sends such a fault to the requester only, so without this the message
/// would wait in its <c>_error</c> queue with no alert (found by the chaos run). Published like every other fault, it is
/// recorded by settlement as <c>MessageDeadLettered</c>. Queries are left out: theirs are discarded, not dead-lettered
/// (<see cref="QueryDefinition{TConsumer}"/>). Connected to every endpoint's retry policy (<see cref="ServiceDefaults"/>).
/// </summary>
public sealed class RequestFaultAlerts : IRetryObserver
{
    private static readonly ConcurrentDictionary<string, bool> Queries = new();

    /// <summary>Marks the messages <paramref name="consumer"/> consumes as queries (their faults raise no alert).</summary>
    public static void Query(Type consumer)
    {
        var consumed = consumer.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>));
        foreach (var contract in consumed)
            Queries.TryAdd(MessageUrn.ForTypeString(contract.GetGenericArguments()[0]), true);
    }

    public Task RetryFault<T>(RetryContext<T> context)
        where T : class, PipeContext
    {
        if (context.Context is not ConsumeContext consume || consume.ResponseAddress is null && consume.FaultAddress is null)
            return Task.CompletedTask; // no requester: MassTransit publishes the fault itself
        if (consume.SupportedMessageTypes.Any(Queries.ContainsKey))
            return Task.CompletedTask;
        return consume.Publish<Fault>(
            new
            {
                FaultId = NewId.NextGuid(),
                FaultedMessageId = consume.MessageId,
                Timestamp = DateTime.UtcNow,
                Exceptions = new ExceptionInfo[] { new FaultExceptionInfo(context.Exception) },
                Host = HostMetadataCache.Host,
                FaultMessageTypes = consume.SupportedMessageTypes.ToArray(),
            }
        );
    }

    public Task PostCreate<T>(RetryPolicyContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    public Task PostFault<T>(RetryContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    public Task PreRetry<T>(RetryContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;

    public Task RetryComplete<T>(RetryContext<T> context)
        where T : class, PipeContext => Task.CompletedTask;
}
