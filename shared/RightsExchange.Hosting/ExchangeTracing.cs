using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace RightsExchange.Hosting;

/// <summary>
/// One order, one trace, across batched hops: each message a writer applies gets a span of its own (activity source
/// <see cref="SourceName"/>) whose parent is the span that produced the message (<c>BatchEntry.TraceParent</c>), and each
/// event appended while it applies is tagged with that span, so the batch that carries the event on to the next
/// service names it as the event's parent.
/// </summary>
public static class ExchangeTracing
{
    public const string SourceName = "RightsExchange";

    private static readonly ActivitySource Source = new(SourceName);
    private static readonly ConditionalWeakTable<object, string> Parents = new();

    /// <summary>The W3C <c>traceparent</c> of the current span, or null when nothing is traced.</summary>
    public static string? Current => Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;

    /// <summary>The parent context in <paramref name="traceParent"/>, or none.</summary>
    public static ActivityContext Parse(string? traceParent) =>
        ActivityContext.TryParse(traceParent, null, out var context) ? context : default;

    /// <summary>
    /// Starts the span of applying one message of <paramref name="messageType"/> in <paramref name="writer"/>; null when
    /// nothing listens.
    /// </summary>
    public static Activity? Apply(string writer, string messageType, ActivityContext parent) =>
        Source.StartActivity(
            $"{writer} apply {messageType}",
            ActivityKind.Consumer,
            parent,
            [new KeyValuePair<string, object?>("rightsexchange.writer", writer)]
        );

    /// <summary>Tags an event about to be appended with the current span.</summary>
    public static void Tag(object @event)
    {
        if (Current is { } parent)
            Parents.AddOrUpdate(@event, parent);
    }

    /// <summary>The span an event was appended under, or null.</summary>
    public static string? Of(object @event) => Parents.TryGetValue(@event, out var parent) ? parent : null;
}
