using JasperFx.Events.Projections;
using MassTransit;
using RightsExchange.Hosting;
using RightsExchange.Matching.Books;
using RightsExchange.Matching.Engine;
using RightsExchange.Matching.Instruments;
using RightsExchange.Matching.Market;
using RightsExchange.Matching.Orders;

// Order matching: one market per instrument (continuous book, block trades, auctions), trading rules and calendars from configuration.
var builder = WebApplication.CreateBuilder(args);

builder.AddRightsExchangeStore(
    "matching",
    options =>
    {
        options.Projections.Add(new OrderSummaryProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<BookSnapshot>();
    },
    JasperFx.Events.EventAppendMode.Rich
);
builder.Services.Configure<TradingOptions>(builder.Configuration.GetSection("Trading"));
builder.Services.Configure<SnapshotOptions>(builder.Configuration.GetSection("Trading:Snapshots"));
builder.Services.AddSingleton<BookRegistry>();
builder.Services.AddSingleton<MatchingWriter>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<MatchingWriter>());
builder.Services.Configure<TickerOptions>(builder.Configuration.GetSection("Trading:Ticker"));
builder.Services.AddHostedService<TradingDayTicker>();

var partitions = builder.Configuration.GetSection("Matching").Get<PartitionOptions>() ?? new PartitionOptions();
var prefix = builder.Configuration["Messaging:EndpointPrefix"];
builder.Services.AddSingleton(partitions);

// Everything a book must see in order arrives on its partition's queue; only order reads use the shared queue.
Type[] partitioned =
[
    typeof(InstrumentListedConsumer),
    typeof(OrderInputConsumer),
    typeof(MarketControlConsumer),
    typeof(GetMarketConsumer),
    typeof(TickBooksConsumer),
];
builder.AddRightsExchangeMessaging(
    "matching",
    bus =>
    {
        foreach (var consumer in partitioned)
            bus.AddConsumer(consumer);
        bus.AddConsumer<GetOrderConsumer>(typeof(QueryDefinition<GetOrderConsumer>));
        bus.AddConsumer<MarketHistoryConsumer>(typeof(QueryDefinition<MarketHistoryConsumer>));
    },
    (context, cfg) =>
    {
        MatchingPartitions.Route<TickBooks>(cfg, tick => tick.Partition);
        foreach (var partition in partitions.Served)
        {
            cfg.ReceiveEndpoint(PartitionOptions.QueueName(prefix, partition), e =>
            {
                e.ConfigureConsumeTopology = false;
                e.SingleActiveConsumer = true;
                MatchingPartitions.BindInputs(e, partition);
                MatchingPartitions.Bind<TickBooks>(e, partition);
                foreach (var consumer in partitioned)
                    e.ConfigureConsumer(context, consumer);
                e.ConnectReceiveEndpointObserver(ActivatorUtilities.CreateInstance<PartitionEndpointObserver>(context, partition));
                ReplicatedQueues.Apply(e, context);
            });
        }
    },
    exclude => exclude.Exclude(partitioned)
);

var app = builder.Build();
app.MapRightsExchangeDefaults();
app.Run();
