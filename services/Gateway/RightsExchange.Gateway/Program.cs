using MassTransit;
using Microsoft.Extensions.Options;
using RightsExchange.Contracts.Audit.V1;
using RightsExchange.Contracts.MarketData.V1;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Gateway.ApiDocument;
using RightsExchange.Gateway.Audit;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Biodiversity;
using RightsExchange.Gateway.Cancellation;
using RightsExchange.Gateway.Cash;
using RightsExchange.Gateway.Compensation;
using RightsExchange.Gateway.Compliance;
using RightsExchange.Gateway.Console;
using RightsExchange.Gateway.Corridors;
using RightsExchange.Gateway.Expiry;
using RightsExchange.Gateway.Feed;
using RightsExchange.Gateway.FourEyes;
using RightsExchange.Gateway.Input;
using RightsExchange.Gateway.Instruments;
using RightsExchange.Gateway.Issuance;
using RightsExchange.Gateway.Lineage;
using RightsExchange.Gateway.Market;
using RightsExchange.Gateway.Orders;
using RightsExchange.Gateway.Participants;
using RightsExchange.Gateway.Pledges;
using RightsExchange.Gateway.Positions;
using RightsExchange.Gateway.Problems;
using RightsExchange.Gateway.Regions;
using RightsExchange.Gateway.Retail;
using RightsExchange.Gateway.Retirement;
using RightsExchange.Gateway.Settlement;
using RightsExchange.Gateway.Trades;
using RightsExchange.Gateway.Transfers;
using RightsExchange.Gateway.Webhooks;
using RightsExchange.Hosting;
using Scalar.AspNetCore;

// The public HTTP API. Holds no ledger: commands and queries go to the services over RabbitMQ.
var builder = WebApplication.CreateBuilder(args);

builder.AddGatewayAuth();

// Explicit limits on what a request may carry (appsettings.json, Kestrel:Limits); past the body's, 413 PAYLOAD_TOO_LARGE.
builder.WebHost.ConfigureKestrel(kestrel => builder.Configuration.GetSection("Kestrel:Limits").Bind(kestrel.Limits));
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = FrameworkProblems.Customize);
builder.Services.AddExceptionHandler<InputFaults>();
builder.Services.AddExceptionHandler<ServiceFaults>();
builder.Services.AddValidation();
builder.Services.AddOpenApi(o =>
{
    o.AddSchemaTransformer<EnumSchemas>();
    o.AddSchemaTransformer<FieldSchemas>();
    o.AddDocumentTransformer<OperationDocs>();
    o.AddOperationTransformer<OperationDocs>();
});
builder.Services.ConfigureHttpJsonOptions(o => ServiceDefaults.ConfigureJson(o.SerializerOptions));
builder.AddInputChecks();
builder.AddRateLimits();
builder.AddIdempotencyKeys();
builder.Services.AddSingleton(builder.Configuration.GetSection("Gateway").Get<GatewaySettings>() ?? new GatewaySettings());
builder.Services.AddSingleton<OrderOutcomes>();
builder.Services.AddScoped<OrderSubmitter>();
builder.Services.AddSingleton<OrderCommands>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<OrderCommands>());

// The gateway's own log holds the public feed; its documents, the webhooks and their delivery log.
builder.AddRightsExchangeStore(
    "gateway",
    options =>
    {
        options.Events.AddEventType<FeedEntry>();
        options.Schema.For<IdempotentResponse>();
        options.Schema.For<Webhook>().Index(w => w.ParticipantId);
        options.Schema.For<WebhookDelivery>().Index(d => d.WebhookId).Index(d => d.Status);
    },
    JasperFx.Events.EventAppendMode.Rich
);
builder.Services.AddSingleton<FeedCommits>();
builder.Services.AddHostedService<FeedRelay>();
builder.Services.AddSingleton<PublicExchange>();
builder.Services.AddSingleton<FeedWriter>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<FeedWriter>());
builder.Services.Configure<WebhookOptions>(builder.Configuration.GetSection("Webhooks"));
builder
    .Services.AddHttpClient(WebhookDispatcher.HttpClientName)
    .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectCallback = (context, ct) => WebhookTargets.Connect(context, sp.GetRequiredService<IOptions<WebhookOptions>>().Value, ct),
    });
builder.Services.AddHostedService<WebhookDispatcher>();

var prefix = builder.Configuration["Messaging:EndpointPrefix"];
var partitionCount = builder.Configuration.GetValue(MatchingPartitions.CountKey, 4);
builder.AddRightsExchangeMessaging(
    "gateway",
    bus =>
    {
        bus.AddConsumer<FeedConsumer>();
        // Each gateway instance waits for its own requests' outcomes: a temporary queue of its own (an instance id in its name).
        bus.AddConsumer<OrderOutcomeConsumer>()
            .Endpoint(e =>
            {
                e.Temporary = true;
                e.InstanceId = Guid.NewGuid().ToString("N")[..12];
            });
        bus.AddRequestClient<RegisterParticipant>();
        bus.AddRequestClient<ListInstrument>();
        bus.AddRequestClient<IssueUnits>();
        bus.AddRequestClient<DepositCash>();
        bus.AddRequestClient<GetAccount>();
        bus.AddRequestClient<GetConservation>();
        // One order's look-up answers in milliseconds; while a back end recovers (a broker restart), answering 503 after 5 s
        // tells the client to retry, where MassTransit's 30 s default outlasts most clients' own timeouts (the chaos run).
        bus.AddRequestClient<GetOrder>(RequestTimeout.After(s: 5));
        bus.AddRequestClient<GetTrades>();
        bus.AddRequestClient<GetMarket>();
        bus.AddRequestClient<GetTradeTape>();
        bus.AddRequestClient<GetDailyStatistics>();
        bus.AddRequestClient<HaltInstrument>();
        bus.AddRequestClient<ResumeInstrument>();
        bus.AddRequestClient<GetAuditEvents>();
        bus.AddRequestClient<VerifyAuditLog>();
        bus.AddRequestClient<GetPositions>();
    },
    (context, cfg) =>
    {
        // One active consumer across gateway instances: the feed's positions are assigned by one writer at a time.
        cfg.ReceiveEndpoint(FeedConsumer.QueueName(prefix), e =>
        {
            e.ConfigureConsumeTopology = false;
            e.SingleActiveConsumer = true;
            FeedConsumer.Bind(e, partitionCount);
            e.ConfigureConsumer<FeedConsumer>(context);
            ReplicatedQueues.Apply(e, context);
        });
    },
    exclude => exclude.Exclude<FeedConsumer>()
);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseInputChecks();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseIdempotencyKeys();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapRightsExchangeDefaults();
app.UseConsole();
app.MapDevTokens();
app.MapParticipants();
app.MapInstruments();
app.MapIssuance();
app.MapExpiry();
app.MapCancellations();
app.MapCash();
app.MapCrossRegionApprovals();
app.MapTransfers();
app.MapRetirements();
app.MapPledges();
app.MapLineage();
app.MapWaterCorridors();
app.MapCompliance();
app.MapCompensation();
app.MapBiodiversityObligations();
app.MapStewardship();
app.MapRetail();
app.MapRegistryActions();
app.MapOrders();
app.MapPositions();
app.MapTrades();
app.MapMarket();
app.MapBlockTrades();
app.MapAuctions();
app.MapAudit();
app.MapReconciliations();
app.MapAlerts();
app.MapSettlement();
app.MapFeed();
app.MapWebhooks();
app.Run();
