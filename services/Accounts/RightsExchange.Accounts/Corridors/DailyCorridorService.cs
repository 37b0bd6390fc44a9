using Microsoft.Extensions.Options;
using NodaTime;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Accounts.Transfers;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Corridors;

/// <summary>
/// Serves every corridor's queue at start and daily at <see cref="RegistrySettings.CorridorServiceRunsAt"/> (00:00:30
/// Asia/Shanghai), so a new year's volume serves what waits.
/// </summary>
public sealed class DailyCorridorService(
    LedgerWriter writer,
    IClock clock,
    IOptions<RegistrySettings> settings,
    ILogger<DailyCorridorService> logger
) : DailyJob(clock, logger)
{
    protected override string Name => "The daily service of the water corridors' queues";

    protected override LocalTime RunsAt => LocalTime.FromTicksSinceMidnight(settings.Value.CorridorServiceRunsAt.Ticks);

    protected override async Task Run(CancellationToken ct)
    {
        foreach (var corridor in settings.Value.WaterCorridors)
        {
            try
            {
                await writer.Execute(
                    Guid.NewGuid(),
                    "ServeWaterCorridor",
                    async commit =>
                    {
                        await WaterCorridors.Serve(commit, corridor, TransferUnitsConsumer.Make);
                        return false;
                    },
                    ct
                );
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Corridor {Corridor}'s queue could not be served", corridor.Id);
            }
        }
    }
}
