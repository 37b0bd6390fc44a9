using Microsoft.AspNetCore.Mvc;
using RightsExchange.Contracts.Reasons;

namespace RightsExchange.Gateway.Problems;

/// <summary>Writes the exchange's problem details where no endpoint result can: middleware and handler events.</summary>
public static class ProblemWriter
{
    /// <summary>
    /// Writes the problem of reason code <paramref name="reason"/> with the catalogue's status (<see cref="ReasonCatalogue"/>).
    /// </summary>
    public static Task Write(HttpContext context, string reason, string title, string detail) =>
        Write(context, ReasonCatalogue.StatusOf(reason), reason, title, detail);

    /// <summary>Sets <paramref name="status"/> and writes <c>application/problem+json</c> with <paramref name="reason"/>.</summary>
    public static async Task Write(HttpContext context, int status, string reason, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(
            new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = status,
                    Type = Problem.TypeOf(reason),
                    Title = title,
                    Detail = detail,
                    Extensions = { ["reason"] = reason },
                },
            }
        );
    }
}
