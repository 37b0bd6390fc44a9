using NodaTime;
using RightsExchange.Contracts.Values;

// The registry's cash accounts: deposits (the accounts service). Version 1.
// Commands are answered RegistryCommandAccepted or RegistryCommandRejected (RegistryAnswers.cs).
namespace RightsExchange.Contracts.Registry.V1;

/// <summary>Request: credit CNY to a participant's cash account (a bank deposit, recorded by the exchange). Regulator only.</summary>
/// <param name="DepositId">Caller-chosen id; a repeat with the same id credits nothing more.</param>
/// <param name="Amount">CNY, positive, at most two decimals.</param>
public sealed record DepositCash(Guid DepositId, string ParticipantId, decimal Amount, string RequestedBy);

/// <summary>Event: CNY was credited to a cash account.</summary>
public sealed record CashDeposited(Guid DepositId, string ParticipantId, Money Amount, Instant DepositedAt);
