using System.Net;
using RightsExchange.Contracts.Registry.V1;
using Spectre.Console;

namespace RightsExchange.Replay;

// The replay of the one-yuan sink: an individual buys a retail step and it is retired.
public sealed partial class Replayer
{
    /// <summary>
    /// Each one-yuan sink: the seller's trader offers the sink, the member of the public signs up with an individual's
    /// token, a regulator records their deposit, they buy by amount, and the public retirement record is read back as
    /// anyone can; its quantity and serials must be those the scenario expects. The seller then withdraws what is unsold.
    /// </summary>
    private async Task Retail(string regulator)
    {
        if (scenario.Retail is not { Count: > 0 } purchases)
            return;
        var table = new Table().Title("One-yuan sinks (retail purchases, retired at once)").RoundedBorder();
        foreach (var column in new[] { "row", "buyer", "paid (CNY)", "bought", "serials", "beneficiary" })
            table.AddColumn(column);
        foreach (var r in purchases)
        {
            var seller = await api.Token("trader", r.SellerId);
            var (offered, offer) = await api.Post(
                seller,
                "/api/retail/offers",
                new
                {
                    r.InstrumentId,
                    r.Price,
                    quantity = r.Offered,
                }
            );
            var individual = await api.Token("individual", subject: r.Buyer.Subject);
            var (signedUp, signUp) = await api.Post(individual, "/api/retail/individuals", new { r.Buyer.Name, r.Buyer.Region });
            if (offered != HttpStatusCode.Created || signedUp != HttpStatusCode.Created)
            {
                _failures.Add($"{r.Title}: the offer ({(int)offered} {offer}) or the sign-up ({(int)signedUp} {signUp}) was refused");
                continue;
            }
            var offerId = offer.GetProperty("id").GetString();
            var buyerId = signUp.GetProperty("participantId").GetString()!;
            await Expect201(regulator, "/api/cash-deposits", new { participantId = buyerId, amount = r.Deposit }, $"deposit for {buyerId}");
            var (bought, purchase) = await api.Post(
                individual,
                "/api/retail/purchases",
                new
                {
                    offerId,
                    r.Amount,
                    r.Beneficiary,
                }
            );
            if (bought != HttpStatusCode.Created)
            {
                _failures.Add($"{r.Title}: the purchase was refused: {(int)bought} {purchase}");
                continue;
            }
            var record = await api.Get<RetirementRecorded>(null, $"/api/retirements/{purchase.GetProperty("id").GetString()}");
            var paid = r.Deposit - (await api.Get<AccountStatement>(individual, $"/api/accounts/{buyerId}")).Cash.Available;
            if (record.Quantity.Amount != r.ExpectedQuantity || paid != r.ExpectedPaid)
                _failures.Add($"{r.Title}: bought {record.Quantity} for {paid} CNY, expected {r.ExpectedQuantity} for {r.ExpectedPaid}");
            var (withdrawn, why) = await api.Delete(seller, $"/api/retail/offers/{offerId}");
            if (withdrawn != HttpStatusCode.Created)
                _failures.Add($"{r.Title}: the offer could not be withdrawn: {(int)withdrawn} {why}");
            var serials = string.Join(", ", (record.Serials ?? []).Select(b => $"batch {b.Batch}: {b.First}-{b.Last}"));
            var quantity = $"{record.Quantity.Amount:0.000#} {Markup.Escape(record.Quantity.Unit)}";
            table.AddRow(
                r.Row,
                Markup.Escape(buyerId),
                $"{paid:#,0.00}",
                quantity,
                Markup.Escape(serials),
                Markup.Escape(record.Beneficiary)
            );
        }
        AnsiConsole.Write(table);
        foreach (var r in purchases)
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(r.Title)}: {Markup.Escape(r.Note)}[/]");
    }
}
