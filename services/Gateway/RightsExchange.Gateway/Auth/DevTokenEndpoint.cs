using System.ComponentModel.DataAnnotations;

namespace RightsExchange.Gateway.Auth;

/// <summary>Body of <c>POST /api/dev/tokens</c>.</summary>
/// <param name="Subject">Who the token names (a user id).</param>
/// <param name="Role"><c>trader</c> or <c>regulator</c>.</param>
/// <param name="ParticipantId">For a trader: the participant it acts for.</param>
public sealed record DevTokenRequest([property: Required] string Subject, [property: Required, AllowedValues(Roles.Trader, Roles.Regulator)] string Role, string? ParticipantId);

public static class DevTokenEndpoint
{
    /// <summary>
    /// <c>POST /api/dev/tokens</c>: mints a 12-hour token. Mapped only when <c>Auth:DevTokens</c> is true, which the
    /// development configuration sets; 400 if a trader token names no participant.
    /// </summary>
    public static void MapDevTokens(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<AuthSettings>();
        if (!settings.DevTokens) return;
        app.MapPost("/api/dev/tokens", (DevTokenRequest request) =>
        {
            if (request.Role == Roles.Trader && string.IsNullOrWhiteSpace(request.ParticipantId))
                return Results.Problem(title: "A trader token needs a participant", detail: "Set participantId to the participant the trader acts for.", statusCode: 400);
            return Results.Ok(new { token = AuthenticationSetup.Mint(settings, request.Subject, request.Role, request.ParticipantId, TimeSpan.FromHours(12)) });
        }).WithSummary("Mint a 12-hour trader or regulator token (demo mode only)").AllowAnonymous().DisableRateLimiting().WithTags("Development");
    }
}
