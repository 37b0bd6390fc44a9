// The wire between the services. Version 1.
// Every event a service commits, and every order command the gateway sends, travels inside a MessageBatch of its
// type: one batch per type (and per matching partition, for the matching inputs) for each group commit of the
// sending service, or each flush of the gateway's command queue. Events in the stores stay one per fact; outside
// subscribers read the public feed (docs/asyncapi.yaml), one CloudEvent per public event.
namespace RightsExchange.Contracts.Messaging.V1;

/// <summary>
/// Messages of type <typeparamref name="T"/> that one group commit (or one flush of the gateway's command queue)
/// produced for the same destination, in the order they were produced. A consumer applies each entry as the message
/// it carries: an entry already applied (a redelivered batch, or the same entry republished in another batch by the
/// outbox relay) changes nothing, by its <see cref="BatchEntry{T}.MessageId"/>. The batch travels with the
/// <see cref="ExchangeHeaders.Source"/> header of its sender.
/// </summary>
/// <param name="Entries">At least one entry, in the order the sender produced them.</param>
public sealed record MessageBatch<T>(IReadOnlyList<BatchEntry<T>> Entries)
    where T : class;

/// <summary>One message of a <see cref="MessageBatch{T}"/>.</summary>
/// <param name="MessageId">The message's own id: the event's id in its store, or the command's id (an order's id).</param>
/// <param name="Sequence">
/// The sender's event-store sequence number of the event (positive, increasing per service with possible gaps);
/// 0 for a command, which no store holds yet.
/// </param>
/// <param name="Message">The message itself, as its contract documents it.</param>
/// <param name="TraceParent">
/// The W3C <c>traceparent</c> of the work that produced the message (an HTTP request, or the applying of an earlier
/// message), so that one order is one trace across the services however its hops are batched; null when unknown (a
/// message the outbox relay published after a crash).
/// </param>
public sealed record BatchEntry<T>(Guid MessageId, long Sequence, T Message, string? TraceParent = null)
    where T : class;
