using Marten;
using Marten.Exceptions;
using MassTransit;
using NodaTime;
using RightsExchange.Contracts.Compensation.V1;
using RightsExchange.Contracts.Messaging.V1;
using RightsExchange.Contracts.Operations.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Contracts.Trading.V1;

namespace RightsExchange.Settlement.Alerts;

/// <summary>
/// Records every fault published anywhere in the exchange (a message dead-lettered after its retries, or at once when
/// malformed) as <see cref="MessageDeadLettered"/> in stream <c>alert:{faultId}</c> of the settlement log, and logs
/// it as an error. A redelivered fault records nothing more.
/// </summary>
public sealed class DeadLetterAlertConsumer(IDocumentStore store, IClock clock, ILogger<DeadLetterAlertConsumer> logger) : IConsumer<Fault>
{
    public const string StreamPrefix = "alert:";

    public async Task Consume(ConsumeContext<Fault> context)
    {
        var fault = context.Message;
        var last = fault.Exceptions?.LastOrDefault();
        var queue = context.SourceAddress?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        var alert = new MessageDeadLettered(
            fault.FaultId,
            fault.FaultedMessageId,
            fault.FaultMessageTypes ?? [],
            SubjectOf(context),
            queue is null ? "unknown" : queue + "_error",
            last?.ExceptionType ?? "unknown",
            last?.Message ?? "unknown",
            fault.Host is { } host ? $"{host.MachineName}/{host.ProcessName}" : null,
            Instant.FromDateTimeUtc(DateTime.SpecifyKind(fault.Timestamp, DateTimeKind.Utc)),
            clock.GetCurrentInstant()
        );

        await using var session = store.LightweightSession();
        session.Events.StartStream(StreamPrefix + alert.FaultId, alert);
        try
        {
            await session.SaveChangesAsync(context.CancellationToken);
        }
        catch (ExistingStreamIdCollisionException)
        {
            return;
        }
        logger.LogError(
            "ALERT message {MessageId} ({Types}) about {Subject} dead-lettered to {Queue}: {ExceptionType}: {Reason}",
            alert.MessageId,
            string.Join(", ", alert.MessageTypes),
            alert.Subject ?? "-",
            alert.ErrorQueue,
            alert.ExceptionType,
            alert.Reason
        );
    }

    /// <summary>
    /// The settlements or trades a fault's batch was about, for the messages of the settlement path (compensation
    /// payments included).
    /// </summary>
    private static string? SubjectOf(ConsumeContext context) =>
        context.TryGetMessage<Fault<MessageBatch<SettlementInstructed>>>(out var instructed)
            ? Subject("settlement", instructed.Message.Message.Entries.Select(e => e.Message.SettlementId))
        : context.TryGetMessage<Fault<MessageBatch<TradeExecuted>>>(out var trade)
            ? Subject("trade", trade.Message.Message.Entries.Select(e => e.Message.TradeId))
        : context.TryGetMessage<Fault<MessageBatch<SettlementPosted>>>(out var posted)
            ? Subject("settlement", posted.Message.Message.Entries.Select(e => e.Message.SettlementId))
        : context.TryGetMessage<Fault<MessageBatch<SettlementRefused>>>(out var refused)
            ? Subject("settlement", refused.Message.Message.Entries.Select(e => e.Message.SettlementId))
        : context.TryGetMessage<Fault<MessageBatch<CompensationSettlementInstructed>>>(out var compensation)
            ? Subject("compensation settlement", compensation.Message.Message.Entries.Select(e => e.Message.SettlementId))
        : null;

    private static string Subject(string kind, IEnumerable<string> ids) => $"{kind} {string.Join(", ", ids)}";
}

/// <summary>Answers <see cref="GetAlerts"/> from the recorded alerts, newest first.</summary>
public sealed class GetAlertsConsumer(IQuerySession session) : IConsumer<GetAlerts>
{
    public async Task Consume(ConsumeContext<GetAlerts> context) =>
        await context.RespondAsync(
            new AlertList(
                await RecordedEvents.Latest<MessageDeadLettered>(
                    session,
                    DeadLetterAlertConsumer.StreamPrefix,
                    context.Message.Limit,
                    context.CancellationToken
                )
            )
        );
}
