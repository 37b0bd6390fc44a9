using RightsExchange.Hosting;
using RightsExchange.Matching.Books;
using RightsExchange.Matching.Instruments;
using RightsExchange.Matching.Market;
using RightsExchange.Matching.Orders;

// Order matching: one market per instrument (continuous book, block trades, auctions), trading rules and calendars from
// configuration. Each capability's folder registers what it needs (its *Slice.cs).
var builder = WebApplication.CreateBuilder(args);

var matching = new ServiceSlices(builder).AddBooks().AddInstruments().AddOrders().AddMarket();
builder.AddRightsExchangeStore("matching", matching, JasperFx.Events.EventAppendMode.Rich);
builder.AddRightsExchangeMessaging("matching", matching);

var app = builder.Build();
app.MapRightsExchangeDefaults();
app.Run();
