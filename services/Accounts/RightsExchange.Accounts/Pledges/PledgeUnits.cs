using Marten;
using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Accounts.Lineage;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Pledges;

/// <summary>
/// A pledge (stream <c>pledge:{pledgeId}</c>): Active, then Released, Enforced or (a forward pledge) Repurchased. A
/// pledge of issued units has its <see cref="Registration"/>; a forward pledge its <see cref="Forward"/> terms and the
/// units <see cref="Arrived"/> under it so far.
/// </summary>
public sealed record Pledge(
    string Id,
    string Status,
    PledgeRegistered? Registration,
    PledgeEnded? Ending,
    ForwardPledgeRegistered? Forward = null,
    decimal Arrived = 0m
) : IFold<Pledge>
{
    public static string StreamPrefix => "pledge:";

    public const string Active = "Active";
    public const string Released = "Released";
    public const string Enforced = "Enforced";
    public const string Repurchased = "Repurchased";

    public string PledgorId => Registration?.PledgorId ?? Forward!.PledgorId;
    public string PledgeeId => Registration?.PledgeeId ?? Forward!.PledgeeId;
    public string InstrumentId => Registration?.InstrumentId ?? Forward!.InstrumentId;

    /// <summary>The units frozen under the pledge while it is active, in the instrument's unit.</summary>
    public decimal PledgedQuantity => Registration?.Quantity.Amount ?? Arrived;

    /// <summary>What a forward pledge still takes from the project's issuances; 0 for a pledge of issued units.</summary>
    public decimal Outstanding => Forward is { } f ? f.ExpectedQuantity.Amount - Arrived : 0m;

    public static Pledge? Fold(Pledge? state, string streamKey, object @event) =>
        @event switch
        {
            PledgeRegistered e when state is null => new Pledge(streamKey, Active, e, null),
            ForwardPledgeRegistered e when state is null => new Pledge(streamKey, Active, null, null, e),
            ForwardPledgeUnitsArrived e when state is { Status: Active, Forward: not null } => state with
            {
                Arrived = state.Arrived + e.Quantity.Amount,
            },
            PledgeEnded e when state is { Status: Active } => state with { Status = e.Outcome, Ending = e },
            _ => throw new InvalidOperationException(
                $"{@event.GetType().Name} does not apply to pledge {streamKey} in state {state?.Status ?? "none"}"
            ),
        };
}

/// <summary>
/// Pledges and their end. Pledged units stay in the pledgor's holding, frozen (<see cref="Holding.Pledged"/>), until the
/// pledgee (or a regulator) releases them, or a regulator enforces the pledge on the pledgee's application, which
/// transfers them to the pledgee once a second regulator approves (four-eyes). Source: pollutant-right and forestry-sink loans
/// (market-rules.md; documented-trades.md, Fujian).
/// </summary>
public sealed class PledgeConsumer(LedgerWriter writer) : IConsumer<PledgeUnits>, IConsumer<EndPledge>
{
    public Task Consume(ConsumeContext<PledgeUnits> context) => writer.Reply(context, Register);

    public Task Consume(ConsumeContext<EndPledge> context) => writer.Reply(context, (ledger, c) => End(ledger, c));

    public static async Task<object> Register(LedgerCommit ledger, PledgeUnits c)
    {
        var (instrument, rejected) = await Parties(ledger, c.PledgorId, c.PledgeeId, c.InstrumentId);
        if (instrument is null)
            return rejected!;
        var holding = await ledger.Holding(c.PledgorId, c.InstrumentId);
        if (RegistryChecks.Outgoing(ledger, instrument.Definition, holding.State, c.Quantity, c.Batch, "Pledging") is { } refused)
            return refused;

        holding.Append(new UnitsPledged(c.PledgeId, c.Quantity, c.PledgeeId, ledger.Now));
        Serials.Move(
            ledger,
            instrument.Definition,
            SerialMovement.Pledged,
            c.PledgeId.ToString(),
            holding,
            c.Quantity,
            holding,
            c.Batch,
            toPledge: c.PledgeId
        );
        (await ledger.Streams.Open<Pledge>(Pledge.StreamPrefix + c.PledgeId)).Append(
            new PledgeRegistered(
                c.PledgeId,
                c.PledgorId,
                c.PledgeeId,
                c.InstrumentId,
                new Quantity(c.Quantity, instrument.Unit),
                c.Reference,
                c.RequestedBy,
                ledger.Now
            )
        );
        return new RegistryCommandAccepted(c.PledgeId.ToString());
    }

    /// <summary>
    /// The checks every pledge makes of its parties and instrument: the instrument, or the rejection (SAME_ACCOUNT,
    /// PARTICIPANT_UNKNOWN, PARTICIPANT_NOT_ACTIVE or ACCOUNT_FROZEN for the pledgor, INSTRUMENT_UNKNOWN).
    /// </summary>
    public static async Task<(Instrument? Instrument, RegistryCommandRejected? Rejected)> Parties(
        LedgerCommit ledger,
        string pledgorId,
        string pledgeeId,
        string instrumentId
    )
    {
        if (pledgorId == pledgeeId)
            return (null, new(ReasonCodes.SameAccount, "The pledgee is another participant than the pledgor."));
        var pledgor = (await ledger.Participant(pledgorId)).State;
        var pledgee = (await ledger.Participant(pledgeeId)).State;
        if (pledgor is null || pledgee is null)
            return (null, new(ReasonCodes.ParticipantUnknown, $"No participant '{(pledgor is null ? pledgorId : pledgeeId)}'."));
        if (RegistryChecks.Active(pledgor, pledgorId) is { } inactive)
            return (null, inactive);
        var instrument = (await ledger.Instrument(instrumentId)).State;
        return instrument is null ? (null, new(ReasonCodes.InstrumentUnknown, $"No instrument '{instrumentId}'.")) : (instrument, null);
    }

    /// <param name="approved">True when a second regulator approved the enforcement (four-eyes); otherwise, with four-eyes on, an
    /// enforcement is proposed.</param>
    public static async Task<object> End(LedgerCommit ledger, EndPledge c, bool approved = false)
    {
        var pledge = await ledger.Streams.Open<Pledge>(Pledge.StreamPrefix + c.PledgeId);
        if (pledge.State is not { } state)
            return new RegistryCommandRejected(ReasonCodes.PledgeUnknown, $"No pledge {c.PledgeId}.");
        if (state.Status != Pledge.Active)
            return new RegistryCommandRejected(ReasonCodes.PledgeNotActive, $"Pledge {c.PledgeId} is {state.Status}.");
        if (c.Enforce ? !c.RequestedByRegulator : !c.RequestedByRegulator && c.RequesterParticipantId != state.PledgeeId)
            return new RegistryCommandRejected(
                ReasonCodes.NotPledgee,
                c.Enforce
                    ? "A regulator enforces a pledge, on the pledgee's application."
                    : $"Only the pledgee {state.PledgeeId} or a regulator releases pledge {c.PledgeId}."
            );

        if (c.Enforce && state.Forward is { } forward && MarketTime.TradingDateOf(ledger.Now) <= forward.Loan.Maturity)
            return new RegistryCommandRejected(
                ReasonCodes.PledgeNotMature,
                $"Forward pledge {c.PledgeId} secures a loan maturing on {forward.Loan.Maturity:yyyy-MM-dd}; "
                    + "it is enforced only after that day."
            );

        if (c.Enforce && ledger.FourEyes && !approved)
            return await FourEyes.RegistryActionConsumer.Propose(
                ledger,
                Guid.NewGuid(),
                RegistryActionKind.PledgeEnforcement,
                $"Enforce pledge {c.PledgeId}: {state.PledgedQuantity} {state.InstrumentId} from {state.PledgorId} to {state.PledgeeId}",
                c.RequestedBy,
                enforcement: c
            );
        if (c.Enforce)
            await Enforce(ledger, state, c.PledgeId);
        else
            await Release(ledger, state, c.PledgeId);
        pledge.Append(new PledgeEnded(c.PledgeId, c.Enforce ? Pledge.Enforced : Pledge.Released, c.Reason, c.RequestedBy, ledger.Now));
        return new RegistryCommandAccepted(c.PledgeId.ToString());
    }

    /// <summary>
    /// Frees the units pledged under <paramref name="pledge"/> in the pledgor's holding (none yet for a forward pledge
    /// with no arrivals).
    /// </summary>
    public static async Task Release(LedgerCommit ledger, Pledge pledge, Guid pledgeId)
    {
        if (pledge.PledgedQuantity == 0m)
            return;
        var holding = await ledger.Holding(pledge.PledgorId, pledge.InstrumentId);
        var instrument = (await ledger.Instrument(pledge.InstrumentId)).State!.Definition;
        holding.Append(new PledgedUnitsReleased(pledgeId, pledge.PledgedQuantity, ledger.Now));
        Serials.Move(
            ledger,
            instrument,
            SerialMovement.PledgeReleased,
            pledgeId.ToString(),
            holding,
            pledge.PledgedQuantity,
            holding,
            fromPledge: pledgeId
        );
    }

    private static async Task Enforce(LedgerCommit ledger, Pledge pledge, Guid pledgeId)
    {
        if (pledge.PledgedQuantity == 0m)
            return;
        var holding = await ledger.Holding(pledge.PledgorId, pledge.InstrumentId);
        var pledgee = await ledger.Holding(pledge.PledgeeId, pledge.InstrumentId);
        var instrument = (await ledger.Instrument(pledge.InstrumentId)).State!.Definition;
        holding.Append(new PledgedUnitsEnforced(pledgeId, pledge.PledgedQuantity, pledge.PledgeeId, ledger.Now));
        pledgee.Append(new UnitsReceivedOnEnforcement(pledgeId, pledge.PledgedQuantity, pledge.PledgorId, ledger.Now));
        Serials.Move(
            ledger,
            instrument,
            SerialMovement.PledgeEnforced,
            pledgeId.ToString(),
            holding,
            pledge.PledgedQuantity,
            pledgee,
            fromPledge: pledgeId
        );
    }
}

/// <summary>Answers <see cref="GetPledge"/> (status Unknown when there is no such pledge).</summary>
public sealed class GetPledgeConsumer(IQuerySession session) : IConsumer<GetPledge>
{
    public async Task Consume(ConsumeContext<GetPledge> context)
    {
        var pledge = await session.LoadAsync<Pledge>(Pledge.StreamPrefix + context.Message.PledgeId, context.CancellationToken);
        var arrived = pledge?.Forward is { } f ? new Quantity(pledge.Arrived, f.ExpectedQuantity.Unit) : (Quantity?)null;
        await context.RespondAsync(
            new PledgeView(
                context.Message.PledgeId,
                pledge?.Status ?? "Unknown",
                pledge?.Registration,
                pledge?.Ending,
                pledge?.Forward,
                arrived
            )
        );
    }
}
