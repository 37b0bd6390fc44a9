using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Security.Claims;
using MassTransit;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Input;
using RightsExchange.Gateway.Orders;
using RightsExchange.Gateway.Problems;
using RightsExchange.Gateway.Registry;

namespace RightsExchange.Gateway.Compensation;

/// <summary>
/// A party of <see cref="CompensationAgreementRequest"/>: a registered participant, its side, and its share (e.g. 3, 4, 3).
/// </summary>
public sealed record CompensationPartyRequest(
    [property: Required] string ParticipantId,
    [property: Required] CompensationRole? Role,
    [property: Quantity] decimal Share
);

/// <summary>
/// An assessed cross-section (or area) and the party answerable for the water (or the indicator) there;
/// <paramref name="Target"/> is the area's target in the indicator's unit, for <c>IndicatorTarget/1</c> only.
/// </summary>
public sealed record AssessedSectionRequest(
    [property: Required, StringLength(50)] string Code,
    [property: Required, StringLength(200)] string Name,
    [property: Required] string ResponsibleParty,
    [property: Quantity] decimal? Target
);

/// <summary>
/// A measured indicator: code, unit, baseline (or limit) in that unit, and weight in the index; for
/// <c>VolumeAndQuality/1</c> its <paramref name="Role"/> (Quality by default) and, for a Volume or Reward indicator, its
/// <paramref name="Rate"/> in CNY.
/// </summary>
public sealed record CompensationIndicatorRequest(
    [property: Required, StringLength(50)] string Code,
    [property: Required, StringLength(20)] string Unit,
    [property: Quantity] decimal Baseline,
    [property: Quantity] decimal Weight,
    IndicatorRole? Role,
    [property: Price] decimal? Rate
);

/// <summary>
/// Body of <c>POST /api/compensation/agreements</c>. <paramref name="Formula"/> is <c>WaterQualityIndex/1</c>,
/// <c>SharedFund/1</c>, <c>IndicatorTarget/1</c>, <c>ExceedancePenalty/1</c> or <c>VolumeAndQuality/1</c> (see the
/// contracts); <paramref name="MissingData"/> is <c>Refuse</c> (the default) or <c>CountsAsExceeded</c>;
/// <paramref name="AmountPerPeriod"/> is CNY a year
/// (0 for an indicator target, which names its <paramref name="IndicatorInstrumentId"/>); <paramref name="AgreementId"/>
/// makes a retry safe.
/// </summary>
public sealed record CompensationAgreementRequest(
    Guid? AgreementId,
    [property: Required, StringLength(200, MinimumLength = 2)] string Name,
    [property: Required, MinLength(1), MaxLength(50)] List<CompensationPartyRequest> Parties,
    [property: Required, MinLength(1), MaxLength(200)] List<AssessedSectionRequest> Sections,
    [property: Required, MinLength(1), MaxLength(20)] List<CompensationIndicatorRequest> Indicators,
    [property: Required] string Formula,
    [property: Quantity] decimal? StabilityCoefficient,
    [property: CashAmount(AllowZero = true)] decimal AmountPerPeriod,
    string? FundAccountId,
    [property: Range(2000, 2100)] int FirstYear,
    [property: Range(2000, 2100)] int LastYear,
    [property: Required, StringLength(500, MinimumLength = 2)] string Spending,
    [property: Range(0, 366)] int? DisputeDays,
    [property: StringLength(50)] string? IndicatorInstrumentId,
    [property: StringLength(30)] string? MissingData
)
{
    public CompensationTerms ToTerms() =>
        new(
            Name,
            [.. Parties.Select(p => new CompensationParty(p.ParticipantId, p.Role!.Value, p.Share))],
            [.. Sections.Select(s => new AssessedSection(s.Code, s.Name, s.ResponsibleParty, s.Target))],
            [
                .. Indicators.Select(i => new CompensationIndicator(
                    i.Code,
                    i.Unit,
                    i.Baseline,
                    i.Weight,
                    i.Role ?? IndicatorRole.Quality,
                    i.Rate
                )),
            ],
            Formula,
            StabilityCoefficient ?? 1m,
            AmountPerPeriod,
            FundAccountId,
            FirstYear,
            LastYear,
            Spending,
            DisputeDays ?? 0,
            IndicatorInstrumentId,
            MissingData ?? MissingDataRules.Refuse
        );
}

/// <summary>
/// Body of <c>POST /api/compensation/agreements/{agreementId}/amendments</c>: the terms of the new round (they apply
/// from their first year on; <c>agreementId</c> inside them is ignored) and why. <paramref name="AmendmentId"/> makes a
/// retry safe.
/// </summary>
public sealed record AmendmentRequest(
    Guid? AmendmentId,
    [property: Required] CompensationAgreementRequest Terms,
    [property: Required, StringLength(500, MinimumLength = 2)] string Reason
);

/// <summary>
/// Body of <c>POST /api/compensation/agreements/{agreementId}/observations</c>: a value measured by
/// <paramref name="MonitoringBody"/> in the indicator's unit; <paramref name="Corrects"/> (with a <paramref name="Reason"/>)
/// names the observation it corrects. <paramref name="ObservationId"/> makes a retry safe.
/// </summary>
public sealed record ObservationRequest(
    Guid? ObservationId,
    [property: Required] string Section,
    [property: Required] string Indicator,
    [property: Range(2000, 2100)] int Year,
    [property: Quantity(AllowZero = true)] decimal Value,
    [property: Required] string MonitoringBody,
    Guid? Corrects,
    [property: StringLength(500)] string? Reason
);

/// <summary>
/// Body of <c>POST /api/compensation/agreements/{agreementId}/spending</c>: CNY out of the agreement's fund to a payee,
/// with its purpose. <paramref name="SpendingId"/> makes a retry safe.
/// </summary>
public sealed record SpendingRequest(
    Guid? SpendingId,
    [property: Required] string PayeeId,
    [property: CashAmount] decimal Amount,
    [property: Required, StringLength(500, MinimumLength = 2)] string Purpose
);

/// <summary>Body of <c>POST /api/compensation/agreements/{agreementId}/disputes</c>: the year, the disputing party and why.</summary>
public sealed record DisputeRequest(
    [property: Range(2000, 2100)] int Year,
    [property: Required] string PartyId,
    [property: Required, StringLength(500, MinimumLength = 2)] string Reason
);

/// <summary>Body of <c>POST /api/compensation/agreements/{agreementId}/disputes/{year}/decision</c>: uphold or dismiss, and why.</summary>
public sealed record DisputeDecisionRequest(
    [property: Required] bool? Upheld,
    [property: Required, StringLength(500, MinimumLength = 2)] string Reason
);

/// <summary>Body of <c>POST /api/compensation/agreements/{agreementId}/assessments</c>: the year to assess and pay.</summary>
public sealed record AssessmentRequest([property: Range(2000, 2100)] int Year);

/// <summary>
/// Ecological compensation agreements: proposed by a regulator and concluded by a second one, assessed on the values
/// monitoring bodies record, and paid between the parties' cash accounts through settlement.
/// </summary>
public static class CompensationEndpoints
{
    public static void MapCompensation(this WebApplication app)
    {
        var group = app.MapGroup("/api/compensation/agreements").WithTags("Compensation");
        group
            .MapPost("/", Propose)
            .RequireAuthorization(Roles.Regulator)
            .RegistryAnswers(fourEyes: true)
            .WithSummary("Propose an ecological compensation agreement; concluded on a second regulator's approval");
        group
            .MapGet("/{agreementId:guid}", Get)
            .RequireAuthorization("any")
            .Produces<CompensationAgreementView>()
            .WithSummary("An agreement with its observations and assessed years (a regulator, or a party's trader)");
        group
            .MapPost("/{agreementId:guid}/observations", Observe)
            .RequireAuthorization("any")
            .RegistryAnswers()
            .WithSummary("Record or correct a monitoring value (a monitoring body's trader, or a regulator)");
        group
            .MapPost("/{agreementId:guid}/disputes", Dispute)
            .RequireAuthorization("any")
            .RegistryAnswers()
            .WithSummary("Dispute a year's assessment within the agreement's window (a party's trader, or a regulator)");
        group
            .MapPost("/{agreementId:guid}/disputes/{year:int}/decision", DecideDispute)
            .RequireAuthorization(Roles.Regulator)
            .RegistryAnswers()
            .WithSummary("Uphold (the assessment is withdrawn) or dismiss a dispute, with the reason (regulator)");
        group
            .MapPost("/{agreementId:guid}/amendments", Amend)
            .RequireAuthorization(Roles.Regulator)
            .RegistryAnswers(fourEyes: true)
            .WithSummary("Amend an agreement or renew it for a new round from a year on; made on a second regulator's approval");
        group
            .MapPost("/{agreementId:guid}/spending", Spend)
            .RequireAuthorization(Roles.Regulator)
            .RegistryAnswers()
            .WithSummary("Pay out of the agreement's fund for a stated purpose, recorded with the payment (regulator)");
        group
            .MapPost("/{agreementId:guid}/assessments", Assess)
            .RequireAuthorization(Roles.Regulator)
            .Produces<CompensationYearView>(StatusCodes.Status201Created)
            .WithSummary("Assess a year and settle what it decides; answers the year's figures, payments and status (regulator)");
    }

    /// <summary>
    /// <c>POST /api/compensation/agreements</c> (regulator): 202 waiting for approval, or 409/422 with the registry's reason.
    /// </summary>
    private static Task<IResult> Propose(
        CompensationAgreementRequest r,
        ClaimsPrincipal user,
        IRequestClient<ProposeCompensationAgreement> client,
        CancellationToken ct
    )
    {
        var id = r.AgreementId ?? NewId.NextGuid();
        var terms = r.ToTerms();
        return RegistryEndpoints.Send(
            client,
            new ProposeCompensationAgreement(id, terms, user.Actor()),
            id,
            $"/api/compensation/agreements/{id}",
            ct
        );
    }

    /// <summary>
    /// <c>GET /api/compensation/agreements/{agreementId}</c>: 200, 404 AGREEMENT_UNKNOWN, 403 for a trader of no party.
    /// </summary>
    private static async Task<IResult> Get(
        Guid agreementId,
        ClaimsPrincipal user,
        IRequestClient<GetCompensationAgreement> client,
        CancellationToken ct
    )
    {
        var answer = await client.GetResponse<CompensationAgreementView, CompensationAgreementNotFound>(
            new GetCompensationAgreement(agreementId),
            ct
        );
        if (!answer.Is(out Response<CompensationAgreementView>? found))
            return Problem.NotFound(ReasonCodes.AgreementUnknown, "No such agreement", $"Agreement {agreementId} is unknown.");
        var view = found!.Message;
        return user.IsInRole(Roles.Regulator) || view.Terms.Parties.Any(p => user.MayAccess(p.ParticipantId))
            ? Results.Ok(view)
            : Problem.Forbidden("A trader may read only the agreements its participant is a party to.");
    }

    /// <summary>
    /// <c>POST .../observations</c>: a trader acting for the monitoring body (403 otherwise), or a regulator; 201 or 409/422.
    /// </summary>
    private static Task<IResult> Observe(
        Guid agreementId,
        ObservationRequest r,
        ClaimsPrincipal user,
        IRequestClient<RecordObservation> client,
        CancellationToken ct
    )
    {
        return RegistryEndpoints.SendFor(
            user,
            r.MonitoringBody,
            "A trader records values only for its own monitoring body.",
            r.ObservationId,
            client,
            id => new RecordObservation(
                id,
                agreementId,
                r.Section,
                r.Indicator,
                r.Year,
                r.Value,
                r.MonitoringBody,
                r.Corrects,
                r.Reason,
                user.Actor()
            ),
            id => $"/api/compensation/agreements/{agreementId}",
            ct
        );
    }

    /// <summary><c>POST .../disputes</c>: a trader for the disputing party (403 otherwise), or a regulator; 201 or 422.</summary>
    private static Task<IResult> Dispute(
        Guid agreementId,
        DisputeRequest r,
        ClaimsPrincipal user,
        IRequestClient<RaiseCompensationDispute> client,
        CancellationToken ct
    )
    {
        if (!user.MayAccess(r.PartyId))
            return Task.FromResult(Problem.Forbidden("A trader disputes only for its own participant."));
        var id = NewId.NextGuid();
        var dispute = new RaiseCompensationDispute(id, agreementId, r.Year, r.PartyId, r.Reason, user.Actor());
        return RegistryEndpoints.Send(client, dispute, id, $"/api/compensation/agreements/{agreementId}", ct);
    }

    /// <summary><c>POST .../disputes/{year}/decision</c> (regulator): 201, or 422 NOT_DISPUTED.</summary>
    private static Task<IResult> DecideDispute(
        Guid agreementId,
        int year,
        DisputeDecisionRequest r,
        ClaimsPrincipal user,
        IRequestClient<DecideCompensationDispute> client,
        CancellationToken ct
    ) =>
        RegistryEndpoints.Send(
            client,
            new DecideCompensationDispute(agreementId, year, r.Upheld!.Value, r.Reason, user.Actor()),
            NewId.NextGuid(),
            $"/api/compensation/agreements/{agreementId}",
            ct
        );

    /// <summary>
    /// <c>POST .../amendments</c> (regulator): 202 waiting for a second regulator's approval, or 422 with the registry's
    /// reason (YEAR_ALREADY_ASSESSED, INVALID_TERMS...).
    /// </summary>
    private static Task<IResult> Amend(
        Guid agreementId,
        AmendmentRequest r,
        ClaimsPrincipal user,
        IRequestClient<AmendCompensationAgreement> client,
        CancellationToken ct
    )
    {
        var id = r.AmendmentId ?? NewId.NextGuid();
        return RegistryEndpoints.Send(
            client,
            new AmendCompensationAgreement(id, agreementId, r.Terms.ToTerms(), r.Reason, user.Actor()),
            id,
            $"/api/compensation/agreements/{agreementId}",
            ct
        );
    }

    /// <summary><c>POST .../spending</c> (regulator): 201, or 422 with the registry's reason (NO_FUND, INSUFFICIENT_CASH...).</summary>
    private static Task<IResult> Spend(
        Guid agreementId,
        SpendingRequest r,
        ClaimsPrincipal user,
        IRequestClient<SpendFromFund> client,
        CancellationToken ct
    )
    {
        var id = r.SpendingId ?? NewId.NextGuid();
        return RegistryEndpoints.Send(
            client,
            new SpendFromFund(id, agreementId, r.PayeeId, r.Amount, r.Purpose, user.Actor()),
            id,
            $"/api/compensation/agreements/{agreementId}",
            ct
        );
    }

    /// <summary>
    /// <c>POST .../assessments</c> (regulator): 201 with the year as assessed: its figures, payments and status: Paid, or
    /// PaymentFailed with the reason (nothing moved), once settlement has the registry's answer; Settling if that takes
    /// longer than <see cref="GatewaySettings.CompensationSettlementWait"/> (the agreement shows the outcome later); 422
    /// with the registry's reason (OBSERVATIONS_MISSING, ALREADY_PAID...).
    /// </summary>
    private static async Task<IResult> Assess(
        Guid agreementId,
        AssessmentRequest r,
        ClaimsPrincipal user,
        IRequestClient<AssessCompensationPeriod> client,
        IRequestClient<GetCompensationAgreement> agreements,
        GatewaySettings settings,
        CancellationToken ct
    )
    {
        var id = NewId.NextGuid();
        var sent = await RegistryEndpoints.Send(
            client,
            new AssessCompensationPeriod(agreementId, r.Year, user.Actor()),
            id,
            $"/api/compensation/agreements/{agreementId}",
            ct
        );
        if (sent is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status201Created })
            return sent;
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var view = await agreements.GetResponse<CompensationAgreementView, CompensationAgreementNotFound>(
                new GetCompensationAgreement(agreementId),
                ct
            );
            if (
                !view.Is(out Response<CompensationAgreementView>? found)
                || found!.Message.Years.FirstOrDefault(y => y.Year == r.Year) is not { } year
            )
                return sent;
            if (year.Status != "Settling" || waited.Elapsed > settings.CompensationSettlementWait)
                return Results.Created($"/api/compensation/agreements/{agreementId}", year);
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
        }
    }
}
