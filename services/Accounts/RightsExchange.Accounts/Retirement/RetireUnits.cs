using Marten;
using MassTransit;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Accounts.Lineage;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Accounts.Retirement;

/// <summary>
/// Retirement on behalf of a named beneficiary: the units leave the holder's available balance for good, and
/// <see cref="RetirementRecorded"/> (stream <c>retirement:{id}</c>) is the shareable record, published to subscribers.
/// </summary>
public sealed class RetireUnitsConsumer(LedgerWriter writer) : IConsumer<RetireUnits>
{
    public const string StreamPrefix = "retirement:";

    public Task Consume(ConsumeContext<RetireUnits> context) => writer.Reply(context, Handle);

    public static async Task<object> Handle(LedgerCommit ledger, RetireUnits c)
    {
        if (RegistryChecks.Active((await ledger.Participant(c.ParticipantId)).State, c.ParticipantId) is { } inactive)
            return inactive;
        var instrument = (await ledger.Instrument(c.InstrumentId)).State;
        if (instrument is null)
            return new RegistryCommandRejected(ReasonCodes.InstrumentUnknown, $"No instrument '{c.InstrumentId}'.");
        if (string.IsNullOrWhiteSpace(c.Beneficiary))
            return new RegistryCommandRejected(ReasonCodes.BeneficiaryMissing, "A retirement names the beneficiary it is made for.");
        var holding = await ledger.Holding(c.ParticipantId, c.InstrumentId);
        if (RegistryChecks.Outgoing(ledger, instrument.Definition, holding.State, c.Quantity, c.Batch, "Retiring") is { } refused)
            return refused;

        holding.Append(new UnitsRetired(c.RetirementId, c.Quantity, ledger.Now));
        var d = instrument.Definition;
        var serials = Serials.Move(ledger, d, SerialMovement.Retired, c.RetirementId.ToString(), holding, c.Quantity, batch: c.Batch);
        ledger.Streams.Session.Events.StartStream(
            StreamPrefix + c.RetirementId,
            new RetirementRecorded(
                c.RetirementId,
                d.InstrumentId,
                d.Name,
                d.Vintage,
                c.ParticipantId,
                new Quantity(c.Quantity, d.Unit),
                c.Beneficiary,
                c.Purpose,
                ledger.Now,
                serials.Count > 0 ? serials : null
            )
        );
        return new RegistryCommandAccepted(c.RetirementId.ToString());
    }
}

/// <summary>Answers <see cref="GetRetirement"/> with the record, or <see cref="RetirementNotFound"/>.</summary>
public sealed class GetRetirementConsumer(IQuerySession session) : IConsumer<GetRetirement>
{
    public async Task Consume(ConsumeContext<GetRetirement> context)
    {
        var events = await session.Events.FetchStreamAsync(
            RetireUnitsConsumer.StreamPrefix + context.Message.RetirementId,
            token: context.CancellationToken
        );
        if (events.Select(e => e.Data).OfType<RetirementRecorded>().FirstOrDefault() is { } record)
            await context.RespondAsync(record);
        else
            await context.RespondAsync(new RetirementNotFound(context.Message.RetirementId));
    }
}
