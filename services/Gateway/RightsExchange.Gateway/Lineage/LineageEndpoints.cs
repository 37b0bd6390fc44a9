using MassTransit;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Problems;

namespace RightsExchange.Gateway.Lineage;

/// <summary>
/// The lineage of serial numbers (regulators): the batches, every step from issuance on, where each part is now.
/// </summary>
public static class LineageEndpoints
{
    public static void MapLineage(this WebApplication app)
    {
        // The operation ids these were published with (as TransactionEndpoints): client generators name methods after them.
        var api = app.MapGroup("/api").WithTags("Registry");
        api.MapGet("/instruments/{instrumentId}/lineage", Lineage)
            .WithName("transactionLineage")
            .RequireAuthorization(Roles.Regulator)
            .Produces<SerialLineage>();
    }

    /// <summary>
    /// <c>GET /api/instruments/{id}/lineage?first=&amp;last=</c> (regulator): the <see cref="SerialLineage"/> of serials
    /// first..last (last defaults to first): the batches, every step from issuance on, where each part is now.
    /// 400 for a range that is not 1 ≤ first ≤ last; 404 <c>SERIALS_UNKNOWN</c> when none of them was issued.
    /// </summary>
    private static async Task<IResult> Lineage(
        string instrumentId,
        long first,
        long? last,
        IRequestClient<GetSerialLineage> client,
        CancellationToken ct
    )
    {
        if (first < 1 || (last ?? first) < first)
            return Problem.Of(
                ReasonCodes.InvalidSerialRange,
                "Invalid serial range",
                $"Serials run from 1 and first ≤ last; asked for {first} to {last ?? first}."
            );
        var response = await client.GetResponse<SerialLineage, SerialLineageNotFound>(
            new GetSerialLineage(instrumentId, first, last ?? first),
            ct
        );
        return response.Is(out Response<SerialLineage>? lineage)
            ? Results.Ok(lineage!.Message)
            : Problem.Of(ReasonCodes.SerialsUnknown, "No such serials", ((SerialLineageNotFound)response.Message).Detail);
    }
}
