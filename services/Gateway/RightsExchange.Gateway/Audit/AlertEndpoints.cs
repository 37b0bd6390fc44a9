using MassTransit;
using RightsExchange.Contracts.Operations.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Problems;

namespace RightsExchange.Gateway.Audit;

public static class AlertEndpoints
{
    public static void MapAlerts(this WebApplication app) =>
        app.MapGet("/api/alerts", List).WithTags("Audit").RequireAuthorization(Roles.Regulator).Produces<AlertList>();

    /// <summary>
    /// <c>GET /api/alerts?limit=20</c> (regulator): the latest dead-lettered messages (<see cref="MessageDeadLettered"/>),
    /// newest first. 400 <c>INVALID_LIMIT</c> unless 1 ≤ limit ≤ 100.
    /// </summary>
    private static async Task<IResult> List(int? limit, IRequestClient<GetAlerts> client, CancellationToken ct)
    {
        if (limit is < 1 or > MaxLimit)
            return Problem.Of(ReasonCodes.InvalidLimit, "Bad limit", $"limit must be between 1 and {MaxLimit}.");
        return Results.Ok((await client.GetResponse<AlertList>(new GetAlerts(limit ?? 20), ct)).Message);
    }

    private const int MaxLimit = 100;
}
