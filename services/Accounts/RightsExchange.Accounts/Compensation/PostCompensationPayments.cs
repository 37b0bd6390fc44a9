using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Values;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Compensation;

/// <summary>
/// Posts the payments settlement instructs for an assessed year, like a trade's cash leg: in one commit every payment
/// (CNY from the payer's available cash to the payee, in the order the assessment lists them) and
/// <see cref="CompensationPaid"/>, or, if any payer cannot pay or any party is frozen or not active,
/// <see cref="CompensationPaymentFailed"/> and nothing moved. Instructions the agreement is not waiting for (posted
/// already, or superseded) change nothing. Instructions that contradict themselves are not applied at all:
/// <see cref="MalformedMessageException"/> dead-letters them with the reason.
/// </summary>
public sealed class CompensationSettlementInstructedConsumer(LedgerWriter writer)
    : IConsumer<MessageBatch<CompensationSettlementInstructed>>
{
    public Task Consume(ConsumeContext<MessageBatch<CompensationSettlementInstructed>> context) => writer.Apply(context, Handle, Announce);

    /// <summary>The streams a payment touches: the agreement, and each party's record and cash account.</summary>
    public static void Announce(LedgerCommit ledger, CompensationSettlementInstructed s)
    {
        ledger.Streams.Want<CompensationAgreement>(CompensationAgreement.StreamPrefix + s.AgreementId);
        foreach (var id in s.Payments.SelectMany(p => new[] { p.PayerId, p.PayeeId }).Distinct())
        {
            ledger.Streams.Want<Participant>(StreamKeys.Participant(id));
            ledger.Streams.Want<CashAccount>(StreamKeys.Cash(id));
        }
    }

    public static async Task Handle(LedgerCommit ledger, CompensationSettlementInstructed s)
    {
        if (Malformed(s) is { } malformed)
            throw new MalformedMessageException($"Compensation settlement {s.SettlementId}: {malformed}");
        var stream = await ledger.Agreement(s.AgreementId);
        if (stream.State?.Year(s.Year) is not { Status: CompensationAgreement.Settling } year || year.SettlementId != s.SettlementId)
            return;
        if (await Unpayable(ledger, s.Payments) is var (reason, detail))
        {
            stream.Append(new CompensationPaymentFailed(s.AgreementId, s.Year, reason, detail, ledger.Now, s.SettlementId));
            return;
        }
        foreach (var p in s.Payments)
        {
            (await ledger.Cash(p.PayerId)).Append(
                new CompensationCashPaid(s.AgreementId, s.Year, p.PayeeId, Money.InCny(p.Amount), ledger.Now, s.SettlementId)
            );
            (await ledger.Cash(p.PayeeId)).Append(
                new CompensationCashReceived(s.AgreementId, s.Year, p.PayerId, Money.InCny(p.Amount), ledger.Now, s.SettlementId)
            );
        }
        var a = year.Assessment;
        stream.Append(
            new CompensationPaid(
                s.AgreementId,
                stream.State.TermsFor(s.Year).Name,
                s.Year,
                a.Formula,
                a.Index,
                a.Decision,
                s.Payments,
                ledger.Now,
                s.SettlementId
            )
        );
    }

    /// <summary>Why <paramref name="s"/> cannot be applied as it stands, or null.</summary>
    public static string? Malformed(CompensationSettlementInstructed s) =>
        string.IsNullOrWhiteSpace(s.SettlementId) ? "no settlement id."
        : s.Payments.FirstOrDefault(p => p.Amount <= 0 || p.Amount != Money.RoundCny(p.Amount)) is { } bad
            ? $"{bad.PayerId} → {bad.PayeeId}: {bad.Amount} is not a positive amount of whole fen."
        : s.Payments.FirstOrDefault(p => p.PayerId == p.PayeeId) is { } self ? $"{self.PayerId} pays itself."
        : null;

    /// <summary>Why the payments cannot all be posted (a party frozen or not active, a payer short of cash), or null.</summary>
    private static async Task<(string Reason, string Detail)?> Unpayable(LedgerCommit ledger, IReadOnlyList<CompensationPayment> payments)
    {
        var available = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var id in payments.SelectMany(p => new[] { p.PayerId, p.PayeeId }).Distinct())
        {
            if (RegistryChecks.NotActive((await ledger.Participant(id)).State, id) is { } inactive)
                return inactive;
            available[id] = (await ledger.Cash(id)).State?.Available ?? 0m;
        }
        foreach (var p in payments)
        {
            if (available[p.PayerId] < p.Amount)
                return (
                    ReasonCodes.InsufficientCash,
                    $"{p.PayerId} owes {p.Amount:0.00} CNY to {p.PayeeId} and has {available[p.PayerId]:0.00} CNY available."
                );
            available[p.PayerId] -= p.Amount;
            available[p.PayeeId] += p.Amount;
        }
        return null;
    }
}
