using MassTransit;
using NodaTime;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Accounts.Lineage;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Pledges;

/// <summary>
/// The forward pledges of one pledgor in one instrument (stream <c>forward-pledges:{pledgor}:{instrument}</c>), which
/// an issuance to that holding reads to find the pledges its units fall under, in the order they were registered.
/// </summary>
public sealed record ForwardPledges(string Id, IReadOnlyList<ForwardPledgeOpened> Opened) : IFold<ForwardPledges>
{
    public static string StreamPrefix => "forward-pledges:";

    public static string StreamKey(string pledgorId, string instrumentId) => $"{StreamPrefix}{pledgorId}:{instrumentId}";

    public static ForwardPledges? Fold(ForwardPledges? state, string streamKey, object @event) =>
        @event switch
        {
            ForwardPledgeOpened e => new ForwardPledges(streamKey, [.. state?.Opened ?? [], e]),
            _ => throw new InvalidOperationException($"{@event.GetType().Name} is not a forward-pledge index event"),
        };
}

/// <summary>
/// Stream <c>forward-pledges:{pledgor}:{instrument}</c>: forward pledge <paramref name="PledgeId"/> takes the issuances
/// naming <paramref name="Project"/>.
/// </summary>
public sealed record ForwardPledgeOpened(Guid PledgeId, string Project, Instant At);

/// <summary>
/// Forward pledges: the expected revenue right of sinks still to come pledged for a loan with a forward repurchase
/// agreement (documented-trades.md row 7, Fujian Shunchang). Registering one freezes nothing; each later issuance to the
/// pledgor naming the project is pledged as it arrives (<see cref="OnIssuance"/>), up to the expected quantity, in the
/// issuance's own commit. The pledgor buys the right back at the agreed price (<see cref="RepurchasePledgeConsumer"/>),
/// or after the loan's maturity the pledgee applies for enforcement (<see cref="PledgeConsumer.End"/>).
/// </summary>
public sealed class PledgeForwardConsumer(LedgerWriter writer) : IConsumer<PledgeForward>
{
    public Task Consume(ConsumeContext<PledgeForward> context) => writer.Reply(context, Register);

    public static async Task<object> Register(LedgerCommit ledger, PledgeForward c)
    {
        var (instrument, rejected) = await PledgeConsumer.Parties(ledger, c.PledgorId, c.PledgeeId, c.InstrumentId);
        if (instrument is null)
            return rejected!;
        if (string.IsNullOrWhiteSpace(c.Project))
            return new RegistryCommandRejected(ReasonCodes.ProjectRequired, "A forward pledge names the project whose issuances it takes.");
        if ((RegistryChecks.Quantity(instrument.Definition, c.ExpectedQuantity) ?? LoanTerms(c.Loan)) is { } refused)
            return refused;
        var pledge = await ledger.Streams.Open<Pledge>(Pledge.StreamPrefix + c.PledgeId);
        if (pledge.State is not null)
            return new RegistryCommandRejected(ReasonCodes.PledgeExists, $"Pledge {c.PledgeId} exists already.");

        pledge.Append(
            new ForwardPledgeRegistered(
                c.PledgeId,
                c.PledgorId,
                c.PledgeeId,
                c.InstrumentId,
                c.Project,
                new Quantity(c.ExpectedQuantity, instrument.Unit),
                c.Loan,
                c.Reference,
                c.RequestedBy,
                ledger.Now
            )
        );
        (await ledger.Streams.Open<ForwardPledges>(ForwardPledges.StreamKey(c.PledgorId, c.InstrumentId))).Append(
            new ForwardPledgeOpened(c.PledgeId, c.Project, ledger.Now)
        );
        return new RegistryCommandAccepted(c.PledgeId.ToString());
    }

    /// <summary>INVALID_LOAN: an amount not positive, not in CNY or finer than 0.01 CNY, or a repurchase after maturity.</summary>
    private static RegistryCommandRejected? LoanTerms(PledgeLoan loan)
    {
        foreach (var (name, money) in new[] { ("amount", loan.Amount), ("repurchase price", loan.RepurchasePrice) })
            if (!RegistryChecks.IsCnyAmount(money))
                return new RegistryCommandRejected(
                    ReasonCodes.InvalidLoan,
                    $"The loan's {name} must be a positive CNY amount in whole fen; it is {money.Amount} {money.Currency}."
                );
        return loan.RepurchaseDate <= loan.Maturity
            ? null
            : new RegistryCommandRejected(
                ReasonCodes.InvalidLoan,
                $"The repurchase ({loan.RepurchaseDate:yyyy-MM-dd}) falls after the loan's maturity ({loan.Maturity:yyyy-MM-dd})."
            );
    }

    /// <summary>
    /// Called by an issuance just after its units entered <paramref name="holding"/>: pledges them under the pledgor's
    /// active forward pledges that name the issuance's project, oldest first, each up to what it still expects; the rest
    /// stays free. Credits and sinks pledge the serials of the issued batch.
    /// </summary>
    public static async Task OnIssuance(
        LedgerCommit ledger,
        InstrumentListed instrument,
        TrackedStream<Holding> holding,
        IssueUnits issuance,
        SerialBlock? serials
    )
    {
        if (issuance.Project is not { } project)
            return;
        var index = (
            await ledger.Streams.Open<ForwardPledges>(ForwardPledges.StreamKey(issuance.ParticipantId, issuance.InstrumentId))
        ).State;
        var left = issuance.Quantity;
        foreach (var opened in index?.Opened ?? [])
        {
            if (left == 0m)
                return;
            if (opened.Project != project)
                continue;
            var pledge = await ledger.Streams.Open<Pledge>(Pledge.StreamPrefix + opened.PledgeId);
            if (pledge.State is not { Status: Pledge.Active, Forward: { } forward } state || state.Outstanding == 0m)
                continue;
            var quantity = Math.Min(left, state.Outstanding);
            holding.Append(new UnitsPledged(opened.PledgeId, quantity, forward.PledgeeId, ledger.Now));
            var moved = Serials.Move(
                ledger,
                instrument,
                SerialMovement.Pledged,
                opened.PledgeId.ToString(),
                holding,
                quantity,
                holding,
                serials?.Batch,
                toPledge: opened.PledgeId
            );
            pledge.Append(
                new ForwardPledgeUnitsArrived(
                    opened.PledgeId,
                    issuance.IssuanceId,
                    new Quantity(quantity, instrument.Unit),
                    moved,
                    ledger.Now
                )
            );
            left -= quantity;
        }
    }
}

/// <summary>
/// The pledgor buys a forward pledge's right back: the repurchase price moves from its cash account to the pledgee's
/// and the pledged units are free again, in one commit, so neither moves without the other (delivery versus payment).
/// </summary>
public sealed class RepurchasePledgeConsumer(LedgerWriter writer) : IConsumer<RepurchasePledge>
{
    public Task Consume(ConsumeContext<RepurchasePledge> context) => writer.Reply(context, Repurchase);

    public static async Task<object> Repurchase(LedgerCommit ledger, RepurchasePledge c)
    {
        var pledge = await ledger.Streams.Open<Pledge>(Pledge.StreamPrefix + c.PledgeId);
        if (pledge.State is not { } state)
            return new RegistryCommandRejected(ReasonCodes.PledgeUnknown, $"No pledge {c.PledgeId}.");
        if (state.Forward is not { } forward)
            return new RegistryCommandRejected(
                ReasonCodes.PledgeNotForward,
                $"Pledge {c.PledgeId} pledges issued units and has no repurchase agreement; its pledgee releases it."
            );
        if (state.Status != Pledge.Active)
            return new RegistryCommandRejected(ReasonCodes.PledgeNotActive, $"Pledge {c.PledgeId} is {state.Status}.");
        if (!c.RequestedByRegulator && c.RequesterParticipantId != forward.PledgorId)
            return new RegistryCommandRejected(
                ReasonCodes.NotPledgor,
                $"Only the pledgor {forward.PledgorId} or a regulator buys pledge {c.PledgeId} back."
            );
        var price = forward.Loan.RepurchasePrice.Amount;
        var payer = await ledger.Cash(forward.PledgorId);
        if ((payer.State?.Available ?? 0m) < price)
            return new RegistryCommandRejected(
                ReasonCodes.InsufficientCash,
                $"The repurchase costs {price:0.00} CNY; {forward.PledgorId} has {payer.State?.Available ?? 0m:0.00} CNY available."
            );

        payer.Append(new RepurchasePaid(c.PledgeId, price, forward.PledgeeId, ledger.Now));
        (await ledger.Cash(forward.PledgeeId)).Append(new RepurchaseReceived(c.PledgeId, price, forward.PledgorId, ledger.Now));
        await PledgeConsumer.Release(ledger, state, c.PledgeId);
        pledge.Append(new PledgeEnded(c.PledgeId, Pledge.Repurchased, $"Repurchased for {price:0.00} CNY", c.RequestedBy, ledger.Now));
        return new RegistryCommandAccepted(c.PledgeId.ToString());
    }
}
