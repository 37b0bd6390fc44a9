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

// The slices register what they need (each folder's *Slice.cs; idempotency keys in Input/); the endpoints are mapped below.
var gateway = new ServiceSlices(builder).AddIdempotencyKeys().AddOrders().AddFeed().AddWebhooks();

// The gateway's own log holds the public feed; its documents are the idempotent answers, the webhooks and their delivery log.
builder.AddRightsExchangeStore("gateway", gateway, JasperFx.Events.EventAppendMode.Rich);
builder.AddRightsExchangeMessaging("gateway", gateway);

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
