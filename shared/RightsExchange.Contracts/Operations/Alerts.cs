using NodaTime;

// Operational alerts. Version 1.
// Any service: a consumer fails past its retry bound -> the message moves to its endpoint's _error queue and MassTransit
// publishes a Fault -> settlement records MessageDeadLettered, which regulators read (GET /api/alerts).
namespace RightsExchange.Contracts.Operations.V1;

/// <summary>
/// Event (settlement, stream <c>alert:{faultId}</c>): a message (a <c>MessageBatch</c>, between the services) was
/// dead-lettered. The entry that failed was not applied (each entry's effect commits whole or not at all); the batch's
/// other entries may have been, and are skipped if the batch is moved back. It waits in <paramref name="ErrorQueue"/>
/// until an operator moves it back or discards it.
/// </summary>
/// <param name="FaultId">MassTransit's fault id; one alert per fault.</param>
/// <param name="MessageId">The dead-lettered message's id, when known.</param>
/// <param name="MessageTypes">The message's contract types (URNs such as
/// <c>urn:message:RightsExchange.Contracts.Settlement.V1:SettlementInstructed</c>).</param>
/// <param name="Subject">The settlements or trades the batch was about, when it names them: <c>settlement {id}, {id}</c>.</param>
/// <param name="ErrorQueue">The RabbitMQ queue holding the message now.</param>
/// <param name="ExceptionType">The last exception's type.</param>
/// <param name="Reason">The last exception's message.</param>
/// <param name="Service">The host that gave up (machine and process).</param>
public sealed record MessageDeadLettered(
    Guid FaultId,
    Guid? MessageId,
    IReadOnlyList<string> MessageTypes,
    string? Subject,
    string ErrorQueue,
    string ExceptionType,
    string Reason,
    string? Service,
    Instant FaultedAt,
    Instant RecordedAt
);

/// <summary>Request to settlement: the latest alerts, newest first.</summary>
/// <param name="Limit">1 to 100.</param>
public sealed record GetAlerts(int Limit);

/// <summary>Reply to <see cref="GetAlerts"/>.</summary>
public sealed record AlertList(IReadOnlyList<MessageDeadLettered> Alerts);
