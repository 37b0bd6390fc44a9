using RightsExchange.Accounts.Biodiversity;
using RightsExchange.Accounts.Cancellation;
using RightsExchange.Accounts.Cash;
using RightsExchange.Accounts.Compensation;
using RightsExchange.Accounts.Compliance;
using RightsExchange.Accounts.Corridors;
using RightsExchange.Accounts.DeliveryVersusPayment;
using RightsExchange.Accounts.Expiry;
using RightsExchange.Accounts.FourEyes;
using RightsExchange.Accounts.Instruments;
using RightsExchange.Accounts.Issuance;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Accounts.Lineage;
using RightsExchange.Accounts.Orders;
using RightsExchange.Accounts.Participants;
using RightsExchange.Accounts.Pledges;
using RightsExchange.Accounts.Positions;
using RightsExchange.Accounts.Regions;
using RightsExchange.Accounts.Retail;
using RightsExchange.Accounts.Retirement;
using RightsExchange.Accounts.Transfers;
using RightsExchange.Hosting;

// The registry: participants, instruments, holding and cash accounts, reservations and delivery versus payment.
// Each capability's folder registers what it needs (its *Slice.cs).
var builder = WebApplication.CreateBuilder(args);

var accounts = new ServiceSlices(builder)
    .AddLedger()
    .AddParticipants()
    .AddInstruments()
    .AddIssuance()
    .AddCash()
    .AddOrders()
    .AddDeliveryVersusPayment()
    .AddRegions()
    .AddTransfers()
    .AddRetirement()
    .AddCancellation()
    .AddExpiry()
    .AddLineage()
    .AddCorridors()
    .AddPledges()
    .AddBiodiversity()
    .AddRetail()
    .AddCompliance()
    .AddFourEyes()
    .AddPositions()
    .AddCompensation();
builder.AddRightsExchangeStore("accounts", accounts);
builder.AddRightsExchangeMessaging("accounts", accounts);

var app = builder.Build();
app.MapRightsExchangeDefaults();
app.Run();
