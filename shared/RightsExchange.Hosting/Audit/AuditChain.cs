using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RightsExchange.Hosting.Audit;

/// <summary>One event as the event store holds it (<c>{schema}.mt_events</c>): what the audit chain commits to.</summary>
/// <param name="Data">The event body as PostgreSQL prints the stored jsonb (<c>data::text</c>), which is deterministic.</param>
public sealed record StoredEvent(long Sequence, string StreamKey, long Version, string Type, DateTime Timestamp, string Data);

/// <summary>
/// The audit chain: link n = SHA-256(link n-1 ‖ canonical bytes of event n), over the events in the order of their
/// store sequence numbers (Marten's tombstones, which only hold the sequence numbers of a failed append, left out),
/// starting from 32 zero bytes. The canonical bytes are the UTF-8 of
/// <c>sequence \n stream \n version \n type \n timestamp \n data</c>, the timestamp in UTC as
/// <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>. Anyone with read access to the event table can recompute it; nothing else is needed.
/// </summary>
public static class AuditChain
{
    /// <summary>The link before the first event.</summary>
    public static byte[] Genesis => new byte[32];

    /// <summary>The bytes of <paramref name="e"/> the chain commits to.</summary>
    public static byte[] Canonical(StoredEvent e) =>
        Encoding.UTF8.GetBytes(
            string.Join(
                '\n',
                e.Sequence.ToString(CultureInfo.InvariantCulture),
                e.StreamKey,
                e.Version.ToString(CultureInfo.InvariantCulture),
                e.Type,
                DateTime
                    .SpecifyKind(e.Timestamp, DateTimeKind.Utc)
                    .ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                e.Data
            )
        );

    /// <summary>The link after <paramref name="e"/>, given the link before it (32 bytes).</summary>
    public static byte[] Link(byte[] previous, StoredEvent e)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(previous);
        sha.AppendData(Canonical(e));
        return sha.GetHashAndReset();
    }

    /// <summary>Lowercase hex, as checkpoints carry hashes.</summary>
    public static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}
