using System.Security.Cryptography;
using System.Text;
using NodaTime;
using RightsExchange.Contracts.Public.V1;
using RightsExchange.Gateway.Feed;

namespace RightsExchange.Gateway.Webhooks;

/// <summary>A participant's webhook (Marten document in the gateway's schema).</summary>
/// <param name="Types">CloudEvents types to deliver: public ones, and private ones about the participant's own orders.</param>
/// <param name="Secret">The signing secret, <c>whsec_</c> + base64 of 32 random bytes (Standard Webhooks).</param>
/// <param name="Active">False once deleted: no new deliveries are made.</param>
public sealed record Webhook(
    Guid Id,
    string ParticipantId,
    string Url,
    IReadOnlyList<string> Types,
    string Secret,
    Instant CreatedAt,
    bool Active = true
)
{
    public bool Wants(FeedEntry entry) => Active && Types.Contains(entry.Type) && entry.VisibleTo(ParticipantId);

    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}

/// <summary>Pending (waiting or being retried), Delivered (a 2xx answer) or DeadLettered (retries exhausted or refused with a
/// 4xx).</summary>
public enum DeliveryStatus
{
    Pending,
    Delivered,
    DeadLettered,
}

/// <summary>One attempt to deliver: when, the HTTP status (null if none came back) and what went wrong.</summary>
public sealed record DeliveryAttempt(int Number, Instant At, int? StatusCode, string? Error, double ElapsedMs);

/// <summary>
/// One feed entry for one webhook (Marten document; id <c>{webhook}:{position}</c>), with every attempt: the delivery log
/// and, when <see cref="DeliveryStatus.DeadLettered"/>, the dead letter the subscriber can see and retry.
/// </summary>
/// <param name="Body">The CloudEvent JSON sent (the signed bytes, UTF-8).</param>
public sealed record WebhookDelivery(
    string Id,
    Guid WebhookId,
    string ParticipantId,
    long Position,
    Guid EventId,
    string Type,
    string Body,
    DeliveryStatus Status,
    IReadOnlyList<DeliveryAttempt> Attempts,
    Instant CreatedAt,
    Instant? CompletedAt = null,
    string? Reason = null
)
{
    public static string IdOf(Guid webhookId, long position) => $"{webhookId:N}:{position}";
}

/// <summary>
/// Standard Webhooks signatures (https://www.standardwebhooks.com): <c>webhook-signature: v1,{base64 HMAC-SHA256}</c>
/// over <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed with the base64-decoded part of the secret after <c>whsec_</c>.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The <c>webhook-signature</c> value for a message. Throws <see cref="FormatException"/> for a malformed secret.</summary>
    public static string Sign(string secret, string messageId, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret);
        var prefix = Encoding.UTF8.GetBytes($"{messageId}.{unixSeconds}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    /// <summary>Checks a received signature header (which may hold several space-separated signatures).</summary>
    public static bool Verify(string secret, string messageId, long unixSeconds, ReadOnlySpan<byte> body, string header)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(secret, messageId, unixSeconds, body));
        foreach (var candidate in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(candidate)))
                return true;
        return false;
    }

    /// <summary>Types a webhook may ask for.</summary>
    public static bool IsKnownType(string type) => CloudEventTypes.Public.Contains(type) || CloudEventTypes.Private.Contains(type);
}
