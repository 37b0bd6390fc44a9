using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
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

    /// <summary>
    /// At least 32 characters, from the environment (<c>Auth__SigningKey</c>); nothing in the repository holds one. In
    /// demo mode an empty key is replaced by a random one for the life of the process.
    /// </summary>
    public string SigningKey { get; set; } = "";

    /// <summary>An OpenID Connect authority; when set, its keys validate tokens and <see cref="SigningKey"/> is unused.</summary>
    public string? Authority { get; set; }

    /// <summary>Serves <c>POST /api/dev/tokens</c>, which mints tokens for anyone. Refused outside demo mode.</summary>
    public bool DevTokens { get; set; }

    /// <summary>How far a token's lifetime may be off the gateway's clock; at most 30 s (RFC 8725 leaves it to the deployment).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The roles whose holders may approve or reject a four-eyes action (<c>Auth:ApproverRoles</c>); by default the
    /// regulators themselves. A role named here that is not <c>regulator</c> (say <c>registry-supervisor</c>, from the
    /// identity provider) is a role of its own: its holders list and decide proposals and nothing else. Either way the
    /// approver must be another subject than the proposer, and both are recorded with the action.
    /// </summary>
    public string[] ApproverRoles { get; set; } = [Roles.Regulator];

    /// <summary>Every role a token may carry: trader, regulator, individual and the approver roles.</summary>
    public IReadOnlyList<string> KnownRoles =>
        [.. new[] { Roles.Trader, Roles.Regulator, Roles.Individual }.Concat(ApproverRoles).Distinct()];
}

/// <summary>Roles and claims the API authorises on.</summary>
public static class Roles
{
    public const string Trader = "trader";
    public const string Regulator = "regulator";

    /// <summary>
    /// A member of the public, signed in through the identity provider (its public client maps every user to this role):
    /// signs up and buys from retail offers, acting for the participant <see cref="IndividualId"/> names.
    /// </summary>
    public const string Individual = "individual";

    /// <summary>Policy: a holder of one of <see cref="AuthSettings.ApproverRoles"/> (decides four-eyes actions).</summary>
    public const string Approver = "approver";

    /// <summary>Policy: a trader, a regulator or an individual (reads an account it may access, <see cref="MayAccess"/>).</summary>
    public const string AccountReader = "account-reader";

    /// <summary>Policy: a regulator or an approver (lists four-eyes actions).</summary>
    public const string Reviewer = "reviewer";

    /// <summary>Claim naming the participant a trader acts for.</summary>
    public const string ParticipantClaim = "participant";

    public static string? ParticipantId(this ClaimsPrincipal user) => user.FindFirstValue(ParticipantClaim);

    /// <summary>
    /// Who acts: the name the token authenticates (its subject), recorded on every command as its requester, proposer or
    /// approver.
    /// </summary>
    /// <exception cref="InvalidOperationException">The request is not authenticated (an endpoint without a policy).</exception>
    public static string Actor(this ClaimsPrincipal user) =>
        user.Identity?.Name ?? throw new InvalidOperationException("Only an authenticated request has an actor.");

    /// <summary>True for a regulator, for a trader acting for <paramref name="participantId"/>, or for that individual.</summary>
    public static bool MayAccess(this ClaimsPrincipal user, string participantId) =>
        user.IsInRole(Regulator)
        || (user.IsInRole(Trader) && user.ParticipantId() == participantId)
        || (user.IsInRole(Individual) && user.IndividualId() == participantId);

    /// <summary>
    /// The participant id of the individual a token names: <c>ind-</c> and the first 20 hex digits of SHA-256 over its
    /// issuer and subject, so the same person signing in again is the same participant, and no id the identity provider
    /// chose (an e-mail address, a phone number) is shown in the public records.
    /// </summary>
    public static string IndividualId(this ClaimsPrincipal user)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{user.FindFirstValue("iss")}|{user.FindFirstValue("sub")}"));
        return "ind-" + Convert.ToHexStringLower(hash)[..20];
    }
}

public static class AuthenticationSetup
{
    /// <summary>The environment that turns on demo mode (dev tokens, a random signing key); Development does too.</summary>
    public const string DemoEnvironment = "Demo";

    // Committed to this repository before keys came only from the environment: never trusted again.
    private static readonly string[] PublishedKeys = ["development-only-signing-key-not-for-production-use"];

    /// <summary>True in the Demo and Development environments, the only ones where anyone may mint a token.</summary>
    public static bool IsDemo(this IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment(DemoEnvironment);

    /// <summary>
    /// JWT bearer authentication and the role policies.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// Outside demo mode: dev tokens are on, or neither <c>Auth:Authority</c> nor a signing key of 32 characters or more
    /// is given, or the key is one that was published; in any mode, a clock skew above 30 s, or approver roles that are
    /// none, blank or <c>trader</c>, or an <c>Auth:Authority</c> that is not an absolute https URL.
    /// </exception>
    public static WebApplicationBuilder AddGatewayAuth(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Auth").Get<AuthSettings>() ?? new AuthSettings();
        Check(settings, builder.Environment.IsDemo());
        builder.Services.AddSingleton(settings);
        builder
            .Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.Events = TokenEvents.Create(settings.KnownRoles);
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
                    ClockSkew = settings.ClockSkew,
                };
            });
        if (settings.Authority is not null)
            builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
            {
                o.TokenValidationParameters.ClockSkew = settings.ClockSkew;
                o.TokenValidationParameters.RoleClaimType = "role";
                o.TokenValidationParameters.NameClaimType = "sub";
            });
        builder
            .Services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Trader, p => p.RequireRole(Roles.Trader).RequireClaim(Roles.ParticipantClaim))
            .AddPolicy(Roles.Regulator, p => p.RequireRole(Roles.Regulator))
            .AddPolicy(Roles.Individual, p => p.RequireRole(Roles.Individual).RequireClaim("sub"))
            .AddPolicy(Roles.Approver, p => p.RequireRole(settings.ApproverRoles))
            .AddPolicy(Roles.Reviewer, p => p.RequireRole([Roles.Regulator, .. settings.ApproverRoles]))
            .AddPolicy("any", p => p.RequireRole(Roles.Trader, Roles.Regulator))
            .AddPolicy(Roles.AccountReader, p => p.RequireRole(Roles.Trader, Roles.Regulator, Roles.Individual));
        return builder;
    }

    private static void Check(AuthSettings settings, bool demo)
    {
        if (settings.ClockSkew > TimeSpan.FromSeconds(30) || settings.ClockSkew < TimeSpan.Zero)
            throw new InvalidOperationException($"Auth:ClockSkew is {settings.ClockSkew}; it must be between 0 and 30 seconds.");
        if (settings.ApproverRoles.Length == 0 || settings.ApproverRoles.Any(r => string.IsNullOrWhiteSpace(r) || r == Roles.Trader))
            throw new InvalidOperationException(
                $"Auth:ApproverRoles is [{string.Join(", ", settings.ApproverRoles)}]; name at least one role, and never trader."
            );
        if (
            settings.Authority is { } authority
            && !(Uri.TryCreate(authority, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
        )
            throw new InvalidOperationException(
                $"Auth:Authority is '{authority}'; it must be the absolute https URL of the "
                    + "OpenID Connect provider, e.g. https://login.example.com/realms/rightsexchange."
            );
        if (demo)
        {
            if (settings.Authority is null && settings.SigningKey.Length == 0)
                settings.SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            return;
        }
        if (settings.DevTokens)
            throw new InvalidOperationException(
                "Auth:DevTokens mints tokens for anyone; it is refused outside demo mode (ASPNETCORE_ENVIRONMENT=Demo)."
            );
        if (settings.Authority is not null)
            return;
        if (PublishedKeys.Contains(settings.SigningKey))
            throw new InvalidOperationException(
                "Auth:SigningKey is a key published in the repository; set a secret one from the environment."
            );
        SigningKey(settings);
    }

    public static SymmetricSecurityKey SigningKey(AuthSettings settings)
    {
        if (Encoding.UTF8.GetByteCount(settings.SigningKey) < 32)
            throw new InvalidOperationException(
                "Set Auth:Authority, or Auth:SigningKey (at least 32 characters) from the environment (see README, Authentication)."
            );
        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.SigningKey));
    }

    /// <summary>A signed token for <paramref name="subject"/> in <paramref name="role"/>, valid for <paramref name="lifetime"/>.</summary>
    public static string Mint(AuthSettings settings, string subject, string role, string? participantId, TimeSpan lifetime)
    {
        var claims = new List<Claim> { new("sub", subject), new("role", role) };
        if (participantId is not null)
            claims.Add(new Claim(Roles.ParticipantClaim, participantId));
        var token = new JwtSecurityToken(
            settings.Issuer,
            settings.Audience,
            claims,
            expires: DateTime.UtcNow.Add(lifetime),
            signingCredentials: new SigningCredentials(SigningKey(settings), SecurityAlgorithms.HmacSha256)
        );
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
