using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MassTransit;
using RightsExchange.Contracts.Biodiversity.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Values;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Input;
using RightsExchange.Gateway.Problems;
using RightsExchange.Gateway.Registry;

namespace RightsExchange.Gateway.Biodiversity;

/// <summary>Body of <c>POST /api/biodiversity/stewardship</c>; see <see cref="RegisterStewardshipAgreement"/> for the fields.</summary>
/// <param name="TotalFundDeposit">CNY the land holder pays into the Biodiversity Stewardship Payments Fund.</param>
/// <param name="AnnualPayment">CNY the fund pays the land holder each year once payments have begun.</param>
public sealed record StewardshipAgreementRequest(
    Guid? AgreementId,
    [property: Required] string LandholderId,
    [property: Required, StringLength(200, MinimumLength = 2)] string Site,
    [property: Required, MinLength(1), MaxLength(50)] IReadOnlyList<string> CreditInstrumentIds,
    [property: CashAmount] decimal TotalFundDeposit,
    [property: CashAmount] decimal AnnualPayment,
    [property: Range(1, 200)] int Years
);

/// <summary>
/// Body of <c>POST /api/biodiversity/stewardship/{id}/deposits</c>: CNY the land holder pays toward the Total Fund
/// Deposit.
/// </summary>
public sealed record StewardshipDepositRequest(
    Guid? PaymentId,
    [property: Required] string LandholderId,
    [property: CashAmount] decimal Amount
);

/// <summary>
/// Biodiversity stewardship agreements: a regulator records one for the Biodiversity Conservation Trust, the land holder
/// pays its credit-sale proceeds toward the Total Fund Deposit, the fund manager (a regulator) pays the yearly amounts
/// as they fall due, and anyone reads where an agreement stands.
/// </summary>
public static class StewardshipEndpoints
{
    public static void MapStewardship(this WebApplication app)
    {
        var api = app.MapGroup("/api/biodiversity/stewardship").WithTags("Biodiversity");
        api.MapPost("", Register).RequireAuthorization(Roles.Regulator).RegistryAnswers();
        api.MapPost("/{agreementId:guid}/deposits", Deposit).RequireAuthorization("any").RegistryAnswers();
        api.MapPost("/{agreementId:guid}/payments", Pay).RequireAuthorization(Roles.Regulator).RegistryAnswers();
        api.MapGet("/{agreementId:guid}", Get).AllowAnonymous().Produces<StewardshipAgreementView>();
    }

    /// <summary>
    /// <c>POST /api/biodiversity/stewardship</c> (regulator): 201; 422 INVALID_AGREEMENT or PARTICIPANT_UNKNOWN; 409
    /// AGREEMENT_EXISTS.
    /// </summary>
    private static Task<IResult> Register(
        StewardshipAgreementRequest r,
        ClaimsPrincipal user,
        IRequestClient<RegisterStewardshipAgreement> client,
        CancellationToken ct
    )
    {
        var id = r.AgreementId ?? NewId.NextGuid();
        var command = new RegisterStewardshipAgreement(
            id,
            r.LandholderId,
            r.Site,
            r.CreditInstrumentIds,
            Money.InCny(r.TotalFundDeposit),
            Money.InCny(r.AnnualPayment),
            r.Years,
            user.Actor()
        );
        return RegistryEndpoints.Send(client, command, id, $"/api/biodiversity/stewardship/{id}", ct);
    }

    /// <summary>
    /// <c>POST /api/biodiversity/stewardship/{id}/deposits</c>: the land holder's trader (403 otherwise) or a regulator;
    /// 422 INSUFFICIENT_CASH, INVALID_AMOUNT, NOT_LANDHOLDER, AGREEMENT_UNKNOWN.
    /// </summary>
    private static Task<IResult> Deposit(
        Guid agreementId,
        StewardshipDepositRequest r,
        ClaimsPrincipal user,
        IRequestClient<PayStewardshipDeposit> client,
        CancellationToken ct
    )
    {
        return RegistryEndpoints.SendFor(
            user,
            r.LandholderId,
            "A trader may pay only its own participant's deposit.",
            r.PaymentId,
            client,
            id => new PayStewardshipDeposit(id, agreementId, r.LandholderId, r.Amount, user.Actor()),
            _ => $"/api/biodiversity/stewardship/{agreementId}",
            ct
        );
    }

    /// <summary>
    /// <c>POST /api/biodiversity/stewardship/{id}/payments</c> (regulator, for the fund manager): pays every yearly amount
    /// due and unpaid; 422 NOTHING_DUE, INSUFFICIENT_CASH, AGREEMENT_UNKNOWN.
    /// </summary>
    private static Task<IResult> Pay(
        Guid agreementId,
        ClaimsPrincipal user,
        IRequestClient<PayStewardshipInstalments> client,
        CancellationToken ct
    ) =>
        RegistryEndpoints.Send(
            client,
            new PayStewardshipInstalments(agreementId, user.Actor()),
            NewId.NextGuid(),
            $"/api/biodiversity/stewardship/{agreementId}",
            ct
        );

    /// <summary>
    /// <c>GET /api/biodiversity/stewardship/{id}</c> (public): the terms, the deposit paid, the payments made; 404
    /// AGREEMENT_UNKNOWN.
    /// </summary>
    private static async Task<IResult> Get(Guid agreementId, IRequestClient<GetStewardshipAgreement> client, CancellationToken ct)
    {
        var view = (await client.GetResponse<StewardshipAgreementView>(new GetStewardshipAgreement(agreementId), ct)).Message;
        return view.Agreement is null
            ? Problem.NotFound(ReasonCodes.AgreementUnknown, "No such stewardship agreement", $"No stewardship agreement {agreementId}.")
            : Results.Ok(view);
    }
}
