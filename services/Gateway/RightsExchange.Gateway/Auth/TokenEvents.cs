using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Gateway.Problems;

namespace RightsExchange.Gateway.Auth;

/// <summary>
/// What the bearer handler checks beyond signature, issuer, audience and lifetime, and how it answers a refusal.
/// Refused: a <c>crit</c> header (RFC 7515 §4.1.11: a header the gateway does not understand must not be ignored),
/// and anything but exactly one <c>role</c> claim of a known role (<see cref="AuthSettings.KnownRoles"/>). A refusal is 401 problem
/// details with reason <c>UNAUTHENTICATED</c> (no, expired or invalid token) and a missing role 403 <c>FORBIDDEN_ROLE</c>.
/// </summary>
public static class TokenEvents
{
    public static JwtBearerEvents Create(IReadOnlyList<string> knownRoles) =>
        new()
        {
            OnTokenValidated = context =>
            {
                if (context.SecurityToken is JsonWebToken token && token.TryGetHeaderValue<object>("crit", out _))
                    context.Fail("The token has a crit header; no critical extension is understood here.");
                var roles = context.Principal?.FindAll("role").ToList() ?? [];
                if (roles.Count != 1 || !knownRoles.Contains(roles[0].Value))
                    context.Fail($"The token must carry exactly one role claim, one of: {string.Join(", ", knownRoles)}.");
                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                var why = context.AuthenticateFailure is { } failure
                    ? $"The bearer token was refused: {Describe(failure)}"
                    : "This operation needs a bearer token (Authorization: Bearer ...).";
                await ProblemWriter.Write(
                    context.HttpContext,
                    StatusCodes.Status401Unauthorized,
                    ReasonCodes.Unauthenticated,
                    "Not authenticated",
                    why
                );
            },
            OnForbidden = context =>
                ProblemWriter.Write(
                    context.HttpContext,
                    StatusCodes.Status403Forbidden,
                    ReasonCodes.ForbiddenRole,
                    "Not allowed for this role",
                    "The token is valid but its role may not use this operation."
                ),
        };

    private static string Describe(Exception failure) =>
        failure switch
        {
            Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException => "it has expired.",
            Microsoft.IdentityModel.Tokens.SecurityTokenNotYetValidException => "it is not valid yet.",
            Microsoft.IdentityModel.Tokens.SecurityTokenSignatureKeyNotFoundException
            or Microsoft.IdentityModel.Tokens.SecurityTokenInvalidSignatureException => "its signature does not verify.",
            Microsoft.IdentityModel.Tokens.SecurityTokenInvalidAudienceException => "it is for another audience.",
            Microsoft.IdentityModel.Tokens.SecurityTokenInvalidIssuerException => "it is from another issuer.",
            _ => "it is malformed or not a token this gateway accepts.",
        };
}
