using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MassTransit;
using NodaTime;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Input;
using RightsExchange.Gateway.Problems;
using RightsExchange.Gateway.Registry;

namespace RightsExchange.Gateway.Pledges;

/// <summary>Body of <c>POST /api/pledges</c>.</summary>
public sealed record PledgeRequest(
    Guid? PledgeId,
    [property: Required] string PledgorId,
    [property: Required] string PledgeeId,
    [property: Required] string InstrumentId,
    [property: Quantity] decimal Quantity,
    [property: Required, StringLength(200, MinimumLength = 2)] string Reference,
    int? Batch
);

/// <summary>
/// Body of <c>POST /api/pledges/forward</c>: a pledge of the units <paramref name="Project"/> is still to be issued to
/// the pledgor.
/// </summary>
/// <param name="Project">The project, exactly as its issuances name it.</param>
/// <param name="ExpectedQuantity">Units expected, in the instrument's unit, a multiple of its quantity step.</param>
/// <param name="LoanAmount">CNY lent against the pledge.</param>
/// <param name="Maturity">The loan's last day (Asia/Shanghai); the pledgee may apply for enforcement after it.</param>
/// <param name="RepurchasePrice">CNY the pledgor pays to buy the right back: the whole price, not per unit.</param>
/// <param name="RepurchaseDate">The day agreed for the repurchase, on or before the maturity.</param>
public sealed record ForwardPledgeRequest(
    Guid? PledgeId,
    [property: Required] string PledgorId,
    [property: Required] string PledgeeId,
    [property: Required] string InstrumentId,
    [property: Required, StringLength(200, MinimumLength = 2)] string Project,
    [property: Quantity] decimal ExpectedQuantity,
    [property: CashAmount] decimal LoanAmount,
    [property: Required] LocalDate? Maturity,
    [property: CashAmount] decimal RepurchasePrice,
    [property: Required] LocalDate? RepurchaseDate,
    [property: Required, StringLength(200, MinimumLength = 2)] string Reference
);

/// <summary>
/// Pledges of units held, forward pledges of units still to be issued, their release, enforcement (four-eyes) and
/// repurchase. Each command answers 201 on success and the registry's reason otherwise (<see
/// cref="RegistryEndpoints.Send{T}"/>).
/// </summary>
public static class PledgeEndpoints
{
    public static void MapPledges(this WebApplication app)
    {
        // The operation ids these were published with (as TransactionEndpoints): client generators name methods after them.
        var api = app.MapGroup("/api").WithTags("Registry");
        api.MapPost("/pledges", Pledge).WithName("transactionPledge").RequireAuthorization("any").RegistryAnswers();
        api.MapPost(
                "/pledges/{pledgeId:guid}/release",
                (Guid pledgeId, ReasonRequest r, ClaimsPrincipal user, IRequestClient<EndPledge> client, CancellationToken ct) =>
                    End(pledgeId, enforce: false, r, user, client, ct)
            )
            .WithSummary("Release a pledge: the units are free again (the pledgee or a regulator)")
            .RequireAuthorization("any")
            .RegistryAnswers();
        api.MapPost(
                "/pledges/{pledgeId:guid}/enforce",
                (Guid pledgeId, ReasonRequest r, ClaimsPrincipal user, IRequestClient<EndPledge> client, CancellationToken ct) =>
                    End(pledgeId, enforce: true, r, user, client, ct)
            )
            .WithSummary("Propose the enforcement of a pledge: the units go to the pledgee (four-eyes)")
            .RequireAuthorization(Roles.Regulator)
            .RegistryAnswers(fourEyes: true);
        api.MapPost("/pledges/forward", RegisterForwardPledge)
            .WithName("transactionRegisterForwardPledge")
            .RequireAuthorization("any")
            .RegistryAnswers();
        api.MapPost("/pledges/{pledgeId:guid}/repurchase", Repurchase)
            .WithName("transactionRepurchase")
            .WithSummary("Buy a forward pledge back at its repurchase price: the units are free again (the pledgor or a regulator)")
            .RequireAuthorization("any")
            .RegistryAnswers();
        api.MapGet("/pledges/{pledgeId:guid}", GetPledge)
            .WithName("transactionGetPledge")
            .RequireAuthorization("any")
            .Produces<PledgeView>();
    }

    /// <summary><c>POST /api/pledges</c>: a trader for the pledgor (403 otherwise), or a regulator.</summary>
    private static Task<IResult> Pledge(PledgeRequest r, ClaimsPrincipal user, IRequestClient<PledgeUnits> client, CancellationToken ct)
    {
        return RegistryEndpoints.SendFor(
            user,
            r.PledgorId,
            "A trader may pledge only its own participant's units.",
            r.PledgeId,
            client,
            id => new PledgeUnits(id, r.PledgorId, r.PledgeeId, r.InstrumentId, r.Quantity, r.Reference, user.Actor(), r.Batch),
            id => $"/api/pledges/{id}",
            ct
        );
    }

    /// <summary>
    /// <c>POST /api/pledges/forward</c>: a trader for the pledgor (403 otherwise), or a regulator. 201 with the pledge id;
    /// 422 with the registry's reason (INVALID_LOAN, PROJECT_REQUIRED, ...), 409 PLEDGE_EXISTS.
    /// </summary>
    private static Task<IResult> RegisterForwardPledge(
        ForwardPledgeRequest r,
        ClaimsPrincipal user,
        IRequestClient<PledgeForward> client,
        CancellationToken ct
    )
    {
        var loan = new PledgeLoan(Money.InCny(r.LoanAmount), r.Maturity!.Value, Money.InCny(r.RepurchasePrice), r.RepurchaseDate!.Value);
        return RegistryEndpoints.SendFor(
            user,
            r.PledgorId,
            "A trader may pledge only its own participant's units.",
            r.PledgeId,
            client,
            id => new PledgeForward(
                id,
                r.PledgorId,
                r.PledgeeId,
                r.InstrumentId,
                r.Project,
                r.ExpectedQuantity,
                loan,
                r.Reference,
                user.Actor()
            ),
            id => $"/api/pledges/{id}",
            ct
        );
    }

    /// <summary>
    /// <c>POST /api/pledges/{id}/repurchase</c>: the pledgor buys a forward pledge back; 422 INSUFFICIENT_CASH,
    /// PLEDGE_NOT_FORWARD, PLEDGE_NOT_ACTIVE, NOT_PLEDGOR, PLEDGE_UNKNOWN.
    /// </summary>
    private static Task<IResult> Repurchase(
        Guid pledgeId,
        ClaimsPrincipal user,
        IRequestClient<RepurchasePledge> client,
        CancellationToken ct
    ) =>
        RegistryEndpoints.Send(
            client,
            new RepurchasePledge(pledgeId, user.Actor(), user.IsInRole(Roles.Regulator), user.ParticipantId()),
            NewId.NextGuid(),
            $"/api/pledges/{pledgeId}",
            ct
        );

    /// <summary>Release (the pledgee or a regulator) or enforce (a regulator) a pledge; the registry checks who may.</summary>
    private static Task<IResult> End(
        Guid pledgeId,
        bool enforce,
        ReasonRequest r,
        ClaimsPrincipal user,
        IRequestClient<EndPledge> client,
        CancellationToken ct
    ) =>
        RegistryEndpoints.Send(
            client,
            new EndPledge(pledgeId, enforce, r.Reason, user.Actor(), user.IsInRole(Roles.Regulator), user.ParticipantId()),
            NewId.NextGuid(),
            $"/api/pledges/{pledgeId}",
            ct
        );

    /// <summary><c>GET /api/pledges/{id}</c>: the pledgor, the pledgee or a regulator (403 otherwise); 404 <c>PLEDGE_UNKNOWN</c>.</summary>
    private static async Task<IResult> GetPledge(
        Guid pledgeId,
        ClaimsPrincipal user,
        IRequestClient<GetPledge> client,
        CancellationToken ct
    )
    {
        var view = (await client.GetResponse<PledgeView>(new GetPledge(pledgeId), ct)).Message;
        var parties =
            view.Registration is { } p ? (p.PledgorId, p.PledgeeId)
            : view.Forward is { } f ? (f.PledgorId, f.PledgeeId)
            : default;
        if (parties == default)
            return Problem.NotFound(ReasonCodes.PledgeUnknown, "No such pledge", $"No pledge {pledgeId}.");
        return user.MayAccess(parties.PledgorId) || user.MayAccess(parties.PledgeeId)
            ? Results.Ok(view)
            : Problem.Forbidden("Only the pledgor, the pledgee or a regulator reads a pledge.");
    }
}
