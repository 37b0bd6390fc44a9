using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts;
using RightsExchange.Gateway.Orders;
using RightsExchange.Matching.Books;
using RightsExchange.Settlement.Settlements;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace RightsExchange.IntegrationTests;

/// <summary>
/// The whole exchange, in this process: the four services as real hosts (each with its own Marten store, daemon and
/// MassTransit bus) against real PostgreSQL and RabbitMQ, on a database and queue names of this run's own.
/// </summary>
public class ExchangeFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = ContractJson.Web();
    private readonly string _run = $"rx_test_{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid():N}"[..40];
    private Servers _servers = null!;
    private Dictionary<string, string?> _settings = null!;
    private ServiceFactory<OrderOutcomes>? _web;

    public ServiceFactory<OrderOutcomes> Gateway { get; private set; } = null!;

    /// <summary>This run's broker as an AMQP URI, for subscribers outside .NET.</summary>
    public string RabbitUri => _servers.RabbitUri;
    public ServiceFactory<LedgerWriter> Accounts { get; private set; } = null!;

    /// <summary>The accounts service's clock: the system clock, moved forward when a test sets its offset (expiry).</summary>
    public MovableClock AccountsClock { get; } = new();
    public ServiceFactory<MatchingWriter> Matching { get; private set; } = null!;
    public ServiceFactory<SettlementWriter> Settlement { get; private set; } = null!;

    /// <summary>Settings a fixture of its own puts over the tests' usual ones.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Overrides { get; } = new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        _servers = await Servers.Start(message => diagnostics.OnMessage(new DiagnosticMessage(message)));
        var settings = _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Marten"] = await _servers.CreateDatabase(_run),
            ["RabbitMq:Host"] = _servers.RabbitHost,
            ["RabbitMq:Port"] = _servers.RabbitPort.ToString(),
            ["RabbitMq:Username"] = _servers.RabbitUser,
            ["RabbitMq:Password"] = _servers.RabbitPassword,
            ["RabbitMq:VirtualHost"] = _servers.RabbitVirtualHost,
            ["Messaging:EndpointPrefix"] = _run.Replace('_', '-'),
            ["Trading:Ticker:Interval"] = "00:00:01",
            // Net cycles run on demand in tests, so a run crossing 15:15 Asia/Shanghai cannot settle a test's trades early.
            ["Settlement:Daily"] = "false",
            ["Trading:Snapshots:Every"] = "5",
            ["Registry:AsOfSnapshotEvery"] = "4",
            // Pages of five events, so every reconciliation in the tests reads the registry's cut in several pages.
            ["Reconciliation:PageSize"] = "5",
            // A small water corridor of the tests' own, beside the configured one (index 0).
            ["Registry:WaterCorridors:1:Id"] = "test-valley",
            ["Registry:WaterCorridors:1:FromBasin"] = "TEST-BASIN",
            ["Registry:WaterCorridors:1:ToRegion"] = "CN-TEST-VALLEY",
            ["Registry:WaterCorridors:1:VolumePerYear"] = "1000",
            ["Feed:Heartbeat"] = "00:00:01",
            ["Telemetry:QueueDepthInterval"] = "00:00:01",
            ["Webhooks:MaxAttempts"] = "4",
            // Regulators approve four-eyes actions, and so do registry supervisors, a role of their own.
            ["Auth:ApproverRoles:0"] = "regulator",
            ["Auth:ApproverRoles:1"] = "registry-supervisor",
            // The tests' receivers listen on loopback, which a webhook may not reach unless allowed.
            ["Webhooks:AllowedHosts:0"] = "127.0.0.1",
            ["Webhooks:AllowedHosts:1"] = "localhost",
            ["Webhooks:FirstRetryDelay"] = "00:00:00.050",
            ["Webhooks:MaxRetryDelay"] = "00:00:00.200",
        };
        foreach (var (key, value) in Overrides)
            settings[key] = value;
        Accounts = new ServiceFactory<LedgerWriter>(settings, AccountsClock);
        Matching = new ServiceFactory<MatchingWriter>(settings);
        Settlement = new ServiceFactory<SettlementWriter>(settings);
        Gateway = new ServiceFactory<OrderOutcomes>(settings);
        // Starting a factory's services starts its host: bus, daemon and writer.
        _ = Accounts.Services;
        _ = Matching.Services;
        _ = Settlement.Services;
        _ = Gateway.Services;
    }

    /// <summary>
    /// The address of a second gateway of this exchange listening on a real port (Kestrel), for a browser: the console's
    /// pages and the API they call. Started on first use.
    /// </summary>
    public Uri WebAddress => (_web ??= WebGateway(new Dictionary<string, string?>())).ClientOptions.BaseAddress;

    /// <summary>
    /// Starts one more gateway of this exchange on a real port with <paramref name="overrides"/> over the run's settings;
    /// the caller disposes of it. Its address is <c>ClientOptions.BaseAddress</c>.
    /// </summary>
    public ServiceFactory<OrderOutcomes> WebGateway(IReadOnlyDictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>(_settings);
        foreach (var (key, value) in overrides)
            settings[key] = value;
        var web = new ServiceFactory<OrderOutcomes>(settings);
        web.UseKestrel(0);
        web.StartServer();
        return web;
    }

    /// <summary>An API client acting as a regulator (<paramref name="subject"/> tells two regulators apart, for four-eyes).</summary>
    public Task<HttpClient> Regulator(string subject = "test-regulator") => Client(new { subject, role = "regulator" });

    /// <summary>An API client acting as a registry supervisor: an approver role that is not a regulator.</summary>
    public Task<HttpClient> Supervisor(string subject = "test-supervisor") => Client(new { subject, role = "registry-supervisor" });

    /// <summary>An API client acting as a trader of <paramref name="participantId"/>.</summary>
    public Task<HttpClient> Trader(string participantId) =>
        Client(
            new
            {
                subject = $"trader-{participantId}",
                role = "trader",
                participantId,
            }
        );

    /// <summary>An API client acting as a member of the public signed in as <paramref name="subject"/> (role individual).</summary>
    public Task<HttpClient> Individual(string subject) => Client(new { subject, role = "individual" });

    private async Task<HttpClient> Client(object token)
    {
        var client = Gateway.CreateClient();
        var response = await client.PostAsJsonAsync("/api/dev/tokens", token, Json);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("token").GetString());
        return client;
    }

    /// <summary>Stops the matching service's host (bus, writer, timer) and starts a new one, which rebuilds its books from the
    /// journals.</summary>
    public async Task RestartMatching()
    {
        await Matching.DisposeAsync();
        Matching = new ServiceFactory<MatchingWriter>(_settings);
        _ = Matching.Services;
    }

    /// <summary>How many messages wait in the queue of <typeparamref name="TConsumer"/> in <paramref name="service"/> (accounts,
    /// settlement...).</summary>
    public async Task<uint> Waiting<TConsumer>(string service)
        where TConsumer : class, IConsumer
    {
        var queue = new KebabCaseEndpointNameFormatter($"{_run.Replace('_', '-')}-{service}", false).Consumer<TConsumer>();
        var factory = new ConnectionFactory { Uri = new Uri(RabbitUri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }

    /// <summary>An HTTP client of each of the four services' hosts, by service name (gateway, accounts, matching, settlement).</summary>
    public IReadOnlyList<(string Name, HttpClient Client)> ServiceClients() =>
        [
            ("gateway", Gateway.CreateClient()),
            ("accounts", Accounts.CreateClient()),
            ("matching", Matching.CreateClient()),
            ("settlement", Settlement.CreateClient()),
        ];

    /// <summary>
    /// Starts one more host of a service with the run's settings and <paramref name="overrides"/> over them (a gateway with
    /// tight rate limits, one pointed at a broker that is not there); the caller disposes of it.
    /// </summary>
    public ServiceFactory<TEntryPoint> Another<TEntryPoint>(IReadOnlyDictionary<string, string?> overrides)
        where TEntryPoint : class
    {
        var settings = new Dictionary<string, string?>(_settings);
        foreach (var (key, value) in overrides)
            settings[key] = value;
        var factory = new ServiceFactory<TEntryPoint>(settings);
        _ = factory.Services;
        return factory;
    }

    /// <summary>Stops the accounts host (bus, writer, daemon); its queues keep what arrives meanwhile.</summary>
    public Task StopAccounts() => Accounts.DisposeAsync().AsTask();

    /// <summary>Starts a new accounts host on the same store and queues.</summary>
    public void StartAccounts()
    {
        Accounts = new ServiceFactory<LedgerWriter>(_settings, AccountsClock);
        _ = Accounts.Services;
    }

    /// <summary>Stops the settlement host (bus, writer, daemon); its queues keep what arrives meanwhile.</summary>
    public Task StopSettlement() => Settlement.DisposeAsync().AsTask();

    /// <summary>Starts a new settlement host on the same store and queues.</summary>
    public void StartSettlement()
    {
        Settlement = new ServiceFactory<SettlementWriter>(_settings);
        _ = Settlement.Services;
    }

    /// <summary>
    /// Starts a second matching instance serving the same partitions (it stands by: each partition queue has one active
    /// consumer), then kills the first; the second takes over every partition and loads the books from the store.
    /// </summary>
    public async Task FailOverMatching()
    {
        var standby = new ServiceFactory<MatchingWriter>(_settings);
        _ = standby.Services;
        await Matching.DisposeAsync();
        Matching = standby;
    }

    public async Task DisposeAsync()
    {
        if (_web is not null)
            await _web.DisposeAsync();
        await Gateway.DisposeAsync();
        await Settlement.DisposeAsync();
        await Matching.DisposeAsync();
        await Accounts.DisposeAsync();
        await _servers.DropDatabase(_run);
        await _servers.DisposeAsync();
    }
}

/// <summary>One service's host, configured for the test run, with <paramref name="clock"/> in place of the system clock when
/// given.</summary>
public sealed class ServiceFactory<TEntryPoint>(IReadOnlyDictionary<string, string?> settings, NodaTime.IClock? clock = null)
    : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
        if (clock is not null)
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
    }
}

/// <summary>The system clock plus <see cref="Offset"/>: lets a test move a service into the future.</summary>
public sealed class MovableClock : NodaTime.IClock
{
    public NodaTime.Duration Offset { get; set; }

    public NodaTime.Instant GetCurrentInstant() => NodaTime.SystemClock.Instance.GetCurrentInstant() + Offset;
}

[CollectionDefinition(Name)]
public sealed class ExchangeCollection : ICollectionFixture<ExchangeFixture>
{
    public const string Name = "exchange";
}
