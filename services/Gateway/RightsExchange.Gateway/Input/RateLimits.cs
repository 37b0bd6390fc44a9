using System.Globalization;
using System.Threading.RateLimiting;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Problems;

namespace RightsExchange.Gateway.Input;

/// <summary>Request rates the gateway admits (section <c>RateLimits</c>).</summary>
public sealed class RateLimitSettings
{
    /// <summary>Orders, amendments and cancels (also of block trades, auctions and bids) per second and participant, sustained.</summary>
    public int OrdersPerSecond { get; set; } = 200;

    /// <summary>How many of those a participant may send at once before the sustained rate applies.</summary>
    public int OrderBurst { get; set; } = 400;

    /// <summary>Requests per minute and client address without a token (market data, the feed, public retirements).</summary>
    public int AnonymousPerMinute { get; set; } = 600;
}

/// <summary>
/// ASP.NET Core's rate limiter: a token bucket per participant for order entry (policy <see cref="Orders"/>) and a fixed
/// window per client address for requests without a token. Past a limit: 429 problem details <c>RATE_LIMITED</c> with
/// <c>Retry-After</c> in seconds; nothing is sent on.
/// </summary>
public static class RateLimits
{
    public const string Orders = "orders";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("RateLimits").Get<RateLimitSettings>() ?? new RateLimitSettings();
        builder.Services.AddRateLimiter(o =>
        {
            var bucket = new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.OrderBurst,
                TokensPerPeriod = settings.OrdersPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
            };
            o.AddPolicy(Orders, http => RateLimitPartition.GetTokenBucketLimiter(http.User.ParticipantId() ?? Address(http), _ => bucket));
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.User.Identity?.IsAuthenticated == true
                    ? RateLimitPartition.GetNoLimiter("authenticated")
                    : RateLimitPartition.GetFixedWindowLimiter(Address(http), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = settings.AnonymousPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
            );
            o.OnRejected = async (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ProblemWriter.Write(
                    context.HttpContext,
                    StatusCodes.Status429TooManyRequests,
                    ReasonCodes.RateLimited,
                    "Too many requests",
                    $"This caller is over its request rate (RateLimits settings); retry after {seconds} s."
                );
            };
        });
        return builder;
    }

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
