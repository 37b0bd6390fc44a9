using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MassTransit;
using NodaTime;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Contracts.Values;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Input;
using RightsExchange.Gateway.Registry;

namespace RightsExchange.Gateway.Instruments;

/// <summary>
/// Body of <c>POST /api/instruments</c>; see <see cref="ListInstrument"/> for the fields' units.
/// <paramref name="SellableSameDay"/> defaults to true; false for allowances of the national market (bought today, sold from tomorrow).
/// <paramref name="Retail"/> true lists the right for retail offers to the public too (the retail step of <c>Retail:QuantityStep</c>).
/// </summary>
public sealed record ListInstrumentRequest(
    [property: Required, RegularExpression("^[A-Z0-9][A-Z0-9-]{1,63}$")] string InstrumentId,
    [property: Required, StringLength(200)] string Name,
    [property: Required] InstrumentClass? Class,
    [property: Required, StringLength(16)] string Unit,
    [property: Quantity] decimal QuantityStep,
    [property: Range(2000, 2200)] int? Vintage,
    LocalDate? ValidFrom,
    LocalDate? ValidTo,
    [property: Required, StringLength(64)] string Region,
    [property: Required, RegularExpression("^[a-z0-9][a-z0-9-]{0,63}$")] string TradingProfile,
    [property: Price] decimal? ReferencePrice,
    bool? SellableSameDay,
    decimal? ComplianceShare,
    Pollutant? Pollutant,
    WaterSource? WaterSource,
    Contracts.Biodiversity.V1.BiodiversityCreditType? Biodiversity,
    bool? Retail
);

/// <summary>
/// Listing instruments (regulators). Each command answers as <see cref="RegistryEndpoints.Send{T}"/> says.
/// </summary>
public static class InstrumentEndpoints
{
    public static void MapInstruments(this WebApplication app)
    {
        var registry = app.MapGroup("/api").WithTags("Registry").RequireAuthorization(Roles.Regulator);
        registry
            .MapPost(
                "/instruments",
                (ListInstrumentRequest r, ClaimsPrincipal user, IRequestClient<ListInstrument> client, CancellationToken ct) =>
                    RegistryEndpoints.Send(
                        client,
                        new ListInstrument(
                            r.InstrumentId,
                            r.Name,
                            r.Class!.Value,
                            r.Unit,
                            r.QuantityStep,
                            r.Vintage,
                            r.ValidFrom,
                            r.ValidTo,
                            r.Region,
                            r.TradingProfile,
                            r.ReferencePrice,
                            user.Actor(),
                            r.SellableSameDay ?? true,
                            r.ComplianceShare,
                            r.Pollutant,
                            r.WaterSource,
                            r.Biodiversity,
                            r.Retail ?? false
                        ),
                        NewId.NextGuid(),
                        $"/api/instruments/{r.InstrumentId}/trades",
                        ct
                    )
            )
            .WithSummary("List an instrument: class, unit, quantity step, vintage or validity, region, trading profile (regulator)")
            .RegistryAnswers();
    }
}
