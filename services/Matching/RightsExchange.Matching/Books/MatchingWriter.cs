using Marten;
using Microsoft.Extensions.Options;
using NodaTime;
using RightsExchange.Hosting;

namespace RightsExchange.Matching.Books;

/// <summary>
/// The engine's single writer: inputs are applied one at a time, in arrival order, and journaled in groups.
/// If a group's commit fails the books are dropped and loaded again from the store, so memory never runs ahead of it.
/// </summary>
public sealed class MatchingWriter(
    IDocumentStore store,
    IClock clock,
    BookRegistry books,
    IOptions<SnapshotOptions> snapshots,
    RetrySettings retry,
    GroupCommitSettings grouping,
    CommitPublisher publisher,
    ILogger<MatchingWriter> logger
) : GroupCommitWriter<MatchingCommit>(store, clock, logger, retry, grouping, publisher)
{
    protected override MatchingCommit Begin(IDocumentSession session) =>
        new(session, books, Clock.GetCurrentInstant(), snapshots.Value.Every);

    protected override void BeforeCommit(MatchingCommit commit) => commit.Flush();

    protected override void Abandon(MatchingCommit commit) => commit.Books.Clear();
}
