using System.Collections.Concurrent;
using System.Linq.Expressions;
using MassTransit;
using RightsExchange.Contracts;
using RightsExchange.Contracts.Messaging.V1;

namespace RightsExchange.Hosting.Batching;

/// <summary>
/// A message on its way into a <see cref="MessageBatch{T}"/>: its id, its store sequence (0 for a command), the message
/// and the trace it belongs to (<see cref="BatchEntry{T}.TraceParent"/>).
/// </summary>
public readonly record struct Outgoing(Guid MessageId, long Sequence, object Message, string? TraceParent = null);

/// <summary>
/// Publishes messages the way every hop between the services carries them: one <see cref="MessageBatch{T}"/> per
/// message type, and per matching partition for the types routed by partition (<see cref="MatchingPartitions"/>), each
/// holding its messages in the order given. The batches are published in the order their first message appears and
/// their confirms awaited together, so the publishes are pipelined on the bus's channel.
/// </summary>
public sealed class BatchPublisher(IBus bus, PartitionCount partitions)
{
    private static readonly ConcurrentDictionary<Type, Func<List<Outgoing>, object>> Factories = new();

    /// <summary>Publishes <paramref name="messages"/> in batches, with <paramref name="source"/> in the
    /// <see cref="ExchangeHeaders.Source"/> header.</summary>
    public Task Publish(IReadOnlyList<Outgoing> messages, string source, CancellationToken ct)
    {
        if (messages.Count == 0)
            return Task.CompletedTask;
        var groups = new Dictionary<(Type Type, int Partition), List<Outgoing>>();
        var order = new List<(Type Type, int Partition)>();
        foreach (var message in messages)
        {
            var key = (message.Message.GetType(), MatchingPartitions.PartitionOf(message.Message, partitions.Value) ?? -1);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = [];
                order.Add(key);
            }
            group.Add(message);
        }
        return Task.WhenAll(order.Select(key => PublishBatch(key.Type, groups[key], source, ct)));
    }

    private Task PublishBatch(Type type, List<Outgoing> entries, string source, CancellationToken ct)
    {
        var batch = Factories.GetOrAdd(type, Factory)(entries);
        return bus.Publish(batch, batch.GetType(), context => context.Headers.Set(ExchangeHeaders.Source, source), ct);
    }

    /// <summary>Builds <c>entries => new MessageBatch&lt;T&gt;(entries as BatchEntry&lt;T&gt;[])</c> for <paramref name="type"/>.</summary>
    private static Func<List<Outgoing>, object> Factory(Type type)
    {
        var make = typeof(BatchPublisher)
            .GetMethod(nameof(Make), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type);
        var entries = Expression.Parameter(typeof(List<Outgoing>));
        return Expression.Lambda<Func<List<Outgoing>, object>>(Expression.Call(make, entries), entries).Compile();
    }

    private static object Make<T>(List<Outgoing> entries)
        where T : class =>
        new MessageBatch<T>(entries.Select(e => new BatchEntry<T>(e.MessageId, e.Sequence, (T)e.Message, e.TraceParent)).ToArray());
}

/// <summary>The number of matching partitions (configuration <c>Matching:Partitions</c>, shared by every service).</summary>
public sealed record PartitionCount(int Value);
