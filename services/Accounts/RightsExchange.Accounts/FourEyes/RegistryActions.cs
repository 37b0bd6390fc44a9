using Marten;
using MassTransit;
using RightsExchange.Accounts.Compensation;
using RightsExchange.Accounts.Issuance;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Accounts.Pledges;
using RightsExchange.Accounts.Transfers;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.FourEyes;

/// <summary>A sensitive action proposed by one regulator (stream <c>fourEyes:{actionId}</c>): Pending, then Approved or Rejected.</summary>
public sealed record RegistryAction(string Id, string Status, RegistryActionProposed Proposal, RegistryActionDecided? Decision)
    : IFold<RegistryAction>
{
    public static string StreamPrefix => "fourEyes:";

    public const string Pending = "Pending";
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";

    public static RegistryAction? Fold(RegistryAction? state, string streamKey, object @event) =>
        @event switch
        {
            RegistryActionProposed e when state is null => new RegistryAction(streamKey, Pending, e, null),
            RegistryActionDecided e when state is { Status: Pending } => state with
            {
                Status = e.Approved ? Approved : Rejected,
                Decision = e,
            },
            _ => throw new InvalidOperationException(
                $"{@event.GetType().Name} does not apply to {streamKey} in state {state?.Status ?? "none"}"
            ),
        };

    public RegistryActionView ToView() =>
        new(
            Proposal.ActionId,
            Proposal.Kind,
            Proposal.Summary,
            Status,
            Proposal.ProposedBy,
            Proposal.ProposedAt,
            Decision?.DecidedBy,
            Decision?.Reason,
            Decision?.DecidedAt
        );
}

/// <summary>
/// Four-eyes: issuance, allocation, pledge enforcement, the reversal of a transfer or an issuance and a compensation
/// agreement are proposed by one regulator and take effect only when a different one approves; the action's checks run
/// again at approval, in the same commit as its effect. Source: the EU Union Registry's four-eyes principle for
/// sensitive actions (market-rules.md).
/// </summary>
public sealed class RegistryActionConsumer(LedgerWriter writer) : IConsumer<DecideRegistryAction>
{
    public Task Consume(ConsumeContext<DecideRegistryAction> context) => writer.Reply(context, Decide);

    /// <summary>Records a proposal; the caller has checked the action.</summary>
    public static async Task<object> Propose(
        LedgerCommit ledger,
        Guid actionId,
        string kind,
        string summary,
        string proposedBy,
        IssueUnits? issuance = null,
        EndPledge? enforcement = null,
        ReverseTransfer? reversal = null,
        ReverseIssuance? issuanceReversal = null,
        ProposeCompensationAgreement? agreement = null,
        AmendCompensationAgreement? amendment = null
    )
    {
        var action = await ledger.Streams.Open<RegistryAction>(RegistryAction.StreamPrefix + actionId);
        if (action.State is null)
            action.Append(
                new RegistryActionProposed(
                    actionId,
                    kind,
                    summary,
                    issuance,
                    enforcement,
                    proposedBy,
                    ledger.Now,
                    reversal,
                    issuanceReversal,
                    agreement,
                    amendment
                )
            );
        return new RegistryCommandPending(actionId, kind, summary);
    }

    public static async Task<object> Decide(LedgerCommit ledger, DecideRegistryAction c)
    {
        var action = await ledger.Streams.Open<RegistryAction>(RegistryAction.StreamPrefix + c.ActionId);
        if (action.State is not { } state)
            return new RegistryCommandRejected(ReasonCodes.ActionUnknown, $"No proposed action {c.ActionId}.");
        if (state.Status != RegistryAction.Pending)
            return new RegistryCommandRejected(ReasonCodes.NotPending, $"Action {c.ActionId} is {state.Status}.");
        if (c.DecidedBy == state.Proposal.ProposedBy)
            return new RegistryCommandRejected(
                ReasonCodes.SameRegulator,
                $"{c.DecidedBy} proposed action {c.ActionId}; a second regulator decides it."
            );
        if (c.Approve)
        {
            var p = state.Proposal;
            var effect = p.Kind switch
            {
                RegistryActionKind.Issuance or RegistryActionKind.Allocation => await IssueUnitsConsumer.Issue(ledger, p.Issuance!),
                RegistryActionKind.PledgeEnforcement => await PledgeConsumer.End(ledger, p.Enforcement!, approved: true),
                RegistryActionKind.TransferReversal => await TransferUnitsConsumer.Reverse(ledger, p.Reversal!, approved: true),
                RegistryActionKind.IssuanceReversal => await ReverseIssuanceConsumer.Reverse(ledger, p.IssuanceReversal!, approved: true),
                RegistryActionKind.CompensationAgreement => await ProposeAgreementConsumer.Conclude(ledger, p.Agreement!, c.DecidedBy),
                RegistryActionKind.CompensationAmendment => await AmendAgreementConsumer.Amend(ledger, p.Amendment!, c.DecidedBy),
                _ => new RegistryCommandRejected(ReasonCodes.ActionUnknown, $"Action {c.ActionId} is of an unknown kind {p.Kind}."),
            };
            if (effect is RegistryCommandRejected rejected)
                return rejected;
        }
        action.Append(new RegistryActionDecided(c.ActionId, c.Approve, c.Reason, c.DecidedBy, ledger.Now));
        return new RegistryCommandAccepted(c.ActionId.ToString());
    }
}

/// <summary>Answers <see cref="GetRegistryActions"/>: up to 100 proposals, newest first.</summary>
public sealed class GetRegistryActionsConsumer(IQuerySession session) : IConsumer<GetRegistryActions>
{
    public async Task Consume(ConsumeContext<GetRegistryActions> context)
    {
        var query = session.Query<RegistryAction>().AsQueryable();
        if (context.Message.PendingOnly)
            query = query.Where(a => a.Status == RegistryAction.Pending);
        var actions = await query.ToListAsync(context.CancellationToken);
        await context.RespondAsync(
            new RegistryActionList(actions.OrderByDescending(a => a.Proposal.ProposedAt).Take(100).Select(a => a.ToView()).ToList())
        );
    }
}
