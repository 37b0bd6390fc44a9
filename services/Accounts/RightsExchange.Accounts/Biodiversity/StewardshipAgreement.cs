using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using NodaTime;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Biodiversity.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Hosting;

namespace RightsExchange.Accounts.Biodiversity;

/// <summary>
/// A biodiversity stewardship agreement (stream <c>stewardship:{agreementId}</c>): the Total Fund Deposit paid in so
/// far, when the yearly payments to the land holder began, and those paid. The state is the fold of the stream.
/// </summary>
public sealed record StewardshipAgreement(
    string Id,
    StewardshipAgreementRegistered Terms,
    decimal Deposited,
    LocalDate? FirstPaymentDue,
    IReadOnlyList<StewardshipPaymentMade> Payments
) : IFold<StewardshipAgreement>
{
    public static string StreamPrefix => "stewardship:";

    public static StewardshipAgreement? Fold(StewardshipAgreement? state, string streamKey, object @event) =>
        (state, @event) switch
        {
            (null, StewardshipAgreementRegistered e) => new StewardshipAgreement(streamKey, e, 0m, null, []),
            ({ } s, StewardshipDepositPaid e) => s with { Deposited = e.Deposited.Amount },
            ({ FirstPaymentDue: null } s, StewardshipPaymentsBegan e) => s with { FirstPaymentDue = e.FirstPaymentDue },
            ({ } s, StewardshipPaymentMade e) => s with { Payments = [.. s.Payments, e] },
            _ => throw new InvalidOperationException($"{@event.GetType().Name} does not apply to stewardship agreement {streamKey}"),
        };

    /// <summary>
    /// The payments due on or before <paramref name="today"/> and not paid yet, one every
    /// <paramref name="intervalMonths"/> from the first: (number, due date), first first.
    /// </summary>
    public IEnumerable<(int Year, LocalDate DueOn)> DueBy(LocalDate today, int intervalMonths)
    {
        if (FirstPaymentDue is not { } first)
            yield break;
        for (var year = Payments.Count + 1; year <= Terms.Years; year++)
        {
            var due = first.PlusMonths(intervalMonths * (year - 1));
            if (due > today)
                yield break;
            yield return (year, due);
        }
    }

    /// <summary>CNY of the Total Fund Deposit still to pay.</summary>
    public decimal Owed => Terms.TotalFundDeposit.Amount - Deposited;

    public StewardshipAgreementView ToView() => new(Terms.AgreementId, Terms, Money.InCny(Deposited), FirstPaymentDue, Payments);
}

/// <summary>
/// The stewardship agreements whose sites generate one land holder's credits of one instrument (stream
/// <c>stewardship-sites:{landholder}:{instrument}</c>), in the order they were recorded: a settled sale of those credits
/// reads it to pay the deposits still owed.
/// </summary>
public sealed record StewardshipSites(string Id, IReadOnlyList<Guid> Agreements) : IFold<StewardshipSites>
{
    public static string StreamPrefix => "stewardship-sites:";

    public static string StreamKey(string landholderId, string instrumentId) => $"{StreamPrefix}{landholderId}:{instrumentId}";

    public static StewardshipSites? Fold(StewardshipSites? state, string streamKey, object @event) =>
        @event switch
        {
            StewardshipSiteOpened e => new StewardshipSites(streamKey, [.. state?.Agreements ?? [], e.AgreementId]),
            _ => throw new InvalidOperationException($"{@event.GetType().Name} is not a stewardship-site index event"),
        };
}

/// <summary>Stream <c>stewardship-sites:{landholder}:{instrument}</c>: agreement <paramref name="AgreementId"/> covers these
/// credits.</summary>
public sealed record StewardshipSiteOpened(Guid AgreementId, Instant At);

/// <summary>
/// Stewardship agreements and their money (NSW Biodiversity Conservation Act 2016 Part 5 Division 2; the Biodiversity
/// Stewardship Payments Fund, Part 6 Division 7): a regulator records the agreement; the proceeds of every sale of the
/// site's credits on the exchange go into the fund as the trade settles (<see cref="OnCreditSale"/>) until the Total Fund
/// Deposit is paid, and the land holder may pay in more itself; once the deposit reaches
/// <see cref="BiodiversitySettings.StewardshipPaymentThreshold"/> of it the payments begin, due that day and every
/// <see cref="BiodiversitySettings.StewardshipPaymentIntervalMonths"/> (yearly by default) after, and the fund
/// manager pays each as it falls due. Every step is an event of the agreement's stream,
/// and each payment moves cash between the two accounts in the same commit.
/// </summary>
public sealed class StewardshipConsumer(LedgerWriter writer, IOptions<BiodiversitySettings> settings)
    : IConsumer<RegisterStewardshipAgreement>,
        IConsumer<PayStewardshipDeposit>,
        IConsumer<PayStewardshipInstalments>
{
    public Task Consume(ConsumeContext<RegisterStewardshipAgreement> context) => writer.Reply(context, Register);

    public Task Consume(ConsumeContext<PayStewardshipDeposit> context) =>
        writer.Reply(context, (ledger, c) => Deposit(ledger, c, settings.Value));

    public Task Consume(ConsumeContext<PayStewardshipInstalments> context) =>
        writer.Reply(context, (ledger, c) => PayInstalments(ledger, c, settings.Value));

    public static async Task<object> Register(LedgerCommit ledger, RegisterStewardshipAgreement c)
    {
        if ((await ledger.Participant(c.LandholderId)).State is null)
            return new RegistryCommandRejected(ReasonCodes.ParticipantUnknown, $"No participant '{c.LandholderId}'.");
        var agreement = await ledger.Streams.Open<StewardshipAgreement>(StewardshipAgreement.StreamPrefix + c.AgreementId);
        if (agreement.State is not null)
            return new RegistryCommandRejected(ReasonCodes.AgreementExists, $"Stewardship agreement {c.AgreementId} is recorded already.");
        if (Invalid(c) is { } why)
            return new RegistryCommandRejected(ReasonCodes.InvalidAgreement, why);
        foreach (var instrumentId in c.CreditInstrumentIds)
            if ((await ledger.Instrument(instrumentId)).State?.Definition.Class != InstrumentClass.BiodiversityCredit)
                return new RegistryCommandRejected(ReasonCodes.InvalidAgreement, $"'{instrumentId}' is not a listed biodiversity credit.");
        agreement.Append(
            new StewardshipAgreementRegistered(
                c.AgreementId,
                c.LandholderId,
                c.Site,
                c.CreditInstrumentIds,
                c.TotalFundDeposit,
                c.AnnualPayment,
                c.Years,
                c.RequestedBy,
                ledger.Now
            )
        );
        foreach (var instrumentId in c.CreditInstrumentIds.Distinct())
            (await ledger.Streams.Open<StewardshipSites>(StewardshipSites.StreamKey(c.LandholderId, instrumentId))).Append(
                new StewardshipSiteOpened(c.AgreementId, ledger.Now)
            );
        return new RegistryCommandAccepted(c.AgreementId.ToString());
    }

    public static async Task<object> Deposit(LedgerCommit ledger, PayStewardshipDeposit c, BiodiversitySettings rules)
    {
        var agreement = await ledger.Streams.Open<StewardshipAgreement>(StewardshipAgreement.StreamPrefix + c.AgreementId);
        if (agreement.State is not { } state)
            return new RegistryCommandRejected(ReasonCodes.AgreementUnknown, $"No stewardship agreement {c.AgreementId}.");
        if (c.PayerId != state.Terms.LandholderId)
            return new RegistryCommandRejected(
                ReasonCodes.NotLandholder,
                $"Only the land holder {state.Terms.LandholderId} pays the deposit."
            );
        if (!RegistryChecks.IsCnyAmount(Money.InCny(c.Amount)) || c.Amount > state.Owed)
            return new RegistryCommandRejected(
                ReasonCodes.InvalidAmount,
                $"A deposit is a positive CNY amount in whole fen, at most the {state.Owed:0.00} CNY still owed; it is {c.Amount}."
            );
        if ((await ledger.Participant(rules.StewardshipFundAccountId)).State is null)
            return new RegistryCommandRejected(
                ReasonCodes.ParticipantUnknown,
                $"The fund's account '{rules.StewardshipFundAccountId}' (Biodiversity:StewardshipFundAccountId) is not registered."
            );
        var payer = await ledger.Cash(c.PayerId);
        if ((payer.State?.Available ?? 0m) < c.Amount)
            return new RegistryCommandRejected(
                ReasonCodes.InsufficientCash,
                $"The deposit is {c.Amount:0.00} CNY; {c.PayerId} has {payer.State?.Available ?? 0m:0.00} CNY available."
            );

        await PayIn(ledger, rules, agreement, payer, c.Amount, c.PaymentId, null);
        return new RegistryCommandAccepted(c.PaymentId.ToString());
    }

    /// <summary>
    /// Pays the deposits still owed under the seller's stewardship agreements for <paramref name="instrumentId"/> out of
    /// <paramref name="proceeds"/> (CNY the seller received for settlement <paramref name="settlementId"/>, in the same
    /// commit), oldest agreement first; nothing when the seller has none or the fund's account is not registered.
    /// </summary>
    public static async Task OnCreditSale(LedgerCommit ledger, string sellerId, string instrumentId, decimal proceeds, string settlementId)
    {
        var sites = (await ledger.Streams.Open<StewardshipSites>(StewardshipSites.StreamKey(sellerId, instrumentId))).State;
        var rules = ledger.Biodiversity;
        if (sites is null || (await ledger.Participant(rules.StewardshipFundAccountId)).State is null)
            return;
        var left = proceeds;
        foreach (var agreementId in sites.Agreements)
        {
            var agreement = await ledger.Streams.Open<StewardshipAgreement>(StewardshipAgreement.StreamPrefix + agreementId);
            var amount = Math.Min(left, agreement.State!.Owed);
            if (amount <= 0m)
                continue;
            // The same settlement pays the same agreement once, under the same payment id, however often it is applied.
            var paymentId = new Guid(
                System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"{settlementId}|{agreementId}"))
            );
            await PayIn(ledger, rules, agreement, await ledger.Cash(sellerId), amount, paymentId, settlementId);
            left -= amount;
        }
    }

    /// <summary>
    /// Moves <paramref name="amount"/> CNY from <paramref name="payer"/> to the fund toward the agreement's deposit, and
    /// begins the yearly payments when the deposit reaches the threshold.
    /// </summary>
    private static async Task PayIn(
        LedgerCommit ledger,
        BiodiversitySettings rules,
        TrackedStream<StewardshipAgreement> agreement,
        TrackedStream<CashAccount> payer,
        decimal amount,
        Guid paymentId,
        string? fromSettlement
    )
    {
        var state = agreement.State!;
        var id = state.Terms.AgreementId;
        var purpose = fromSettlement is null ? $"deposit {paymentId}" : $"deposit from the sale {fromSettlement}";
        payer.Append(new StewardshipCashPaid(id, purpose, amount, rules.StewardshipFundAccountId, ledger.Now));
        (await ledger.Cash(rules.StewardshipFundAccountId)).Append(
            new StewardshipCashReceived(id, purpose, amount, state.Terms.LandholderId, ledger.Now)
        );
        var deposited = state.Deposited + amount;
        agreement.Append(
            new StewardshipDepositPaid(id, paymentId, Money.InCny(amount), Money.InCny(deposited), ledger.Now, fromSettlement)
        );
        if (state.FirstPaymentDue is null && deposited >= rules.StewardshipPaymentThreshold * state.Terms.TotalFundDeposit.Amount)
            agreement.Append(new StewardshipPaymentsBegan(id, MarketTime.TradingDateOf(ledger.Now), ledger.Now));
    }

    public static async Task<object> PayInstalments(LedgerCommit ledger, PayStewardshipInstalments c, BiodiversitySettings rules)
    {
        var agreement = await ledger.Streams.Open<StewardshipAgreement>(StewardshipAgreement.StreamPrefix + c.AgreementId);
        if (agreement.State is not { } state)
            return new RegistryCommandRejected(ReasonCodes.AgreementUnknown, $"No stewardship agreement {c.AgreementId}.");
        var due = state.DueBy(MarketTime.TradingDateOf(ledger.Now), rules.StewardshipPaymentIntervalMonths).ToList();
        if (due.Count == 0)
            return new RegistryCommandRejected(
                ReasonCodes.NothingDue,
                state.FirstPaymentDue is null
                    ? $"The payments begin once {rules.StewardshipPaymentThreshold:P0} of the Total Fund Deposit is paid; "
                        + $"{state.Deposited:0.00} of {state.Terms.TotalFundDeposit.Amount:0.00} CNY is."
                    : $"{state.Payments.Count} of {state.Terms.Years} yearly payments are made; none more is due yet."
            );
        var amount = state.Terms.AnnualPayment.Amount;
        var fund = await ledger.Cash(rules.StewardshipFundAccountId);
        if ((fund.State?.Available ?? 0m) < amount * due.Count)
            return new RegistryCommandRejected(
                ReasonCodes.InsufficientCash,
                $"{due.Count} payments of {amount:0.00} CNY are due; the fund has {fund.State?.Available ?? 0m:0.00} CNY available."
            );

        var landholder = await ledger.Cash(state.Terms.LandholderId);
        foreach (var (year, dueOn) in due)
        {
            var purpose = $"yearly payment {year}";
            fund.Append(new StewardshipCashPaid(c.AgreementId, purpose, amount, state.Terms.LandholderId, ledger.Now));
            landholder.Append(new StewardshipCashReceived(c.AgreementId, purpose, amount, rules.StewardshipFundAccountId, ledger.Now));
            agreement.Append(new StewardshipPaymentMade(c.AgreementId, year, Money.InCny(amount), dueOn, ledger.Now));
        }
        return new RegistryCommandAccepted(c.AgreementId.ToString());
    }

    private static string? Invalid(RegisterStewardshipAgreement c)
    {
        if (c.CreditInstrumentIds.Count == 0)
            return "An agreement names the biodiversity credits its site generates.";
        if (c.Years <= 0)
            return $"The agreement provides at least one yearly payment; {c.Years} asked.";
        foreach (var (name, money) in new[] { ("Total Fund Deposit", c.TotalFundDeposit), ("yearly payment", c.AnnualPayment) })
            if (!RegistryChecks.IsCnyAmount(money))
                return $"The {name} must be a positive CNY amount in whole fen; it is {money.Amount} {money.Currency}.";
        return null;
    }
}

/// <summary>
/// Makes every stewardship payment that has fallen due: at start, then every day at
/// <see cref="BiodiversitySettings.StewardshipPaymentsRunAt"/> (00:10) Asia/Shanghai, one commit per agreement, as the
/// fund manager would by asking (<see cref="PayStewardshipInstalments"/>). A fund short of cash pays nothing and is
/// logged; the next day tries again.
/// </summary>
public sealed class DailyStewardshipPayments(
    IServiceScopeFactory scopes,
    LedgerWriter writer,
    IClock clock,
    IOptions<BiodiversitySettings> settings,
    ILogger<DailyStewardshipPayments> logger
) : DailyJob(clock, logger)
{
    protected override string Name => "The daily stewardship payments";

    protected override LocalTime RunsAt => LocalTime.FromTicksSinceMidnight(settings.Value.StewardshipPaymentsRunAt.Ticks);

    protected override Task Run(CancellationToken ct) => PayAllDue(ct);

    /// <summary>Pays what is due under every agreement whose payments have begun; what the daily run does.</summary>
    public async Task PayAllDue(CancellationToken ct)
    {
        var today = MarketTime.TradingDateOf(Clock.GetCurrentInstant());
        IReadOnlyList<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<IQuerySession>();
            var begun = await session.Query<StewardshipAgreement>().Where(a => a.FirstPaymentDue != null).ToListAsync(ct);
            due = begun
                .Where(a => a.DueBy(today, settings.Value.StewardshipPaymentIntervalMonths).Any())
                .Select(a => a.Terms.AgreementId)
                .ToList();
        }
        foreach (var agreementId in due)
        {
            await writer.Execute(
                Guid.NewGuid(),
                nameof(PayStewardshipInstalments),
                async commit =>
                {
                    var request = new PayStewardshipInstalments(agreementId, "daily-stewardship-payments");
                    var outcome = await StewardshipConsumer.PayInstalments(commit, request, settings.Value);
                    if (outcome is RegistryCommandRejected refused)
                        logger.LogWarning(
                            "Stewardship agreement {AgreementId}: {Reason} {Detail}",
                            agreementId,
                            refused.Reason,
                            refused.Detail
                        );
                    return outcome is RegistryCommandAccepted;
                },
                ct
            );
        }
    }
}

/// <summary>Answers <see cref="GetStewardshipAgreement"/> (no agreement in the view when there is none).</summary>
public sealed class GetStewardshipAgreementConsumer(IQuerySession session) : IConsumer<GetStewardshipAgreement>
{
    public async Task Consume(ConsumeContext<GetStewardshipAgreement> context)
    {
        var id = context.Message.AgreementId;
        var agreement = await session.LoadAsync<StewardshipAgreement>(StewardshipAgreement.StreamPrefix + id, context.CancellationToken);
        await context.RespondAsync(agreement?.ToView() ?? new StewardshipAgreementView(id, null, Money.InCny(0m), null, []));
    }
}
