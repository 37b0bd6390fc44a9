using MassTransit;
using RightsExchange.Contracts.MarketData.V1;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Settlement.V1;
using RightsExchange.Gateway.Accounts;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Market;
using RightsExchange.Gateway.Orders;
using RightsExchange.Gateway.Problems;
using RightsExchange.Gateway.Registry;
using RightsExchange.Gateway.Trades;
using RightsExchange.Hosting;
using Scalar.AspNetCore;

// The public HTTP API. Holds no ledger: commands and queries go to the services over RabbitMQ.
var builder = WebApplication.CreateBuilder(args);

builder.AddGatewayAuth();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ServiceFaults>();
builder.Services.AddValidation();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(o => ServiceDefaults.ConfigureJson(o.SerializerOptions));
builder.Services.AddSingleton(builder.Configuration.GetSection("Gateway").Get<GatewaySettings>() ?? new GatewaySettings());
builder.Services.AddSingleton<OrderOutcomes>();
builder.Services.AddScoped<OrderSubmitter>();

builder.AddRightsExchangeMessaging("gateway", bus =>
{
    bus.AddConsumer<OrderOutcomeConsumer>().Endpoint(e => e.Temporary = true);
    bus.AddRequestClient<RegisterParticipant>();
    bus.AddRequestClient<ListInstrument>();
    bus.AddRequestClient<IssueUnits>();
    bus.AddRequestClient<DepositCash>();
    bus.AddRequestClient<GetAccount>();
    bus.AddRequestClient<GetConservation>();
    bus.AddRequestClient<GetOrder>();
    bus.AddRequestClient<GetTrades>();
    bus.AddRequestClient<GetMarket>();
    bus.AddRequestClient<GetTradeTape>();
    bus.AddRequestClient<GetDailyStatistics>();
    bus.AddRequestClient<HaltInstrument>();
    bus.AddRequestClient<ResumeInstrument>();
});

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapRightsExchangeDefaults();
app.MapDevTokens();
app.MapRegistry();
app.MapOrders();
app.MapAccounts();
app.MapTrades();
app.MapMarket();
app.MapBlockTrades();
app.MapAuctions();
app.Run();
