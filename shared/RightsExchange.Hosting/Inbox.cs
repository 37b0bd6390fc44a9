using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace RightsExchange.Hosting;

/// <summary>
/// The inbox of a service's writer: the id of every message it has applied, in <c>{schema}.rx_inbox</c>, recorded in the
/// same transaction as the message's effect, so a redelivered or republished copy is recognised and changes nothing.
/// A request that names its own id also leaves a fingerprint of its terms, so the same id with other terms is told
/// apart from a retry. A group's ids are looked up in one query and recorded in one statement.
/// </summary>
public sealed class Inbox(string schema)
{
    private readonly string _table = $"{schema}.rx_inbox";

    /// <summary>The table, for Marten to create with the store's other objects.</summary>
    public static Table Table(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, "rx_inbox", SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn<string>("message_type").NotNull();
        table.AddColumn("processed_at", "timestamptz").NotNull().DefaultValueByExpression("now()");
        table.AddColumn("fingerprint", "bytea");
        return table;
    }

    /// <summary>An applied message: its id, type and, for a request that names its own id, the fingerprint of its terms.</summary>
    public sealed record Entry(Guid Id, string MessageType, byte[]? Fingerprint);

    /// <summary>One of the ids looked up, already applied, with the fingerprint recorded for it.</summary>
    public sealed record Seen(Guid Id, byte[]? Fingerprint);

    /// <summary>Adds to <paramref name="batch"/> the look-up of those of <paramref name="ids"/> already applied.</summary>
    public async Task<IEnumerable<Seen>> Applied(Marten.Services.BatchQuerying.IBatchedQuery batch, Guid[] ids)
    {
        var rows = await batch.Query<string>(
            $"select id::text || ':' || coalesce(encode(fingerprint, 'hex'), '') from {_table} where id = any(?)",
            ids
        );
        return rows.Select(row => row.Split(':'))
            .Select(p => new Seen(Guid.Parse(p[0]), p[1].Length == 0 ? null : Convert.FromHexString(p[1])));
    }

    /// <summary>Records <paramref name="applied"/> in <paramref name="session"/>'s transaction.</summary>
    public void Record(IDocumentSession session, IReadOnlyCollection<Entry> applied)
    {
        if (applied.Count == 0)
            return;
        session.QueueSqlCommand(
            $"insert into {_table} (id, message_type, fingerprint) select unnest(?::uuid[]), unnest(?::text[]), unnest(?::bytea[])",
            applied.Select(a => a.Id).ToArray(),
            applied.Select(a => a.MessageType).ToArray(),
            applied.Select(a => a.Fingerprint).ToArray()
        );
    }

    /// <summary>
    /// The fingerprint of a request's terms: SHA-256 of its JSON (<paramref name="options"/>) without the
    /// <c>RequestedBy</c> field, so the same request sent again by another regulator is still the same request.
    /// </summary>
    public static byte[] Fingerprint<T>(T request, System.Text.Json.JsonSerializerOptions options)
    {
        var json = System.Text.Json.JsonSerializer.SerializeToNode(request, options)!.AsObject();
        json.Remove("RequestedBy");
        json.Remove("requestedBy");
        return System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));
    }
}
