using System.Security.Cryptography;
using System.Text;

namespace RightsExchange.Contracts.Orders.V1;

/// <summary>How an order's id is made from what the trader sent, so that a client can compute it too.</summary>
public static class OrderIds
{
    /// <summary>
    /// The order's id: a name-based UUID (version 8, SHA-256) of the participant and its client order id, so a retried
    /// request names the same order and a client that never got an answer can look its order up
    /// (<c>GET /api/orders/{id}</c>).
    /// </summary>
    public static Guid For(string participantId, string clientOrderId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"order|{participantId}|{clientOrderId}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
