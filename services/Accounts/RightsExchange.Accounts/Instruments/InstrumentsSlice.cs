using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Instruments;

/// <summary>Instruments: listing a right (one vintage or validity period, one region) against a trading profile's tick.</summary>
public static class InstrumentsSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the accounts service.</summary>
    public static ServiceSlices AddInstruments(this ServiceSlices slices) =>
        slices.Settings<Dictionary<string, TradingProfileTick>>("Trading:Profiles").Consumer<ListInstrumentConsumer>();
}
