using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace RightsExchange.Gateway.Auth;

/// <summary>
/// JWT bearer settings (section <c>Auth</c>). Tokens are HMAC-SHA256 signed with <see cref="SigningKey"/>; a production
/// deployment points <see cref="Authority"/> at its identity provider instead.
/// </summary>
public sealed class AuthSettings
{
    public string Issuer { get; set; } = "rightsexchange-dev";
    public string Audience { get; set; } = "rightsexchange";

    /// <summary>At least 32 characters. Set by environment (<c>Auth__SigningKey</c>); never committed for production.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>An OpenID Connect authority; when set, its keys validate tokens and <see cref="SigningKey"/> is unused.</summary>
    public string? Authority { get; set; }

    /// <summary>Serves <c>POST /api/dev/tokens</c>, which mints tokens for anyone. Development only.</summary>
    public bool DevTokens { get; set; }
}

/// <summary>Roles and claims the API authorises on.</summary>
public static class Roles
{
    public const string Trader = "trader";
    public const string Regulator = "regulator";

    /// <summary>Claim naming the participant a trader acts for.</summary>
    public const string ParticipantClaim = "participant";

    public static string? ParticipantId(this ClaimsPrincipal user) => user.FindFirstValue(ParticipantClaim);

    /// <summary>True for a regulator, or for a trader acting for <paramref name="participantId"/>.</summary>
    public static bool MayAccess(this ClaimsPrincipal user, string participantId) =>
        user.IsInRole(Regulator) || (user.IsInRole(Trader) && user.ParticipantId() == participantId);
}

public static class AuthenticationSetup
{
    public static WebApplicationBuilder AddGatewayAuth(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Auth").Get<AuthSettings>() ?? new AuthSettings();
        builder.Services.AddSingleton(settings);
        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                if (settings.Authority is { } authority)
                {
                    o.Authority = authority;
                    o.Audience = settings.Audience;
                    return;
                }
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    IssuerSigningKey = SigningKey(settings),
                    RoleClaimType = "role",
                    NameClaimType = "sub",
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Trader, p => p.RequireRole(Roles.Trader).RequireClaim(Roles.ParticipantClaim))
            .AddPolicy(Roles.Regulator, p => p.RequireRole(Roles.Regulator))
            .AddPolicy("any", p => p.RequireRole(Roles.Trader, Roles.Regulator));
        return builder;
    }

    public static SymmetricSecurityKey SigningKey(AuthSettings settings)
    {
        if (Encoding.UTF8.GetByteCount(settings.SigningKey) < 32)
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 characters (see README, Authentication).");
        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.SigningKey));
    }

    /// <summary>A signed token for <paramref name="subject"/> in <paramref name="role"/>, valid for <paramref name="lifetime"/>.</summary>
    public static string Mint(AuthSettings settings, string subject, string role, string? participantId, TimeSpan lifetime)
    {
        var claims = new List<Claim> { new("sub", subject), new("role", role) };
        if (participantId is not null) claims.Add(new Claim(Roles.ParticipantClaim, participantId));
        var token = new JwtSecurityToken(settings.Issuer, settings.Audience, claims, expires: DateTime.UtcNow.Add(lifetime),
            signingCredentials: new SigningCredentials(SigningKey(settings), SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
