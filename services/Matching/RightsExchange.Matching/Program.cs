using JasperFx.Events.Projections;
using RightsExchange.Hosting;
using RightsExchange.Matching.Books;
using RightsExchange.Matching.Engine;
using RightsExchange.Matching.Instruments;
using RightsExchange.Matching.Market;
using RightsExchange.Matching.Orders;

// Order matching: one market per instrument (continuous book, block trades, auctions), trading rules and calendars from configuration.
var builder = WebApplication.CreateBuilder(args);

builder.AddRightsExchangeStore("matching", options =>
{
    options.Projections.Add(new OrderSummaryProjection(), ProjectionLifecycle.Inline);
    options.Schema.For<BookSnapshot>();
});
builder.Services.Configure<TradingOptions>(builder.Configuration.GetSection("Trading"));
builder.Services.Configure<SnapshotOptions>(builder.Configuration.GetSection("Trading:Snapshots"));
builder.Services.AddSingleton<BookRegistry>();
builder.Services.AddSingleton<MatchingWriter>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<MatchingWriter>());
builder.Services.Configure<TickerOptions>(builder.Configuration.GetSection("Trading:Ticker"));
builder.Services.AddHostedService<TradingDayTicker>();

builder.AddRightsExchangeMessaging("matching", bus =>
{
    bus.AddConsumer<InstrumentListedConsumer>();
    bus.AddConsumer<OrderInputConsumer>();
    bus.AddConsumer<GetOrderConsumer>();
    bus.AddConsumer<MarketControlConsumer>();
    bus.AddConsumer<GetMarketConsumer>();
});

var app = builder.Build();
app.MapRightsExchangeDefaults();
app.Run();
