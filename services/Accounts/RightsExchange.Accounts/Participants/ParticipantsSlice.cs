using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Participants;

/// <summary>Participants: registration, status (pending, active, suspended) and frozen accounts.</summary>
public static class ParticipantsSlice
{
    /// <summary>Registers the slice's documents, consumers and services with the accounts service.</summary>
    public static ServiceSlices AddParticipants(this ServiceSlices slices) =>
        slices.Consumer<RegisterParticipantConsumer>().Consumer<ChangeParticipantStatusConsumer>().Consumer<FreezeAccountConsumer>();
}
