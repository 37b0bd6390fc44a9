using System.Security.Claims;
using MassTransit;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Registry;

namespace RightsExchange.Gateway.Expiry;

/// <summary>
/// Expiring the holdings of an instrument whose validity has ended (regulators). Each command answers as <see
/// cref="RegistryEndpoints.Send{T}"/> says.
/// </summary>
public static class ExpiryEndpoints
{
    public static void MapExpiry(this WebApplication app)
    {
        var registry = app.MapGroup("/api").WithTags("Registry").RequireAuthorization(Roles.Regulator);
        registry
            .MapPost(
                "/instruments/{instrumentId}/expire",
                (string instrumentId, ClaimsPrincipal user, IRequestClient<ExpireRights> client, CancellationToken ct) =>
                    RegistryEndpoints.Send(
                        client,
                        new ExpireRights(instrumentId, user.Actor()),
                        NewId.NextGuid(),
                        $"/api/audit/conservation",
                        ct
                    )
            )
            .WithSummary("Expire the holdings of an instrument whose validity has ended (regulator)")
            .RegistryAnswers();
    }
}
