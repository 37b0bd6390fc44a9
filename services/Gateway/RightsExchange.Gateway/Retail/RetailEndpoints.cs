using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MassTransit;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Retail.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Input;
using RightsExchange.Gateway.Problems;
using RightsExchange.Gateway.Registry;

namespace RightsExchange.Gateway.Retail;

/// <summary>Body of <c>POST /api/retail/individuals</c>: how the individual wants to be named, and where they live.</summary>
/// <param name="Region">The province or region code (<c>CN</c> when not given), for region-bound rights.</param>
public sealed record IndividualSignUpRequest(
    [property: Required, StringLength(100, MinimumLength = 1)] string Name,
    [property: StringLength(64)] string? Region
);

/// <summary>Answer 201 of <c>POST /api/retail/individuals</c>: the participant the signed-in individual acts for.</summary>
public sealed record IndividualSignedUp(string ParticipantId);

/// <summary>Body of <c>POST /api/retail/offers</c>: units of a right listed for retail, offered at a fixed price.</summary>
/// <param name="Price">CNY per unit of the right, whole fen.</param>
/// <param name="Quantity">Units offered, a multiple of the right's retail step.</param>
public sealed record RetailOfferRequest(
    Guid? OfferId,
    [property: Required] string InstrumentId,
    [property: Price] decimal Price,
    [property: Quantity] decimal Quantity
);

/// <summary>Body of <c>POST /api/retail/purchases</c>. <paramref name="PurchaseId"/> makes a retry safe.</summary>
/// <param name="Amount">CNY the buyer pays at most, whole fen; the answer's record says what it bought.</param>
/// <param name="Beneficiary">Whose footprint the retired units offset, as shown on the public retirement record.</param>
public sealed record RetailPurchaseRequest(
    Guid? PurchaseId,
    Guid OfferId,
    [property: CashAmount] decimal Amount,
    [property: Required, StringLength(200, MinimumLength = 1)] string Beneficiary
);

/// <summary>
/// Retail sales to the public (the "one-yuan carbon sink"): an individual signed in through the identity provider signs
/// up once, a member's trader offers units of a right listed for retail at a fixed price, and the individual buys by
/// amount; each purchase settles delivery versus payment and is retired at once, its public record at
/// <c>/api/retirements/{purchaseId}</c>.
/// </summary>
public static class RetailEndpoints
{
    public static void MapRetail(this WebApplication app)
    {
        var api = app.MapGroup("/api/retail").WithTags("Retail");
        api.MapPost("/individuals", SignUp)
            .RequireAuthorization(Roles.Individual)
            .Produces<IndividualSignedUp>(StatusCodes.Status201Created);
        api.MapPost("/offers", Offer).RequireAuthorization(Roles.Trader).RegistryAnswers();
        api.MapDelete("/offers/{offerId:guid}", Withdraw).RequireAuthorization(Roles.Trader).RegistryAnswers();
        api.MapGet("/offers/{offerId:guid}", Get).AllowAnonymous().Produces<RetailOfferView>();
        api.MapPost("/purchases", Buy).RequireAuthorization(Roles.Individual).RegistryAnswers();
    }

    /// <summary>
    /// <c>POST /api/retail/individuals</c> (an individual's token): registers the signed-in person as an individual
    /// participant, its id derived from the token's issuer and subject; 201 with the participant id, 409
    /// PARTICIPANT_EXISTS when signed up already.
    /// </summary>
    private static async Task<IResult> SignUp(
        IndividualSignUpRequest r,
        ClaimsPrincipal user,
        IRequestClient<RegisterParticipant> client,
        CancellationToken ct
    )
    {
        var participantId = user.IndividualId();
        var answer = await RegistryEndpoints.Send(
            client,
            new RegisterParticipant(participantId, r.Name, ParticipantKind.Individual, r.Region ?? "CN", user.Actor()),
            NewId.NextGuid(),
            $"/api/accounts/{participantId}",
            ct
        );
        return answer is IStatusCodeHttpResult { StatusCode: StatusCodes.Status201Created }
            ? Results.Created($"/api/accounts/{participantId}", new IndividualSignedUp(participantId))
            : answer;
    }

    /// <summary>
    /// <c>POST /api/retail/offers</c> (the seller's trader): 201, the offer at <c>/api/retail/offers/{id}</c>; 422
    /// NOT_RETAIL, INVALID_PRICE, INVALID_QUANTITY, INSUFFICIENT_UNITS, RETAIL_ONLY, INSTRUMENT_UNKNOWN; 409 OFFER_EXISTS.
    /// </summary>
    private static Task<IResult> Offer(
        RetailOfferRequest r,
        ClaimsPrincipal user,
        IRequestClient<ListRetailOffer> client,
        CancellationToken ct
    )
    {
        var id = r.OfferId ?? NewId.NextGuid();
        return RegistryEndpoints.Send(
            client,
            new ListRetailOffer(id, user.ParticipantId()!, r.InstrumentId, r.Price, r.Quantity, user.Actor()),
            id,
            $"/api/retail/offers/{id}",
            ct
        );
    }

    /// <summary><c>DELETE /api/retail/offers/{id}</c> (the seller's trader): 201; 422 OFFER_UNKNOWN, NOT_SELLER, OFFER_CLOSED.</summary>
    private static Task<IResult> Withdraw(
        Guid offerId,
        ClaimsPrincipal user,
        IRequestClient<WithdrawRetailOffer> client,
        CancellationToken ct
    ) =>
        RegistryEndpoints.Send(
            client,
            new WithdrawRetailOffer(offerId, user.ParticipantId()!, user.Actor()),
            NewId.NextGuid(),
            $"/api/retail/offers/{offerId}",
            ct
        );

    /// <summary><c>GET /api/retail/offers/{id}</c> (public): the offer, what is sold and left; 404 OFFER_UNKNOWN.</summary>
    private static async Task<IResult> Get(Guid offerId, IRequestClient<GetRetailOffer> client, CancellationToken ct)
    {
        var view = (await client.GetResponse<RetailOfferView>(new GetRetailOffer(offerId), ct)).Message;
        return view.Offer is null
            ? Problem.NotFound(ReasonCodes.OfferUnknown, "No such retail offer", $"No retail offer {offerId}.")
            : Results.Ok(view);
    }

    /// <summary>
    /// <c>POST /api/retail/purchases</c> (an individual's token, buying for the participant it signed up as): 201, its
    /// public retirement record at <c>/api/retirements/{purchaseId}</c>; 422 with the reasons of <see cref="BuyRetail"/>.
    /// </summary>
    private static Task<IResult> Buy(RetailPurchaseRequest r, ClaimsPrincipal user, IRequestClient<BuyRetail> client, CancellationToken ct)
    {
        var id = r.PurchaseId ?? NewId.NextGuid();
        return RegistryEndpoints.Send(
            client,
            new BuyRetail(id, r.OfferId, user.IndividualId(), r.Amount, r.Beneficiary, user.Actor()),
            id,
            $"/api/retirements/{id}",
            ct
        );
    }
}
