using RightsExchange.Hosting;

namespace RightsExchange.Accounts.FourEyes;

/// <summary>The four-eyes principle: a registry action proposed by one regulator and decided by another.</summary>
public static class FourEyesSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the accounts service.</summary>
    public static ServiceSlices AddFourEyes(this ServiceSlices slices) =>
        slices.Document<RegistryAction>().Consumer<RegistryActionConsumer>().Query<GetRegistryActionsConsumer>();
}
