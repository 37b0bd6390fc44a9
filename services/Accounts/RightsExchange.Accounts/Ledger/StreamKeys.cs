namespace RightsExchange.Accounts.Ledger;

/// <summary>The registry's stream keys: readable by an auditor, one stream per thing that has a balance or a life.</summary>
public static class StreamKeys
{
    public static string Participant(string participantId) => $"participant:{participantId}";
    public static string Instrument(string instrumentId) => $"instrument:{instrumentId}";
    public static string Holding(string participantId, string instrumentId) => $"holding:{participantId}:{instrumentId}";
    public static string Cash(string participantId) => $"cash:{participantId}";
    public static string Order(Guid orderId) => $"order:{orderId}";
    public static string Settlement(string settlementId) => $"dvp:{settlementId}";
}
