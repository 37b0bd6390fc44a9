using RightsExchange.Hosting;

namespace RightsExchange.Settlement.Alerts;

/// <summary>Alerts: a message dead-lettered anywhere in the exchange raises an alert for operators.</summary>
public static class AlertsSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the settlement service.</summary>
    public static ServiceSlices AddAlerts(this ServiceSlices slices) =>
        slices.Consumer<DeadLetterAlertConsumer>().Query<GetAlertsConsumer>();
}
