using MassTransit;
using Microsoft.Extensions.Options;
using RightsExchange.Accounts.Ledger;
using RightsExchange.Contracts.Biodiversity.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Accounts.Instruments;

/// <summary>A trading profile as the registry checks a listing against it (<c>Trading:Profiles:{name}</c> in market.json).</summary>
public sealed class TradingProfileTick
{
    /// <summary>CNY; a listing's reference price is a multiple of it.</summary>
    public decimal TickSize { get; set; } = 0.01m;
}

/// <summary>
/// Lists an instrument; the listing is announced (<see cref="InstrumentListed"/>) so matching opens its book.
/// Rejects INSTRUMENT_EXISTS, INVALID_TRADING_PROFILE (no such profile in <c>Trading:Profiles</c>),
/// INVALID_REFERENCE_PRICE (given, and not a positive multiple of the profile's tick), INVALID_QUANTITY_STEP (not positive),
/// INVALID_VALIDITY (ends before it starts), INVALID_POLLUTANT and INVALID_WATER_SOURCE (missing for a pollutant or
/// water right, or given for another class), INVALID_BIODIVERSITY_CREDIT (a biodiversity credit without its kind, PCT or
/// species, subregion and site, or those given for another class), INVALID_RETAIL_STEP (listed for retail, and the
/// retail step of <c>Retail:QuantityStep</c> does not divide the quantity step).
/// </summary>
public sealed class ListInstrumentConsumer(
    LedgerWriter writer,
    IOptions<Dictionary<string, TradingProfileTick>> profiles,
    IOptions<Retail.RetailSettings> retail
) : IConsumer<ListInstrument>
{
    public Task Consume(ConsumeContext<ListInstrument> context) =>
        writer.Reply(context, (ledger, c) => Handle(ledger, c, profiles.Value, retail.Value.QuantityStep));

    /// <param name="retailStep">The retail step recorded when <paramref name="c"/> lists the right for retail.</param>
    public static async Task<object> Handle(
        LedgerCommit ledger,
        ListInstrument c,
        IReadOnlyDictionary<string, TradingProfileTick> profiles,
        decimal retailStep
    )
    {
        var instrument = await ledger.Instrument(c.InstrumentId);
        if (instrument.State is not null)
            return new RegistryCommandRejected(ReasonCodes.InstrumentExists, $"Instrument '{c.InstrumentId}' is already listed.");
        if (!profiles.TryGetValue(c.TradingProfile, out var profile))
            return new RegistryCommandRejected(
                ReasonCodes.InvalidTradingProfile,
                $"No trading profile '{c.TradingProfile}'; the configured ones are "
                    + $"{string.Join(", ", profiles.Keys.Order(StringComparer.Ordinal))}."
            );
        if (c.ReferencePrice is { } reference && (reference <= 0 || reference % profile.TickSize != 0))
            return new RegistryCommandRejected(
                ReasonCodes.InvalidReferencePrice,
                $"A reference price is a positive multiple of the profile's tick, {profile.TickSize} CNY; {reference} is not."
            );
        if (c.QuantityStep <= 0)
            return new RegistryCommandRejected(ReasonCodes.InvalidQuantityStep, "The quantity step must be positive.");
        if (c.ValidFrom is { } from && c.ValidTo is { } to && to < from)
            return new RegistryCommandRejected(ReasonCodes.InvalidValidity, "The validity period ends before it starts.");
        if ((c.Class == InstrumentClass.PollutantRight) != c.Pollutant.HasValue)
            return new RegistryCommandRejected(
                ReasonCodes.InvalidPollutant,
                c.Pollutant.HasValue
                    ? $"Only a pollutant-discharge right names a pollutant; {c.InstrumentId} is {c.Class}."
                    : "A pollutant-discharge right names its pollutant (COD, AmmoniaNitrogen, SO2, NOx, VOCs, ...)."
            );
        if ((c.Class == InstrumentClass.WaterRight) != c.WaterSource.HasValue)
            return new RegistryCommandRejected(
                ReasonCodes.InvalidWaterSource,
                c.WaterSource.HasValue
                    ? $"Only a water-use right names a water source; {c.InstrumentId} is {c.Class}."
                    : "A water-use right names its source: Surface or Ground."
            );
        if (BiodiversityCheck(c) is { } biodiversity)
            return new RegistryCommandRejected(ReasonCodes.InvalidBiodiversityCredit, biodiversity);
        if (c.ComplianceShare is <= 0 or > 1)
            return new RegistryCommandRejected(
                ReasonCodes.InvalidComplianceShare,
                "The compliance share is a fraction of verified emissions, above 0 and at most 1, or absent."
            );
        if (c.Retail && (retailStep <= 0 || c.QuantityStep % retailStep != 0))
            return new RegistryCommandRejected(
                ReasonCodes.InvalidRetailStep,
                $"A right listed for retail has a quantity step that the retail step (Retail:QuantityStep, {retailStep}) divides; "
                    + $"{c.QuantityStep} is not."
            );
        instrument.Append(
            new InstrumentListed(
                c.InstrumentId,
                c.Name,
                c.Class,
                c.Unit,
                c.QuantityStep,
                c.Vintage,
                c.ValidFrom,
                c.ValidTo,
                c.Region,
                c.TradingProfile,
                c.ReferencePrice,
                ledger.Now,
                c.SellableSameDay,
                c.ComplianceShare,
                c.Pollutant,
                c.WaterSource,
                c.Biodiversity,
                c.Retail ? retailStep : null
            )
        );
        return new RegistryCommandAccepted(c.InstrumentId);
    }

    // A biodiversity credit says what it is of (a PCT for ecosystem credits, a species for species credits) and where
    // its stewardship site lies; no other class says either.
    private static string? BiodiversityCheck(ListInstrument c) =>
        (c.Class, c.Biodiversity) switch
        {
            (InstrumentClass.BiodiversityCredit, null) =>
                "A biodiversity credit names its kind, its plant community type or species, its IBRA subregion and its site.",
            (InstrumentClass.BiodiversityCredit, { Kind: BiodiversityCreditKind.Ecosystem } b)
                when b.PlantCommunityType is null or <= 0 || b.Species is not null =>
                "Ecosystem credits name a plant community type (a positive PCT number) and no species.",
            (InstrumentClass.BiodiversityCredit, { Kind: BiodiversityCreditKind.Species } b)
                when string.IsNullOrWhiteSpace(b.Species) || b.PlantCommunityType is not null =>
                "Species credits name a species and no plant community type.",
            (InstrumentClass.BiodiversityCredit, var b)
                when string.IsNullOrWhiteSpace(b.Subregion)
                    || b.Site is null
                    || b.Site.Latitude is < -90 or > 90
                    || b.Site.Longitude is < -180 or > 180 =>
                "A biodiversity credit names the IBRA subregion of its site and its site's latitude (-90 to 90) and longitude (-180 to "
                    + "180).",
            (InstrumentClass.BiodiversityCredit, _) => null,
            (_, not null) => $"Only a biodiversity credit names a biodiversity credit type; {c.InstrumentId} is {c.Class}.",
            _ => null,
        };
}
