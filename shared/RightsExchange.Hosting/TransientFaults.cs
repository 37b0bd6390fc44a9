using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;

namespace RightsExchange.Hosting;

/// <summary>
/// A message that can never be applied (a missing or contradictory field). It is not retried: the consumer fails at
/// once, MassTransit moves the message to its endpoint's <c>_error</c> queue with this reason, and the published
/// fault raises a regulator-visible alert (settlement records it).
/// </summary>
public sealed class MalformedMessageException(string reason) : Exception(reason);

/// <summary>
/// What counts as transient (the database or the network briefly away), and the Polly pipeline that retries it:
/// <c>Messaging:Retry:MaxAttempts</c> retries (6), exponential from <c>Messaging:Retry:FirstDelay</c> (200 ms) with
/// jitter, at most <c>Messaging:Retry:MaxDelay</c> (5 s) apart. Past the bound the last exception is thrown.
/// </summary>
public static class TransientFaults
{
    /// <summary>True for a fault worth retrying: a transient PostgreSQL or socket error, a timeout, a concurrent append.</summary>
    public static bool IsTransient(Exception ex) =>
        ex switch
        {
            MalformedMessageException => false,
            NpgsqlException npgsql when npgsql.IsTransient => true,
            PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } => true,
            JasperFx.Events.EventStreamUnexpectedMaxEventIdException => true,
            TimeoutException or SocketException => true,
            _ => ex.InnerException is { } inner && IsTransient(inner),
        };

    /// <summary>The retry pipeline for <paramref name="what"/>, logging each retry.</summary>
    public static ResiliencePipeline Pipeline(RetrySettings settings, ILogger logger, string what) =>
        new ResiliencePipelineBuilder()
            .AddRetry(
                new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                    MaxRetryAttempts = settings.MaxAttempts,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = settings.FirstDelay,
                    MaxDelay = settings.MaxDelay,
                    OnRetry = args =>
                    {
                        logger.LogWarning(
                            args.Outcome.Exception,
                            "{What} failed transiently (attempt {Attempt} of {Max}); retrying in {Delay}",
                            what,
                            args.AttemptNumber + 1,
                            settings.MaxAttempts + 1,
                            args.RetryDelay
                        );
                        return ValueTask.CompletedTask;
                    },
                }
            )
            .Build();
}

/// <summary>Retry bounds for transient faults (section <c>Messaging:Retry</c>).</summary>
public sealed class RetrySettings
{
    public int MaxAttempts { get; set; } = 6;
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);
}
