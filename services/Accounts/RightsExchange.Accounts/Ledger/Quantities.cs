namespace RightsExchange.Accounts.Ledger;

public static class Quantities
{
    /// <summary>True when <paramref name="quantity"/> is positive and a whole multiple of <paramref name="step"/>.</summary>
    public static bool IsValid(decimal quantity, decimal step) => quantity > 0 && step > 0 && quantity % step == 0;
}
