using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Positions;

/// <summary>Positions: account statements, positions at an instant and the conservation report.</summary>
public static class PositionsSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the accounts service.</summary>
    public static ServiceSlices AddPositions(this ServiceSlices slices) =>
        slices.Query<GetAccountConsumer>().Query<GetConservationConsumer>().Query<GetPositionsConsumer>();
}
