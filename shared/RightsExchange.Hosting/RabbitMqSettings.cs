namespace RightsExchange.Hosting;

/// <summary>RabbitMQ connection settings (section <c>RabbitMq</c>); defaults fit a local broker.</summary>
public sealed class RabbitMqSettings
{
    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";

    /// <summary>The nodes of a RabbitMQ cluster as <c>host:port</c>; when set, the bus fails over among them.</summary>
    public string[] Nodes { get; set; } = [];

    /// <summary>Declares the exchange's durable queues as quorum queues (<see cref="ReplicatedQueues"/>).</summary>
    public bool QuorumQueues { get; set; }

    /// <summary>A RabbitMQ.Client connection to the node, or to the first of <see cref="Nodes"/> that answers.</summary>
    public Task<RabbitMQ.Client.IConnection> Connect(RabbitMQ.Client.ConnectionFactory factory, CancellationToken ct) =>
        Nodes.Length > 0
            ? factory.CreateConnectionAsync(Nodes.Select(RabbitMQ.Client.AmqpTcpEndpoint.Parse).ToList(), ct)
            : factory.CreateConnectionAsync(ct);
}
