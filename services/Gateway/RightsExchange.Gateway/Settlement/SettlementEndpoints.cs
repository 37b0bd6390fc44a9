using System.Security.Claims;
using MassTransit;
using NodaTime.Text;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Input;
using RightsExchange.Gateway.Problems;

namespace RightsExchange.Gateway.Settlement;

public static class SettlementEndpoints
{
    public static void MapSettlement(this WebApplication app)
    {
        app.MapPost("/api/settlement-cycles", RunCycle)
            .WithTags("Settlement")
            .RequireAuthorization(Roles.Regulator)
            .Produces<NetCycleRun>();
        app.MapGet("/api/accounts/{participantId}/statements/{date}", Statement)
            .WithTags("Settlement")
            .RequireAuthorization("any")
            .Produces<DailyStatement>();
    }

    /// <summary>
    /// <c>POST /api/settlement-cycles</c> (regulator): runs the end-of-day net cycle now, ahead of the cut-off, for every
    /// scheduled settlement. 200 with <see cref="NetCycleRun"/> (<c>cycleId</c> null when nothing was scheduled).
    /// </summary>
    private static async Task<IResult> RunCycle(ClaimsPrincipal user, IRequestClient<RunNetCycle> client, CancellationToken ct)
    {
        var subject = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub") ?? "unknown";
        return Results.Ok((await client.GetResponse<NetCycleRun>(new RunNetCycle(subject), ct)).Message);
    }

    /// <summary>
    /// <c>GET /api/accounts/{participantId}/statements/2025-06-30</c>: the participant's <see cref="DailyStatement"/> for
    /// that trading day (Asia/Shanghai): trades, fees and net movements. Traders see only their own (403);
    /// 400 <c>INVALID_DATE</c> unless the date is yyyy-MM-dd inside the accepted bounds.
    /// </summary>
    private static async Task<IResult> Statement(
        string participantId,
        string date,
        ClaimsPrincipal user,
        InputLimits limits,
        IRequestClient<GetDailyStatement> client,
        CancellationToken ct
    )
    {
        if (!user.MayAccess(participantId))
            return Problem.Forbidden("A trader may read only its own participant's statements.");
        var parsed = LocalDatePattern.Iso.Parse(date);
        if (!parsed.Success)
            return Problem.Of(ReasonCodes.InvalidDate, "Bad date", "Give the statement's day as yyyy-MM-dd, e.g. 2025-06-30.");
        if (limits.CheckDate(parsed.Value) is { } why)
            return Problem.Of(ReasonCodes.InvalidDate, "Date out of bounds", why);
        return Results.Ok((await client.GetResponse<DailyStatement>(new GetDailyStatement(participantId, parsed.Value), ct)).Message);
    }
}
