// The replies every registry command gets (the accounts service). Version 1.
// The registry's messages are in one file per capability (Participants.cs, Pledges.cs, ...), all in this namespace,
// which is their name on the wire. Commands are sent by the gateway as requests and answered with
// RegistryCommandAccepted or RegistryCommandRejected; the events are published from the accounts event store once committed.
namespace RightsExchange.Contracts.Registry.V1;

/// <summary>Reply: the registry command was checked and committed.</summary>
public sealed record RegistryCommandAccepted(string Subject);

/// <summary>Reply: the registry command was refused and changed nothing.</summary>
/// <param name="Reason">A stable code, e.g. <c>PARTICIPANT_UNKNOWN</c>.</param>
/// <param name="Detail">A sentence for people.</param>
public sealed record RegistryCommandRejected(string Reason, string Detail);
