using System.Security.Claims;
using MassTransit;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Gateway.Auth;

namespace RightsExchange.Gateway.Corridors;

/// <summary>
/// The water corridors' yearly volumes, use and queues, for anyone signed in (parties shown to the parties and to
/// regulators only).
/// </summary>
public static class WaterCorridorEndpoints
{
    public static void MapWaterCorridors(this WebApplication app)
    {
        // The operation ids these were published with (as TransactionEndpoints): client generators name methods after them.
        var api = app.MapGroup("/api").WithTags("Registry");
        api.MapGet("/water-corridors", Corridors)
            .WithName("transactionCorridors")
            .RequireAuthorization("any")
            .Produces<WaterCorridorList>();
    }

    /// <summary>
    /// <c>GET /api/water-corridors</c> (any authenticated): each corridor's yearly volume, use and remaining capacity now,
    /// its queue in order (parties shown to a regulator and to the parties) and the queued transfers dropped.
    /// </summary>
    private static async Task<IResult> Corridors(ClaimsPrincipal user, IRequestClient<GetWaterCorridors> client, CancellationToken ct)
    {
        var list = (await client.GetResponse<WaterCorridorList>(new GetWaterCorridors(), ct)).Message;
        return Results.Ok(
            list with
            {
                Corridors = list
                    .Corridors.Select(c =>
                        c with
                        {
                            Queue = c
                                .Queue.Select(q =>
                                    user.MayAccess(q.FromParticipantId!) || user.MayAccess(q.ToParticipantId!)
                                        ? q
                                        : q with
                                        {
                                            FromParticipantId = null,
                                            ToParticipantId = null,
                                        }
                                )
                                .ToList(),
                        }
                    )
                    .ToList(),
            }
        );
    }
}
