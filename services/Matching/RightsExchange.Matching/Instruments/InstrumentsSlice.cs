using RightsExchange.Hosting;
using RightsExchange.Matching.Books;

namespace RightsExchange.Matching.Instruments;

/// <summary>Instruments: a listed instrument opens its book, on its partition's queue.</summary>
public static class InstrumentsSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the matching service.</summary>
    public static ServiceSlices AddInstruments(this ServiceSlices slices) =>
        slices.ConsumerOn<InstrumentListedConsumer>(PartitionOptions.Endpoint);
}
