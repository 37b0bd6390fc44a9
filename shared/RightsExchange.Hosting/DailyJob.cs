using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Hosting;

/// <summary>
/// A job run every day at <see cref="RunsAt"/> local time in <see cref="Zone"/> (Asia/Shanghai unless overridden), and
/// at start when <see cref="RunsAtStart"/>, so what fell due while the service was down is done at once. A run that
/// fails is logged and the next day's tries again; the host's stop ends the wait.
/// </summary>
public abstract class DailyJob(IClock clock, ILogger logger) : BackgroundService
{
    /// <summary>The service's clock, for a job's notion of today.</summary>
    protected IClock Clock => clock;

    /// <summary>What the job does, for the log, e.g. "The daily expiry of rights".</summary>
    protected abstract string Name { get; }

    protected abstract LocalTime RunsAt { get; }

    protected virtual DateTimeZone Zone => MarketTime.Zone;

    protected virtual bool RunsAtStart => true;

    /// <summary>False leaves the job off (a setting of the service).</summary>
    protected virtual bool Enabled => true;

    protected abstract Task Run(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
            return;
        if (!RunsAtStart)
            await DailySchedule.WaitForNext(clock, RunsAt, Zone, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Run(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "{Job} could not run", Name);
            }
            await DailySchedule.WaitForNext(clock, RunsAt, Zone, stoppingToken);
        }
    }
}
