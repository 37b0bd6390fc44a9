using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using NodaTime;
using RightsExchange.Contracts.Public.V1;

namespace RightsExchange.Gateway.Feed;

/// <summary>
/// Event (gateway log, stream <c>feed</c>): one entry of the public feed, in the order the feed recorded it. Its store
/// sequence is its feed position: the SSE id and the CloudEvent's <c>rxsequence</c>.
/// </summary>
/// <param name="Id">The CloudEvent id: the source event's id, or one derived from it for a per-party view.</param>
/// <param name="Source">The service that recorded the source event (accounts, matching, settlement).</param>
/// <param name="Subject">The instrument id.</param>
/// <param name="Audience">null for a public entry; otherwise the only participant that may receive it.</param>
/// <param name="Data">The payload's camelCase JSON.</param>
public sealed record FeedEntry(Guid Id, string Type, string Source, string Subject, Instant Time, string? Audience, string Data)
{
    public const string StreamKey = "feed";

    public bool IsPublic => Audience is null;

    /// <summary>May <paramref name="participantId"/> (null: an anonymous caller) receive this entry?</summary>
    public bool VisibleTo(string? participantId) => Audience is null || Audience == participantId;
}

/// <summary>Renders feed entries as CloudEvents 1.0, structured JSON mode, with the CloudEvents SDK.</summary>
public static class CloudEventRenderer
{
    public const string ContentType = "application/cloudevents+json";

    /// <summary>
    /// The <c>rxsequence</c> extension: the feed position as decimal digits. A CloudEvents Integer is 32 bits, which a
    /// busy feed outgrows, so the position travels as a String (as the CloudEvents sequence extension does).
    /// </summary>
    public static readonly CloudEventAttribute Sequence = CloudEventAttribute.CreateExtension(
        PublicFeed.SequenceAttribute,
        CloudEventAttributeType.String
    );

    private static readonly JsonEventFormatter Formatter = new(new JsonSerializerOptions(), new JsonDocumentOptions());

    /// <summary>The entry at feed position <paramref name="position"/> as CloudEvent JSON bytes (one line).</summary>
    public static ReadOnlyMemory<byte> Render(FeedEntry entry, long position)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [Sequence])
        {
            Id = entry.Id.ToString("D"),
            Source = new Uri($"/rightsexchange/{entry.Source}", UriKind.Relative),
            Type = entry.Type,
            Subject = entry.Subject,
            Time = entry.Time.ToDateTimeOffset(),
            DataContentType = "application/json",
            DataSchema = new Uri($"https://rightsexchange.dev/schemas/{entry.Type}.json"),
            Data = JsonSerializer.Deserialize<JsonElement>(entry.Data),
        };
        cloudEvent[Sequence] = position.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Formatter.EncodeStructuredModeMessage(cloudEvent, out _);
    }
}
