namespace RightsExchange.Contracts;

/// <summary>Headers the exchange sets on every batch it sends between its services.</summary>
public static class ExchangeHeaders
{
    /// <summary>
    /// The name of the sending service: accounts, matching or settlement (from their event stores), or gateway (order
    /// commands). Each entry's store sequence travels in the batch itself.
    /// </summary>
    public const string Source = "RX-Source";
}
