using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace RightsExchange.Hosting;

/// <summary>
/// The inbox of a service's writer: the id of every message it has applied, in <c>{schema}.rx_inbox</c>, recorded in the
/// same transaction as the message's effect, so a redelivered or republished copy is recognised and changes nothing.
/// A group's ids are looked up in one query and recorded in one statement.
/// </summary>
public sealed class Inbox(string schema)
{
    private readonly string _table = $"{schema}.rx_inbox";

    /// <summary>The table, for Marten to create with the store's other objects.</summary>
    public static Table Table(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, "rx_inbox"));
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn<string>("message_type").NotNull();
        table.AddColumn("processed_at", "timestamptz").NotNull().DefaultValueByExpression("now()");
        return table;
    }

    /// <summary>Adds to <paramref name="batch"/> the look-up of those of <paramref name="ids"/> already applied.</summary>
    public Task<IReadOnlyList<string>> Seen(Marten.Services.BatchQuerying.IBatchedQuery batch, Guid[] ids) =>
        batch.Query<string>($"select id::text from {_table} where id = any(?)", ids);

    /// <summary>Records <paramref name="applied"/> in <paramref name="session"/>'s transaction.</summary>
    public void Record(IDocumentSession session, IReadOnlyCollection<(Guid Id, string MessageType)> applied)
    {
        if (applied.Count == 0) return;
        session.QueueSqlCommand($"insert into {_table} (id, message_type) select unnest(?::uuid[]), unnest(?::text[])",
            applied.Select(a => a.Id).ToArray(), applied.Select(a => a.MessageType).ToArray());
    }
}
