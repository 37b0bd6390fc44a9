using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace RightsExchange.Hosting;

/// <summary>
/// The retry for publishing committed events to the broker (the outbox relay, the public feed): 8 retries, exponential
/// from 200 ms with jitter, at most 10 s apart. Past the bound the subscription's page fails and the daemon tries it
/// again later, so nothing is skipped.
/// </summary>
public static class PublishRetry
{
    public static ResiliencePipeline Create(ILogger logger, string what) =>
        new ResiliencePipelineBuilder()
            .AddRetry(
                new RetryStrategyOptions
                {
                    MaxRetryAttempts = 8,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(200),
                    MaxDelay = TimeSpan.FromSeconds(10),
                    OnRetry = args =>
                    {
                        logger.LogWarning(
                            args.Outcome.Exception,
                            "Publishing {What} failed (attempt {Attempt}); retrying",
                            what,
                            args.AttemptNumber + 1
                        );
                        return ValueTask.CompletedTask;
                    },
                }
            )
            .Build();
}
