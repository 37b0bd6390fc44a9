namespace RightsExchange.Contracts;

/// <summary>Headers the exchange sets on every message it publishes from its event stores.</summary>
public static class ExchangeHeaders
{
    /// <summary>
    /// The publishing service's event-store sequence number of the event (a positive integer, increasing
    /// per service but with possible gaps). Subscribers can use it to detect reordering.
    /// </summary>
    public const string StoreSequence = "RX-Store-Sequence";

    /// <summary>The name of the service whose event store the message came from: accounts, matching or settlement.</summary>
    public const string Source = "RX-Source";
}
