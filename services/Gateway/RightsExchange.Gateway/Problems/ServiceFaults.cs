using MassTransit;
using Microsoft.AspNetCore.Diagnostics;
using Polly.CircuitBreaker;
using RabbitMQ.Client.Exceptions;
using RightsExchange.Contracts.Reasons;

namespace RightsExchange.Gateway.Problems;

/// <summary>
/// Turns a back-end service that did not answer a request in time (MassTransit's <see cref="RequestTimeoutException"/>),
/// a broker that did not confirm a send in time (<see cref="TimeoutException"/>) or could not be reached
/// (<see cref="ConnectionException"/>, RabbitMQ's client exceptions), and order commands refused at once while sends
/// fail (<see cref="BrokenCircuitException"/>, with Retry-After) into 503 problem details with reason
/// SERVICE_UNAVAILABLE, so a client knows to retry; other failures stay 500.
/// </summary>
public sealed class ServiceFaults(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (
            exception
            is not (RequestTimeoutException or TimeoutException or ConnectionException or RabbitMQClientException or BrokenCircuitException)
        )
            return false;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        if (exception is BrokenCircuitException { RetryAfter: { } retryAfter })
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
        return await problems.TryWriteAsync(
            new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Type = "urn:rightsexchange:problem:SERVICE_UNAVAILABLE",
                    Title = "A service did not answer in time",
                    Detail =
                        "The request reached the exchange but a back-end service did not answer; it is safe to retry with the same ids.",
                    Extensions = { ["reason"] = ReasonCodes.ServiceUnavailable },
                },
            }
        );
    }
}
