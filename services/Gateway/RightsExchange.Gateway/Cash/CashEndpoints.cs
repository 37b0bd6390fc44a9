using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using MassTransit;
using RightsExchange.Contracts.Registry.V1;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Input;
using RightsExchange.Gateway.Registry;

namespace RightsExchange.Gateway.Cash;

/// <summary>Body of <c>POST /api/cash-deposits</c> (CNY). <paramref name="DepositId"/> makes a retry safe.</summary>
public sealed record DepositCashRequest(Guid? DepositId, [property: Required] string ParticipantId, [property: CashAmount] decimal Amount);

/// <summary>
/// Cash deposits into participants' cash accounts (regulators). Each command answers as <see
/// cref="RegistryEndpoints.Send{T}"/> says.
/// </summary>
public static class CashEndpoints
{
    public static void MapCash(this WebApplication app)
    {
        var registry = app.MapGroup("/api").WithTags("Registry").RequireAuthorization(Roles.Regulator);
        registry
            .MapPost(
                "/cash-deposits",
                (DepositCashRequest r, ClaimsPrincipal user, IRequestClient<DepositCash> client, CancellationToken ct) =>
                {
                    var id = r.DepositId ?? NewId.NextGuid();
                    return RegistryEndpoints.Send(
                        client,
                        new DepositCash(id, r.ParticipantId, r.Amount, user.Actor()),
                        id,
                        $"/api/accounts/{r.ParticipantId}",
                        ct
                    );
                }
            )
            .WithSummary("Record a cash deposit into a participant's cash account, CNY (regulator)")
            .RegistryAnswers();
    }
}
