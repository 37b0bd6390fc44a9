using System.ComponentModel.DataAnnotations;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Gateway.Problems;

namespace RightsExchange.Gateway.Auth;

/// <summary>Answer of <c>POST /api/dev/tokens</c>: a signed JWT to send as <c>Authorization: Bearer</c>.</summary>
public sealed record DevToken(string Token);

/// <summary>Body of <c>POST /api/dev/tokens</c>.</summary>
/// <param name="Subject">Who the token names (a user id).</param>
/// <param name="Role"><c>trader</c>, <c>regulator</c>, <c>individual</c> or one of the approver roles (<c>Auth:ApproverRoles</c>).</param>
/// <param name="ParticipantId">For a trader: the participant it acts for.</param>
public sealed record DevTokenRequest([property: Required] string Subject, [property: Required] string Role, string? ParticipantId);

public static class DevTokenEndpoint
{
    /// <summary>
    /// <c>POST /api/dev/tokens</c>: mints a 12-hour token. Mapped only when <c>Auth:DevTokens</c> is true, which the
    /// development configuration sets; 400 <c>UNKNOWN_ROLE</c> for a role that is neither trader, regulator, individual
    /// nor an approver role (<c>Auth:ApproverRoles</c>), 400 if a trader token names no participant.
    /// </summary>
    public static void MapDevTokens(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<AuthSettings>();
        if (!settings.DevTokens)
            return;
        app.MapPost("/api/dev/tokens", (DevTokenRequest request) =>
            {
                if (!settings.KnownRoles.Contains(request.Role))
                    return Problem.Of(
                        ReasonCodes.UnknownRole,
                        "No such role",
                        $"Role '{request.Role}' is none of: {string.Join(", ", settings.KnownRoles)}."
                    );
                if (request.Role == Roles.Trader && string.IsNullOrWhiteSpace(request.ParticipantId))
                    return Results.Problem(
                        title: "A trader token needs a participant",
                        detail: "Set participantId to the participant the trader acts for.",
                        statusCode: 400
                    );
                var token = AuthenticationSetup.Mint(
                    settings,
                    request.Subject,
                    request.Role,
                    request.ParticipantId,
                    TimeSpan.FromHours(12)
                );
                return Results.Ok(new DevToken(token));
            })
            .WithSummary("Mint a 12-hour trader, regulator, individual or approver token (demo mode only)")
            .AllowAnonymous()
            .DisableRateLimiting()
            .WithTags("Development")
            .Produces<DevToken>();
    }
}
