using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MassTransit;
using RightsExchange.Contracts.Biodiversity.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Input;
using RightsExchange.Gateway.Problems;
using RightsExchange.Gateway.Registry;

namespace RightsExchange.Gateway.Biodiversity;

/// <summary>Body of <c>POST /api/biodiversity/consents</c>: a development consent and the credits it requires.</summary>
/// <param name="Reference">The consent's number, e.g. <c>SSD-10477</c>.</param>
/// <param name="Subregion">The IBRA subregion of the development site.</param>
/// <param name="Requirements">The obligation's lines; see <see cref="CreditRequirement"/>.</param>
public sealed record ConsentRequest(
    Guid? ConsentId,
    [property: Required] string DeveloperId,
    [property: Required, StringLength(100, MinimumLength = 2)] string Reference,
    [property: Required, StringLength(100, MinimumLength = 2)] string Subregion,
    [property: Required] GeoPoint Site,
    [property: Required, MinLength(1), MaxLength(50)] IReadOnlyList<CreditRequirement> Requirements
);

/// <summary>
/// Body of <c>POST /api/biodiversity/consents/{id}/retirements</c>: credits <paramref name="ParticipantId"/> retires
/// against line <paramref name="Requirement"/>.
/// </summary>
public sealed record ObligationRetirementRequest(
    Guid? RetirementId,
    [property: Range(0, 49)] int Requirement,
    [property: Required] string ParticipantId,
    [property: Required] string InstrumentId,
    [property: Quantity] decimal Quantity
);

/// <summary>
/// Body of <c>POST /api/biodiversity/consents/{id}/fund-payments</c>: the developer pays the fund for
/// <paramref name="Credits"/> credits of a line.
/// </summary>
public sealed record FundPaymentRequest(
    Guid? PaymentId,
    [property: Range(0, 49)] int Requirement,
    [property: Required] string DeveloperId,
    [property: Quantity] decimal Credits
);

/// <summary>
/// Biodiversity offset obligations (NSW Biodiversity Offsets Scheme): a regulator records a development consent's credit
/// obligation; the developer retires like-for-like credits against it or pays the Biodiversity Conservation Fund, which
/// then retires credits for what it was paid; anyone reads where an obligation stands.
/// </summary>
public static class ObligationEndpoints
{
    public static void MapBiodiversityObligations(this WebApplication app)
    {
        var api = app.MapGroup("/api/biodiversity/consents").WithTags("Biodiversity");
        api.MapPost("", Record).RequireAuthorization(Roles.Regulator).RegistryAnswers();
        api.MapPost("/{consentId:guid}/retirements", Retire).RequireAuthorization("any").RegistryAnswers();
        api.MapPost("/{consentId:guid}/fund-payments", PayFund).RequireAuthorization("any").RegistryAnswers();
        api.MapGet("/{consentId:guid}", Get).AllowAnonymous().Produces<ObligationView>();
        app.MapGet("/api/biodiversity/register/{instrumentId}", Register)
            .WithTags("Biodiversity")
            .AllowAnonymous()
            .Produces<CreditRegister>();
    }

    /// <summary>
    /// <c>POST /api/biodiversity/consents</c> (regulator): 201; 422 INVALID_REQUIREMENT or PARTICIPANT_UNKNOWN; 409
    /// CONSENT_EXISTS.
    /// </summary>
    private static Task<IResult> Record(
        ConsentRequest r,
        ClaimsPrincipal user,
        IRequestClient<RecordDevelopmentConsent> client,
        CancellationToken ct
    )
    {
        var id = r.ConsentId ?? NewId.NextGuid();
        return RegistryEndpoints.Send(
            client,
            new RecordDevelopmentConsent(id, r.DeveloperId, r.Reference, r.Subregion, r.Site, r.Requirements, user.Actor()),
            id,
            $"/api/biodiversity/consents/{id}",
            ct
        );
    }

    /// <summary>
    /// <c>POST /api/biodiversity/consents/{id}/retirements</c>: a trader of the retiring participant (the developer or the
    /// fund; 403 otherwise) or a regulator. 422 NOT_LIKE_FOR_LIKE with the rule broken, NOT_OBLIGED, EXCEEDS_OBLIGATION,
    /// INSUFFICIENT_UNITS, ...
    /// </summary>
    private static Task<IResult> Retire(
        Guid consentId,
        ObligationRetirementRequest r,
        ClaimsPrincipal user,
        IRequestClient<RetireAgainstObligation> client,
        CancellationToken ct
    )
    {
        return RegistryEndpoints.SendFor(
            user,
            r.ParticipantId,
            "A trader may retire only its own participant's credits.",
            r.RetirementId,
            client,
            id => new RetireAgainstObligation(id, consentId, r.Requirement, r.ParticipantId, r.InstrumentId, r.Quantity, user.Actor()),
            id => $"/api/retirements/{id}",
            ct
        );
    }

    /// <summary>
    /// <c>POST /api/biodiversity/consents/{id}/fund-payments</c>: the developer's trader (403 otherwise) or a regulator.
    /// 422 INSUFFICIENT_CASH, EXCEEDS_OBLIGATION, NOT_DEVELOPER, ...
    /// </summary>
    private static Task<IResult> PayFund(
        Guid consentId,
        FundPaymentRequest r,
        ClaimsPrincipal user,
        IRequestClient<PayConservationFund> client,
        CancellationToken ct
    )
    {
        return RegistryEndpoints.SendFor(
            user,
            r.DeveloperId,
            "A trader may pay only for its own participant's obligation.",
            r.PaymentId,
            client,
            id => new PayConservationFund(id, consentId, r.Requirement, r.DeveloperId, r.Credits, user.Actor()),
            id => $"/api/biodiversity/consents/{consentId}",
            ct
        );
    }

    /// <summary>
    /// <c>GET /api/biodiversity/register/{instrumentId}</c> (public): every issuance, trade (with its price), transfer
    /// (with the price recorded) and retirement of a biodiversity credit; 404 INSTRUMENT_UNKNOWN for an unknown
    /// instrument or one that is not a biodiversity credit.
    /// </summary>
    private static async Task<IResult> Register(string instrumentId, IRequestClient<GetCreditRegister> client, CancellationToken ct)
    {
        var register = (await client.GetResponse<CreditRegister>(new GetCreditRegister(instrumentId), ct)).Message;
        return register.Listed
            ? Results.Ok(register)
            : Problem.NotFound(
                ReasonCodes.InstrumentUnknown,
                "No such biodiversity credit",
                $"No biodiversity credit '{instrumentId}' is listed."
            );
    }

    /// <summary>
    /// <c>GET /api/biodiversity/consents/{id}</c> (public): the obligation, each line's standing and every transaction;
    /// 404 CONSENT_UNKNOWN.
    /// </summary>
    private static async Task<IResult> Get(Guid consentId, IRequestClient<GetObligation> client, CancellationToken ct)
    {
        var view = (await client.GetResponse<ObligationView>(new GetObligation(consentId), ct)).Message;
        return view.Consent is null
            ? Problem.NotFound(ReasonCodes.ConsentUnknown, "No such consent", $"No development consent {consentId}.")
            : Results.Ok(view);
    }
}
