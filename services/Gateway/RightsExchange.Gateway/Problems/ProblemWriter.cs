using Microsoft.AspNetCore.Mvc;

namespace RightsExchange.Gateway.Problems;

/// <summary>Writes the exchange's problem details where no endpoint result can: middleware and handler events.</summary>
public static class ProblemWriter
{
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
