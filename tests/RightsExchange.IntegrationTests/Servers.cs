using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace RightsExchange.IntegrationTests;

/// <summary>
/// The real PostgreSQL and RabbitMQ the tests run against. Taken from the environment when given
/// (<c>ConnectionStrings__Marten</c>, <c>RabbitMq__Host</c>, <c>RabbitMq__Port</c>, <c>RabbitMq__Username</c>,
/// <c>RabbitMq__Password</c>, <c>RabbitMq__VirtualHost</c>; deploy/test.sh sets them), otherwise started with
/// Testcontainers (images from <c>RX_POSTGRES_IMAGE</c> and <c>RX_RABBITMQ_IMAGE</c>).
/// </summary>
public sealed class Servers : IAsyncDisposable
{
    private PostgreSqlContainer? _postgres;
    private RabbitMqContainer? _rabbit;

    public string PostgresConnectionString { get; private set; } = "";
    public string RabbitHost { get; private set; } = "127.0.0.1";
    public int RabbitPort { get; private set; } = 5672;
    public string RabbitUser { get; private set; } = "guest";
    public string RabbitPassword { get; private set; } = "guest";
    public string RabbitVirtualHost { get; private set; } = "/";

    /// <summary>The broker as an AMQP URI (the virtual host URL-encoded as its path), for clients outside .NET.</summary>
    public string RabbitUri =>
        $"amqp://{Uri.EscapeDataString(RabbitUser)}:{Uri.EscapeDataString(RabbitPassword)}"
        + $"@{RabbitHost}:{RabbitPort}/{Uri.EscapeDataString(RabbitVirtualHost)}";

    /// <summary>
    /// Uses the servers the environment names, or starts containers; <paramref name="report"/> hears which
    /// (xunit diagnostic messages, shown in the test run's output).
    /// </summary>
    /// <exception cref="InvalidOperationException">No servers were given and Testcontainers could not start them.</exception>
    public static async Task<Servers> Start(Action<string>? report = null)
    {
        var servers = new Servers();
        var postgres = Environment.GetEnvironmentVariable("ConnectionStrings__Marten");
        var rabbit = Environment.GetEnvironmentVariable("RabbitMq__Host");
        if (postgres is not null && rabbit is not null)
        {
            servers.PostgresConnectionString = postgres;
            servers.RabbitHost = rabbit;
            servers.RabbitPort = int.Parse(Environment.GetEnvironmentVariable("RabbitMq__Port") ?? "5672");
            servers.RabbitUser = Environment.GetEnvironmentVariable("RabbitMq__Username") ?? "guest";
            servers.RabbitPassword = Environment.GetEnvironmentVariable("RabbitMq__Password") ?? "guest";
            servers.RabbitVirtualHost = Environment.GetEnvironmentVariable("RabbitMq__VirtualHost") ?? "/";
            report?.Invoke(
                $"Servers from the environment: PostgreSQL {new NpgsqlConnectionStringBuilder(postgres).Host}, RabbitMQ {rabbit}"
            );
            return servers;
        }

        var postgresImage = Environment.GetEnvironmentVariable("RX_POSTGRES_IMAGE") ?? "postgres:15";
        var rabbitImage = Environment.GetEnvironmentVariable("RX_RABBITMQ_IMAGE") ?? "rabbitmq:3.13-management";
        servers._postgres = new PostgreSqlBuilder(postgresImage).Build();
        servers._rabbit = new RabbitMqBuilder(rabbitImage).Build();
        try
        {
            await Task.WhenAll(servers._postgres.StartAsync(), servers._rabbit.StartAsync());
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException(
                "No servers were given (ConnectionStrings__Marten, RabbitMq__Host) and Testcontainers could not start them. "
                    + "Run the tests with `bash deploy/test.sh`, which starts PostgreSQL and RabbitMQ, or start a Docker engine.",
                ex
            );
        }
        servers.PostgresConnectionString = servers._postgres.GetConnectionString();
        var uri = new Uri(servers._rabbit.GetConnectionString());
        servers.RabbitHost = uri.Host;
        servers.RabbitPort = uri.Port;
        var credentials = uri.UserInfo.Split(':');
        servers.RabbitUser = Uri.UnescapeDataString(credentials[0]);
        servers.RabbitPassword = Uri.UnescapeDataString(credentials[1]);
        report?.Invoke(
            $"Servers started by Testcontainers: PostgreSQL {postgresImage} (container {servers._postgres.Id[..12]}, port "
                + $"{servers._postgres.GetMappedPublicPort(PostgreSqlBuilder.PostgreSqlPort)}), "
                + $"RabbitMQ {rabbitImage} (container {servers._rabbit.Id[..12]}, port {servers.RabbitPort})"
        );
        return servers;
    }

    /// <summary>Creates an empty database for one test run and returns its connection string.</summary>
    public async Task<string> CreateDatabase(string name)
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand($"create database \"{name}\"", connection))
            await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DropDatabase(string name)
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
            await _postgres.DisposeAsync();
        if (_rabbit is not null)
            await _rabbit.DisposeAsync();
    }
}
