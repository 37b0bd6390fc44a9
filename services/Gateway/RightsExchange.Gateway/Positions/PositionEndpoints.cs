using System.Security.Claims;
using MassTransit;
using NodaTime;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Input;
using RightsExchange.Gateway.Problems;

namespace RightsExchange.Gateway.Positions;

public static class PositionEndpoints
{
    public static void MapPositions(this WebApplication app)
    {
        // Operation ids as before the folder was named after the capability (Accounts -> Positions).
        app.MapGet("/api/accounts/{participantId}", Get)
            .WithName("accountGet")
            .WithTags("Accounts")
            .RequireAuthorization(Roles.AccountReader)
            .Produces<AccountStatement>();
        app.MapGet("/api/audit/conservation", Conservation)
            .WithName("accountConservation")
            .WithTags("Audit")
            .RequireAuthorization(Roles.Regulator)
            .Produces<ConservationReport>();
    }

    /// <summary>
    /// <c>GET /api/accounts/{participantId}?asOf=2025-06-30T07:00:00Z</c>: holdings per instrument (available and reserved,
    /// in the instrument's unit) and CNY cash. Traders see only their own participant (403 otherwise); 404 if unknown;
    /// 400 <c>INVALID_AS_OF</c> for an <c>asOf</c> that is not an ISO-8601 instant inside the accepted bounds.
    /// </summary>
    private static async Task<IResult> Get(
        string participantId,
        string? asOf,
        ClaimsPrincipal user,
        InputLimits limits,
        IRequestClient<GetAccount> client,
        CancellationToken ct
    )
    {
        if (!user.MayAccess(participantId))
            return Problem.Forbidden("A trader may read only its own participant's accounts, an individual only its own.");
        Instant? at = null;
        if (asOf is not null)
        {
            if (limits.ParseInstant(asOf, out var parsed) is { } why)
                return Problem.Of(ReasonCodes.InvalidAsOf, "asOf is not an accepted instant", $"asOf: {why}");
            at = parsed;
        }
        var response = await client.GetResponse<AccountStatement, AccountNotFound>(new GetAccount(participantId, at), ct);
        return response.Is(out Response<AccountStatement>? statement)
            ? Results.Ok(statement!.Message)
            : Problem.NotFound(ReasonCodes.ParticipantUnknown, "No such participant", $"No participant '{participantId}'.");
    }

    /// <summary><c>GET /api/audit/conservation</c> (regulator): units issued against held per instrument, cash deposited against
    /// held.</summary>
    private static async Task<IResult> Conservation(IRequestClient<GetConservation> client, CancellationToken ct) =>
        Results.Ok((await client.GetResponse<ConservationReport>(new GetConservation(), ct)).Message);
}
