using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace RightsExchange.Hosting;

/// <summary>
/// A background loop that one process at a time runs for a store, whatever the number of instances: the leader holds a
/// PostgreSQL session-level advisory lock named after the loop and the schema on a connection of its own, checked every
/// <see cref="LivenessCheck"/>, and gives it up by closing that connection (or dying). The others stand by and try again every
/// <see cref="StandbyRetry"/>. A failed step is logged and tried again after <see cref="FaultRetry"/>.
/// </summary>
public abstract class LeaderLoop(NpgsqlDataSource db, string lockName, ILogger logger) : BackgroundService
{
    /// <summary>How long a standby waits before it asks for the lock again.</summary>
    public static readonly TimeSpan StandbyRetry = TimeSpan.FromSeconds(2);

    /// <summary>How often the leader checks that its lock's connection is still alive.</summary>
    public static readonly TimeSpan LivenessCheck = TimeSpan.FromSeconds(1);

    /// <summary>How long the loop waits after a step failed (a server restarting, say).</summary>
    public static readonly TimeSpan FaultRetry = TimeSpan.FromSeconds(1);

    /// <summary>Does one step; returns true when there is more to do at once (a full page), false to wait.</summary>
    protected abstract Task<bool> Step(CancellationToken ct);

    /// <summary>Completes when the loop is to step again after a step that found nothing more to do.</summary>
    protected abstract Task Wait(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await db.OpenConnectionAsync(stoppingToken);
                if (!await TryLock(connection, stoppingToken))
                {
                    await Task.Delay(StandbyRetry, stoppingToken);
                    continue;
                }
                logger.LogDebug("Leading {Loop}", lockName);
                try
                {
                    // A session-level lock is held until its session ends, so a live connection still holds it; one lost
                    // (a server restart) has lost it too, and the check, once every LivenessCheck, ends the leadership.
                    var checkedAt = DateTime.UtcNow;
                    while (DateTime.UtcNow - checkedAt < LivenessCheck || await Alive(connection, stoppingToken))
                    {
                        if (DateTime.UtcNow - checkedAt >= LivenessCheck)
                            checkedAt = DateTime.UtcNow;
                        if (!await Step(stoppingToken))
                            await Wait(stoppingToken);
                    }
                }
                finally
                {
                    await Release(connection);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // On a fresh store Marten creates the event tables with the first append: nothing to follow until then.
                if (ex is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable } missing)
                    logger.LogDebug("{Loop} waits for the store's tables: {Reason}", lockName, missing.MessageText);
                else
                    logger.LogWarning(ex, "{Loop} failed; trying again", lockName);
                try
                {
                    await Task.Delay(FaultRetry, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<bool> TryLock(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock(hashtext(@name)::bigint)", connection);
        command.Parameters.AddWithValue("name", lockName);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    // The pool keeps a closed connection's session (no reset on close), so the lock is given up explicitly; a broken
    // connection has no session left to hold it.
    private static async Task Release(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
            return;
        try
        {
            await using var command = new NpgsqlCommand("select pg_advisory_unlock_all()", connection);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException) { }
    }

    private static async Task<bool> Alive(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select true", connection);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }
}
