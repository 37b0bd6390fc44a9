using JasperFx.Events.Projections;
using RightsExchange.Hosting;
using RightsExchange.Matching.Books;
using RightsExchange.Matching.Engine;
using RightsExchange.Matching.Instruments;
using RightsExchange.Matching.Orders;

// Order matching: one book per instrument, price-time priority, trading rules from configuration.
var builder = WebApplication.CreateBuilder(args);

builder.AddRightsExchangeStore("matching", options =>
{
    options.Projections.Add(new OrderSummaryProjection(), ProjectionLifecycle.Inline);
});
builder.Services.Configure<TradingOptions>(builder.Configuration.GetSection("Trading"));
builder.Services.AddSingleton<BookRegistry>();
builder.Services.AddSingleton<MatchingWriter>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<MatchingWriter>());

builder.AddRightsExchangeMessaging("matching", bus =>
{
    bus.AddConsumer<InstrumentListedConsumer>();
    bus.AddConsumer<OrderInputConsumer>();
    bus.AddConsumer<GetOrderConsumer>();
});

var app = builder.Build();
app.MapRightsExchangeDefaults();
app.Run();
