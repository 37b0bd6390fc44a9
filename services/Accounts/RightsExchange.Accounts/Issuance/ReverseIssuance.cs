using Marten;
using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Accounts.Lineage;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Issuance;

/// <summary>An issuance's reversal record (stream <c>issuance:{issuanceId}</c>): present once the issuance is reversed.</summary>
public sealed record IssuanceReversal(string Id, IssuanceReversed Reversal) : IFold<IssuanceReversal>
{
    public static string StreamPrefix => "issuance:";

    public static IssuanceReversal? Fold(IssuanceReversal? state, string streamKey, object @event) =>
        @event switch
        {
            IssuanceReversed e when state is null => new IssuanceReversal(streamKey, e),
            _ => throw new InvalidOperationException($"{@event.GetType().Name} does not apply to {streamKey}"),
        };
}

/// <summary>
/// Reverses an erroneous issuance with a compensating withdrawal: the issued units leave the holding they were issued
/// to (for credits and sinks, the batch's very serials) and <see cref="IssuanceReversed"/> records why. Proposed by one
/// regulator, made when a second approves (four-eyes); the checks run again at approval.
/// </summary>
public sealed class ReverseIssuanceConsumer(LedgerWriter writer) : IConsumer<ReverseIssuance>
{
    public Task Consume(ConsumeContext<ReverseIssuance> context) => writer.Reply(context, (ledger, c) => Reverse(ledger, c));

    /// <param name="approved">True when a second regulator approved it; otherwise, with four-eyes on, the reversal is proposed.</param>
    public static async Task<object> Reverse(LedgerCommit ledger, ReverseIssuance c, bool approved = false)
    {
        var issued = await ledger
            .Streams.Session.Events.QueryRawEventDataOnly<UnitsIssued>()
            .Where(e => e.IssuanceId == c.IssuanceId)
            .FirstOrDefaultAsync();
        if (issued is null)
            return new RegistryCommandRejected(ReasonCodes.IssuanceUnknown, $"No issuance {c.IssuanceId}.");
        var record = await ledger.Streams.Open<IssuanceReversal>(IssuanceReversal.StreamPrefix + c.IssuanceId);
        if (record.State is { } reversed)
            return new RegistryCommandRejected(
                ReasonCodes.AlreadyReversed,
                $"Issuance {c.IssuanceId} was reversed at {reversed.Reversal.ReversedAt}."
            );
        var holding = await ledger.Holding(issued.ParticipantId, issued.InstrumentId);
        var instrument = (await ledger.Instrument(issued.InstrumentId)).State!.Definition;
        if (RegistryChecks.Available(holding.State, instrument, issued.Quantity.Amount, "Reversing the issuance of") is { } refused)
            return refused;
        if (issued.Serials is { } serials && !SerialPool.Contains(holding.State!.FreeSerials, [serials]))
            return new RegistryCommandRejected(
                ReasonCodes.SerialsMovedOn,
                $"{issued.ParticipantId} no longer holds free all of batch {serials.Batch} ({serials}); reverse the later transactions "
                    + $"first."
            );
        if (ledger.FourEyes && !approved)
            return await FourEyes.RegistryActionConsumer.Propose(
                ledger,
                c.ReversalId,
                RegistryActionKind.IssuanceReversal,
                $"Reverse issuance {c.IssuanceId}: withdraw {issued.Quantity} {issued.InstrumentId} from {issued.ParticipantId}",
                c.RequestedBy,
                issuanceReversal: c
            );

        holding.Append(new UnitsWithdrawnOnReversal(c.IssuanceId, issued.Quantity.Amount, ledger.Now));
        Serials.Move(
            ledger,
            instrument,
            SerialMovement.IssuanceReversed,
            c.ReversalId.ToString(),
            holding,
            issued.Quantity.Amount,
            exact: issued.Serials is { } batch ? [batch] : null
        );
        record.Append(
            new IssuanceReversed(
                c.IssuanceId,
                c.ReversalId,
                issued.InstrumentId,
                issued.ParticipantId,
                issued.Quantity,
                c.Reason,
                c.RequestedBy,
                ledger.Now
            )
        );
        return new RegistryCommandAccepted(c.ReversalId.ToString());
    }
}
