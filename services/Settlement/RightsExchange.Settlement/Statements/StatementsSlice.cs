using RightsExchange.Hosting;

namespace RightsExchange.Settlement.Statements;

/// <summary>Statements: a participant's daily settlement statement.</summary>
public static class StatementsSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the settlement service.</summary>
    public static ServiceSlices AddStatements(this ServiceSlices slices) => slices.Query<GetDailyStatementConsumer>();
}
