using System.Security.Claims;
using MassTransit;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Problems;

namespace RightsExchange.Gateway.Audit;

public static class ReconciliationEndpoints
{
    public static void MapReconciliations(this WebApplication app)
    {
        var group = app.MapGroup("/api/reconciliations").WithTags("Audit").RequireAuthorization(Roles.Regulator);
        group.MapPost("", Run).Produces<ReconciliationReport>();
        group.MapGet("", List).Produces<ReconciliationList>();
    }

    /// <summary>
    /// <c>POST /api/reconciliations</c> (regulator): reconciles the settlement ledger with the registry now and answers
    /// the recorded <see cref="ReconciliationReport"/> (200 whether or not it found differences: read <c>balanced</c>).
    /// 504 problem details if settlement or accounts does not answer.
    /// </summary>
    private static async Task<IResult> Run(ClaimsPrincipal user, IRequestClient<RunReconciliation> client, CancellationToken ct)
    {
        var subject = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub") ?? "unknown";
        var response = await client.GetResponse<ReconciliationReport>(new RunReconciliation(subject), ct, RequestTimeout.After(m: 5));
        return Results.Ok(response.Message);
    }

    /// <summary>
    /// <c>GET /api/reconciliations?limit=10</c> (regulator): the latest recorded reports (daily and on demand), newest
    /// first. 400 <c>INVALID_LIMIT</c> unless 1 ≤ limit ≤ 100.
    /// </summary>
    private static async Task<IResult> List(int? limit, IRequestClient<GetReconciliations> client, CancellationToken ct)
    {
        if (limit is < 1 or > MaxLimit)
            return Problem.Of(ReasonCodes.InvalidLimit, "Bad limit", $"limit must be between 1 and {MaxLimit}.");
        return Results.Ok((await client.GetResponse<ReconciliationList>(new GetReconciliations(limit ?? 10), ct)).Message);
    }

    private const int MaxLimit = 100;
}
