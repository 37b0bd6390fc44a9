using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Compensation;

/// <summary>
/// An ecological compensation agreement (stream <c>compensation:{agreementId}</c>): its terms as concluded, every
/// observation recorded (corrections beside what they correct), per assessed year the latest assessment and what
/// became of its payments (Settling while settlement has them), what was spent from its fund, and every amendment or
/// renewal (a year is assessed under the terms of the latest round that covers it). The state is the fold of the stream.
/// </summary>
public sealed record CompensationAgreement(
    string Id,
    CompensationAgreementConcluded Concluded,
    IReadOnlyList<ObservationRecorded> Observations,
    IReadOnlyList<CompensationYearView> Years,
    IReadOnlyList<FundSpent> Spending,
    IReadOnlyList<CompensationAgreementAmended> Amendments
) : IFold<CompensationAgreement>
{
    public static string StreamPrefix => "compensation:";

    public const string Assessed = "Assessed";
    public const string Disputed = "Disputed";
    public const string Withdrawn = "Withdrawn";
    public const string Settling = "Settling";
    public const string Paid = "Paid";
    public const string Issued = "Issued";
    public const string PaymentFailed = "PaymentFailed";

    /// <summary>The terms of the latest round.</summary>
    public CompensationTerms Terms => Amendments.Count > 0 ? Amendments[^1].Terms : Concluded.Terms;

    /// <summary>The first year the agreement assesses; <see cref="LastYear"/> its last, as the latest round says.</summary>
    public int FirstYear => Concluded.Terms.FirstYear;

    public int LastYear => Terms.LastYear;

    /// <summary>The terms <paramref name="year"/> is assessed under: those of the latest round that starts by it.</summary>
    public CompensationTerms TermsFor(int year) => Amendments.LastOrDefault(a => a.Terms.FirstYear <= year)?.Terms ?? Concluded.Terms;

    /// <summary>The rejection of a year outside the agreement's rounds, or null.</summary>
    public RegistryCommandRejected? OutsideTerm(int year) =>
        year < FirstYear || year > LastYear
            ? new RegistryCommandRejected(ReasonCodes.YearOutsideTerm, $"The agreement runs {FirstYear}-{LastYear}.")
            : null;

    /// <summary>The rejection of a command naming an agreement that does not exist.</summary>
    public static RegistryCommandRejected Unknown(Guid agreementId) => new(ReasonCodes.AgreementUnknown, $"No agreement {agreementId}.");

    /// <summary>
    /// Folds one event. Throws <see cref="InvalidOperationException"/> for an event that does not belong to an agreement.
    /// </summary>
    public static CompensationAgreement? Fold(CompensationAgreement? state, string streamKey, object @event) =>
        @event switch
        {
            CompensationAgreementConcluded e when state is null => new CompensationAgreement(streamKey, e, [], [], [], []),
            CompensationAgreementAmended e when state is not null => state with { Amendments = [.. state.Amendments, e] },
            ObservationRecorded e when state is not null => state with { Observations = [.. state.Observations, e] },
            FundSpent e when state is not null => state with { Spending = [.. state.Spending, e] },
            // A year assessed again (after an upheld dispute) keeps counting its settlement attempts, so ids stay unique.
            CompensationAssessed e when state is not null => state.WithYear(
                new CompensationYearView(e.Year, e, Assessed, null, Attempts: state.Year(e.Year)?.Attempts ?? 0)
            ),
            CompensationDisputed e when state is not null => state.WithYear(state.Year(e.Year)! with { Status = Disputed, Dispute = e }),
            CompensationDisputeDecided e when state is not null => state.WithYear(
                state.Year(e.Year)! with
                {
                    Status = e.Upheld ? Withdrawn : Assessed,
                    Ruling = e,
                }
            ),
            CompensationSettlementRequested e when state is not null => state.WithYear(
                state.Year(e.Year)! with
                {
                    Status = Settling,
                    SettlementId = e.SettlementId,
                    Attempts = state.Year(e.Year)!.Attempts + 1,
                    FailureReason = null,
                }
            ),
            CompensationPaid e when state is not null => state.WithYear(state.Year(e.Year)! with { Status = Paid, FailureReason = null }),
            CompensationIndicatorsSettled e when state is not null => state.WithYear(state.Year(e.Year)! with { Status = Issued }),
            CompensationPaymentFailed e when state is not null => state.WithYear(
                state.Year(e.Year)! with
                {
                    Status = PaymentFailed,
                    FailureReason = $"{e.Reason}: {e.Detail}",
                }
            ),
            _ => throw new InvalidOperationException($"{@event.GetType().Name} does not apply to {streamKey}"),
        };

    /// <summary>The latest assessment of <paramref name="year"/>, or null.</summary>
    public CompensationYearView? Year(int year) => Years.FirstOrDefault(y => y.Year == year);

    /// <summary>
    /// The value in force for each (section, indicator) in <paramref name="year"/>: the last of each correction chain.
    /// </summary>
    public IReadOnlyDictionary<(string Section, string Indicator), decimal> ValuesIn(int year)
    {
        var corrected = Observations.Where(o => o.Corrects is not null).Select(o => o.Corrects!.Value).ToHashSet();
        return Observations
            .Where(o => o.Year == year && !corrected.Contains(o.ObservationId))
            .ToDictionary(o => (o.Section, o.Indicator), o => o.Value);
    }

    public CompensationAgreementView ToView() =>
        new(
            Concluded.AgreementId,
            Terms,
            Concluded.ProposedBy,
            Concluded.ApprovedBy,
            Concluded.ConcludedAt,
            Observations,
            [.. Years.OrderBy(y => y.Year)],
            Spending,
            Amendments
        );

    private CompensationAgreement WithYear(CompensationYearView year) =>
        this with
        {
            Years = [.. Years.Where(y => y.Year != year.Year), year],
        };
}
