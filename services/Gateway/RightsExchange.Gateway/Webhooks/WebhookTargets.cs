using System.Net;
using System.Net.Sockets;

namespace RightsExchange.Gateway.Webhooks;

/// <summary>
/// Where a webhook may point (server-side request forgery): only public addresses, no user information in the URL.
/// Loopback, private (RFC 1918, unique local), link-local, carrier-grade NAT, unspecified, multicast and broadcast
/// addresses are refused at registration (<c>WEBHOOK_TARGET_REFUSED</c>) and again when each delivery connects, on the
/// addresses the name resolves to then, so a name that later resolves to a private address (DNS rebinding) is not
/// reached. <see cref="WebhookOptions.AllowedHosts"/> names hosts exempt from this (tests, an internal receiver).
/// </summary>
public static class WebhookTargets
{
    /// <summary>Null when <paramref name="url"/> may be registered, else why not.</summary>
    public static async Task<string?> Refusal(Uri url, WebhookOptions options, CancellationToken ct)
    {
        if (url.UserInfo.Length > 0)
            return "A webhook URL may not carry a user name or password; the receiver checks the signature instead.";
        if (Allowed(url.Host, options))
            return null;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(url.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(url.IdnHost, ct);
        }
        catch (SocketException)
        {
            return $"The host {url.Host} does not resolve.";
        }
        return addresses.FirstOrDefault(a => !IsPublic(a)) is { } inner
                ? $"{url.Host} is (or resolves to) {inner}, which is not a public address."
            : addresses.Length == 0 ? $"The host {url.Host} does not resolve."
            : null;
    }

    /// <summary>
    /// The connect step of the webhook client: resolves the host, refuses it unless every address is public (or the host
    /// is allowed), and connects to the first address that answers.
    /// </summary>
    /// <exception cref="HttpRequestException">The host resolves to an address that is not public.</exception>
    public static async ValueTask<Stream> Connect(SocketsHttpConnectionContext context, WebhookOptions options, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (!Allowed(host, options) && addresses.FirstOrDefault(a => !IsPublic(a)) is { } inner)
            throw new HttpRequestException($"Webhook target {host} resolves to {inner}, which is not a public address.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool Allowed(string host, WebhookOptions options) =>
        options.AllowedHosts.Any(a => string.Equals(a, host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether <paramref name="address"/> is a public unicast address.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (
            IPAddress.IsLoopback(address)
            || address.Equals(IPAddress.Any)
            || address.Equals(IPAddress.IPv6Any)
            || address.Equals(IPAddress.Broadcast)
        )
            return false;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal);
        var b = address.GetAddressBytes();
        return !(
            b[0] is 0 or 10 or >= 224
            || (b[0] == 100 && b[1] >= 64 && b[1] < 128)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
            || (b[0] == 192 && b[1] == 168)
        );
    }
}
