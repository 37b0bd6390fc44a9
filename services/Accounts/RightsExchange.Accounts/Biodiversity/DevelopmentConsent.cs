using Marten;
using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Biodiversity.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Biodiversity;

/// <summary>
/// A development consent's credit obligation (stream <c>consent:{consentId}</c>): its lines, and every retirement and
/// fund payment made against them. The state is the fold of the stream.
/// </summary>
public sealed record DevelopmentConsent(string Id, DevelopmentConsentRecorded Recorded, IReadOnlyList<ObligationTransaction> Transactions)
    : IFold<DevelopmentConsent>
{
    public static string StreamPrefix => "consent:";

    public const string Outstanding = "Outstanding";
    public const string PartlyMet = "PartlyMet";
    public const string Discharged = "Discharged";

    public static DevelopmentConsent? Fold(DevelopmentConsent? state, string streamKey, object @event) =>
        (state, @event) switch
        {
            (null, DevelopmentConsentRecorded e) => new DevelopmentConsent(streamKey, e, []),
            ({ } s, ObligationCreditsRetired e) => s with
            {
                Transactions =
                [
                    .. s.Transactions,
                    new ObligationTransaction(
                        e.ByFund ? "RetiredByFund" : "Retired",
                        e.Requirement,
                        e.ParticipantId,
                        e.InstrumentId,
                        e.Quantity.Amount,
                        null,
                        e.RetirementId,
                        e.RetiredAt
                    ),
                ],
            },
            ({ } s, ConservationFundPaid e) => s with
            {
                Transactions =
                [
                    .. s.Transactions,
                    new ObligationTransaction(
                        "FundPaid",
                        e.Requirement,
                        s.Recorded.DeveloperId,
                        null,
                        e.Credits,
                        e.Amount,
                        e.PaymentId,
                        e.PaidAt
                    ),
                ],
            },
            _ => throw new InvalidOperationException($"{@event.GetType().Name} does not apply to consent {streamKey} in its state"),
        };

    /// <summary>
    /// The stream of consent <paramref name="consentId"/> and its state, once line <paramref name="requirement"/> is
    /// known to exist; else the rejection (CONSENT_UNKNOWN, REQUIREMENT_UNKNOWN) and no state.
    /// </summary>
    public static async Task<(
        TrackedStream<DevelopmentConsent> Stream,
        DevelopmentConsent? State,
        RegistryCommandRejected? Rejected
    )> OpenLine(LedgerCommit ledger, Guid consentId, int requirement)
    {
        var consent = await ledger.Streams.Open<DevelopmentConsent>(StreamPrefix + consentId);
        if (consent.State is not { } state)
            return (consent, null, new(ReasonCodes.ConsentUnknown, $"No development consent {consentId}."));
        if (requirement < 0 || requirement >= state.Recorded.Requirements.Count)
            return (
                consent,
                null,
                new(
                    ReasonCodes.RequirementUnknown,
                    $"Consent {state.Recorded.Reference} has lines 0 to {state.Recorded.Requirements.Count - 1}."
                )
            );
        return (consent, state, null);
    }

    /// <summary>Where line <paramref name="requirement"/> stands.</summary>
    public RequirementStanding Standing(int requirement)
    {
        var line = Recorded.Requirements[requirement];
        decimal Sum(string kind) => Transactions.Where(t => t.Requirement == requirement && t.Kind == kind).Sum(t => t.Credits);
        var (retired, paid, byFund) = (Sum("Retired"), Sum("FundPaid"), Sum("RetiredByFund"));
        return new RequirementStanding(requirement, line, retired, paid, byFund, line.Credits - retired - paid, paid - byFund);
    }

    /// <summary>
    /// Discharged when the developer owes nothing on any line (a fund payment discharges its part); else PartlyMet or
    /// Outstanding.
    /// </summary>
    public string Status =>
        Enumerable.Range(0, Recorded.Requirements.Count).All(i => Standing(i).OwedByDeveloper == 0m) ? Discharged
        : Transactions.Count > 0 ? PartlyMet
        : Outstanding;

    public ObligationView ToView() =>
        new(Recorded.ConsentId, Status, Recorded, [.. Enumerable.Range(0, Recorded.Requirements.Count).Select(Standing)], Transactions);
}

/// <summary>
/// Records a development consent's credit obligation (a regulator, for the consent authority). Source: NSW
/// Biodiversity Offsets Scheme, Biodiversity Conservation Act 2016 Part 7 (a consent states the credits to retire).
/// </summary>
public sealed class RecordDevelopmentConsentConsumer(LedgerWriter writer) : IConsumer<RecordDevelopmentConsent>
{
    public Task Consume(ConsumeContext<RecordDevelopmentConsent> context) => writer.Reply(context, Record);

    public static async Task<object> Record(LedgerCommit ledger, RecordDevelopmentConsent c)
    {
        if ((await ledger.Participant(c.DeveloperId)).State is null)
            return new RegistryCommandRejected(ReasonCodes.ParticipantUnknown, $"No participant '{c.DeveloperId}'.");
        var consent = await ledger.Streams.Open<DevelopmentConsent>(DevelopmentConsent.StreamPrefix + c.ConsentId);
        if (consent.State is not null)
            return new RegistryCommandRejected(ReasonCodes.ConsentExists, $"Consent {c.ConsentId} is recorded already.");
        if (Invalid(c.Requirements) is { } why)
            return new RegistryCommandRejected(ReasonCodes.InvalidRequirement, why);
        consent.Append(
            new DevelopmentConsentRecorded(
                c.ConsentId,
                c.DeveloperId,
                c.Reference,
                c.Subregion,
                c.Site,
                c.Requirements,
                c.RequestedBy,
                ledger.Now
            )
        );
        return new RegistryCommandAccepted(c.ConsentId.ToString());
    }

    private static string? Invalid(IReadOnlyList<CreditRequirement> lines)
    {
        if (lines.Count == 0)
            return "A credit obligation has at least one line.";
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is not { } line)
                return $"Line {i} is empty.";
            var named =
                line.Kind == BiodiversityCreditKind.Ecosystem
                    ? line.PlantCommunityType is > 0 && line.Species is null
                    : !string.IsNullOrWhiteSpace(line.Species) && line.PlantCommunityType is null;
            if (!named)
                return $"Line {i}: ecosystem credits name a plant community type and no species; species credits a species and no PCT.";
            if (line.Credits <= 0m)
                return $"Line {i}: the number of credits must be positive; it is {line.Credits}.";
            var charge = line.FundChargePerCredit;
            if (!RegistryChecks.IsCnyAmount(charge))
                return $"Line {i}: the fund's charge per credit must be a positive CNY amount in whole fen; it is "
                    + $"{charge.Amount} {charge.Currency}.";
        }
        return null;
    }
}

/// <summary>Answers <see cref="GetObligation"/> (status Unknown when there is no such consent).</summary>
public sealed class GetObligationConsumer(IQuerySession session) : IConsumer<GetObligation>
{
    public async Task Consume(ConsumeContext<GetObligation> context)
    {
        var consent = await session.LoadAsync<DevelopmentConsent>(
            DevelopmentConsent.StreamPrefix + context.Message.ConsentId,
            context.CancellationToken
        );
        await context.RespondAsync(consent?.ToView() ?? new ObligationView(context.Message.ConsentId, "Unknown", null, [], []));
    }
}
