using Marten;
using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Accounts.Lineage;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Pledges;

/// <summary>A pledge (stream <c>pledge:{pledgeId}</c>): Active, then Released or Enforced.</summary>
public sealed record Pledge(string Id, string Status, PledgeRegistered Registration, PledgeEnded? Ending) : IFold<Pledge>
{
    public static string StreamPrefix => "pledge:";

    public const string Active = "Active";
    public const string Released = "Released";
    public const string Enforced = "Enforced";

    public static Pledge? Fold(Pledge? state, string streamKey, object @event) => @event switch
    {
        PledgeRegistered e when state is null => new Pledge(streamKey, Active, e, null),
        PledgeEnded e when state is { Status: Active } => state with { Status = e.Outcome, Ending = e },
        _ => throw new InvalidOperationException($"{@event.GetType().Name} does not apply to pledge {streamKey} in state {state?.Status ?? "none"}"),
    };
}

/// <summary>
/// Pledges and their end. Pledged units stay in the pledgor's holding, frozen (<see cref="Holding.Pledged"/>), until the
/// pledgee (or a regulator) releases them, or a regulator enforces the pledge on the pledgee's application, which
/// transfers them to the pledgee once a second regulator approves (four-eyes). Source: pollutant-right and forestry-sink loans (market-rules.md; documented-trades.md, Fujian).
/// </summary>
public sealed class PledgeConsumer(LedgerWriter writer) : IConsumer<PledgeUnits>, IConsumer<EndPledge>
{
    public Task Consume(ConsumeContext<PledgeUnits> context) => writer.Reply(context, Register);

    public Task Consume(ConsumeContext<EndPledge> context) => writer.Reply(context, (ledger, c) => End(ledger, c));

    public static async Task<object> Register(LedgerUnit ledger, PledgeUnits c)
    {
        if (c.PledgorId == c.PledgeeId)
            return new RegistryCommandRejected("SAME_ACCOUNT", "The pledgee is another participant than the pledgor.");
        var pledgor = (await ledger.Participant(c.PledgorId)).State;
        var pledgee = (await ledger.Participant(c.PledgeeId)).State;
        if (pledgor is null || pledgee is null)
            return new RegistryCommandRejected("PARTICIPANT_UNKNOWN", $"No participant '{(pledgor is null ? c.PledgorId : c.PledgeeId)}'.");
        if (RegistryChecks.Active(pledgor, c.PledgorId) is { } inactive) return inactive;
        var instrument = (await ledger.Instrument(c.InstrumentId)).State;
        if (instrument is null)
            return new RegistryCommandRejected("INSTRUMENT_UNKNOWN", $"No instrument '{c.InstrumentId}'.");
        var holding = await ledger.Holding(c.PledgorId, c.InstrumentId);
        if ((RegistryChecks.Quantity(instrument.Definition, c.Quantity) ?? RegistryChecks.Available(holding.State, instrument.Definition, c.Quantity, "Pledging")
                ?? Serials.CheckBatch(ledger, instrument.Definition, holding.State, c.Quantity, c.Batch)) is { } refused)
            return refused;

        holding.Append(new UnitsPledged(c.PledgeId, c.Quantity, c.PledgeeId, ledger.Now));
        Serials.Move(ledger, instrument.Definition, SerialMovement.Pledged, c.PledgeId.ToString(), holding, c.Quantity, holding, c.Batch, toPledge: c.PledgeId);
        (await ledger.Streams.Open<Pledge>(Pledge.StreamPrefix + c.PledgeId)).Append(new PledgeRegistered(c.PledgeId, c.PledgorId, c.PledgeeId, c.InstrumentId,
            new Quantity(c.Quantity, instrument.Unit), c.Reference, c.RequestedBy, ledger.Now));
        return new RegistryCommandAccepted(c.PledgeId.ToString());
    }

    /// <param name="approved">True when a second regulator approved the enforcement (four-eyes); otherwise, with four-eyes on, an enforcement is proposed.</param>
    public static async Task<object> End(LedgerUnit ledger, EndPledge c, bool approved = false)
    {
        var pledge = await ledger.Streams.Open<Pledge>(Pledge.StreamPrefix + c.PledgeId);
        if (pledge.State is not { Registration: var p } state)
            return new RegistryCommandRejected("PLEDGE_UNKNOWN", $"No pledge {c.PledgeId}.");
        if (state.Status != Pledge.Active)
            return new RegistryCommandRejected("PLEDGE_NOT_ACTIVE", $"Pledge {c.PledgeId} is {state.Status}.");
        if (c.Enforce ? !c.RequestedByRegulator : !c.RequestedByRegulator && c.RequesterParticipantId != p.PledgeeId)
            return new RegistryCommandRejected("NOT_PLEDGEE", c.Enforce
                ? "A regulator enforces a pledge, on the pledgee's application."
                : $"Only the pledgee {p.PledgeeId} or a regulator releases pledge {c.PledgeId}.");

        if (c.Enforce && ledger.FourEyes && !approved)
            return await FourEyes.RegistryActionConsumer.Propose(ledger, Guid.NewGuid(), RegistryActionKind.PledgeEnforcement,
                $"Enforce pledge {c.PledgeId}: {p.Quantity} {p.InstrumentId} from {p.PledgorId} to {p.PledgeeId}", c.RequestedBy, enforcement: c);
        var holding = await ledger.Holding(p.PledgorId, p.InstrumentId);
        var instrument = (await ledger.Instrument(p.InstrumentId)).State!.Definition;
        if (c.Enforce)
        {
            var pledgee = await ledger.Holding(p.PledgeeId, p.InstrumentId);
            holding.Append(new PledgedUnitsEnforced(c.PledgeId, p.Quantity.Amount, p.PledgeeId, ledger.Now));
            pledgee.Append(new UnitsReceivedOnEnforcement(c.PledgeId, p.Quantity.Amount, p.PledgorId, ledger.Now));
            Serials.Move(ledger, instrument, SerialMovement.PledgeEnforced, c.PledgeId.ToString(), holding, p.Quantity.Amount, pledgee, fromPledge: c.PledgeId);
        }
        else
        {
            holding.Append(new PledgedUnitsReleased(c.PledgeId, p.Quantity.Amount, ledger.Now));
            Serials.Move(ledger, instrument, SerialMovement.PledgeReleased, c.PledgeId.ToString(), holding, p.Quantity.Amount, holding, fromPledge: c.PledgeId);
        }
        pledge.Append(new PledgeEnded(c.PledgeId, c.Enforce ? Pledge.Enforced : Pledge.Released, c.Reason, c.RequestedBy, ledger.Now));
        return new RegistryCommandAccepted(c.PledgeId.ToString());
    }
}

/// <summary>Answers <see cref="GetPledge"/> (status Unknown when there is no such pledge).</summary>
public sealed class GetPledgeConsumer(IQuerySession session) : IConsumer<GetPledge>
{
    public async Task Consume(ConsumeContext<GetPledge> context)
    {
        var pledge = await session.LoadAsync<Pledge>(Pledge.StreamPrefix + context.Message.PledgeId, context.CancellationToken);
        await context.RespondAsync(new PledgeView(context.Message.PledgeId, pledge?.Status ?? "Unknown", pledge?.Registration, pledge?.Ending));
    }
}
