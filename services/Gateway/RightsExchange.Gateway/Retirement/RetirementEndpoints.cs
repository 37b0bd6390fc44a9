using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MassTransit;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Input;
using RightsExchange.Gateway.Problems;
using RightsExchange.Gateway.Registry;

namespace RightsExchange.Gateway.Retirement;

/// <summary>Body of <c>POST /api/retirements</c>.</summary>
public sealed record RetirementRequest(
    Guid? RetirementId,
    [property: Required] string ParticipantId,
    [property: Required] string InstrumentId,
    [property: Quantity] decimal Quantity,
    [property: Required, StringLength(200, MinimumLength = 2)] string Beneficiary,
    [property: Required, StringLength(500, MinimumLength = 2)] string Purpose,
    int? Batch
);

/// <summary>
/// Retirements of units, each with a public record anyone holding its id may read. Each command answers 201 on
/// success and the registry's reason otherwise (<see cref="RegistryEndpoints.Send{T}"/>).
/// </summary>
public static class RetirementEndpoints
{
    public static void MapRetirements(this WebApplication app)
    {
        // The operation ids these were published with (as TransactionEndpoints): client generators name methods after them.
        var api = app.MapGroup("/api").WithTags("Registry");
        api.MapPost("/retirements", Retire).WithName("transactionRetire").RequireAuthorization("any").RegistryAnswers();
        api.MapGet("/retirements/{retirementId:guid}", Retirement)
            .WithName("transactionRetirement")
            .AllowAnonymous()
            .Produces<RetirementRecorded>();
    }

    /// <summary><c>POST /api/retirements</c>: a trader for the holder (403 otherwise), or a regulator. Location: the public
    /// record.</summary>
    private static Task<IResult> Retire(RetirementRequest r, ClaimsPrincipal user, IRequestClient<RetireUnits> client, CancellationToken ct)
    {
        return RegistryEndpoints.SendFor(
            user,
            r.ParticipantId,
            "A trader may retire only its own participant's units.",
            r.RetirementId,
            client,
            id => new RetireUnits(id, r.ParticipantId, r.InstrumentId, r.Quantity, r.Beneficiary, r.Purpose, user.Actor(), r.Batch),
            id => $"/api/retirements/{id}",
            ct
        );
    }

    /// <summary><c>GET /api/retirements/{id}</c>: the retirement record, for anyone who has its id. 404
    /// <c>RETIREMENT_UNKNOWN</c>.</summary>
    private static async Task<IResult> Retirement(Guid retirementId, IRequestClient<GetRetirement> client, CancellationToken ct)
    {
        var response = await client.GetResponse<RetirementRecorded, RetirementNotFound>(new GetRetirement(retirementId), ct);
        return response.Is(out Response<RetirementRecorded>? record)
            ? Results.Ok(record!.Message)
            : Problem.Of(ReasonCodes.RetirementUnknown, "No such retirement", $"No retirement record {retirementId}.");
    }
}
