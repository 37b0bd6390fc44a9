using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using RightsExchange.Gateway.Auth;

namespace RightsExchange.IntegrationTests.Gateway;

/// <summary>
/// Bearer tokens as a forger would send them, signed with the gateway's own key where a signature is needed: only a
/// token within its lifetime (give or take <c>Auth:ClockSkew</c>, 30 s), with no <c>crit</c> header and exactly one
/// known role, gets in; everything else is 401 <c>UNAUTHENTICATED</c> with its reason.
/// </summary>
[Collection(ExchangeCollection.Name)]
public sealed class TokenTests(ExchangeFixture exchange)
{
    private const string Path = "/api/registry-actions";

    [Fact]
    public async Task A_token_inside_its_lifetime_and_skew_with_one_known_role_gets_in()
    {
        Assert.Equal(HttpStatusCode.OK, (await Call(Token(expires: DateTime.UtcNow.AddMinutes(5)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Call(Token(expires: DateTime.UtcNow.AddSeconds(-10)))).StatusCode);
    }

    [Fact]
    public async Task Expired_past_the_skew_forged_or_ambiguous_tokens_are_refused_with_a_reason()
    {
        var settings = Settings();
        string[] refused =
        [
            Token(expires: DateTime.UtcNow.AddSeconds(-90)),
            Token(header: ("crit", new[] { "exp" })),
            Token(roles: ["regulator", "trader"]),
            Token(roles: ["admin"]),
            Token(roles: []),
            Token(key: new string('k', 48)),
            Token(audience: "someone-else"),
            Unsigned(settings),
        ];
        foreach (var token in refused)
            Assert.Equal("UNAUTHENTICATED", await Market.Problem(await Call(token), HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task A_trader_token_is_forbidden_a_regulator_operation_with_its_reason()
    {
        var trader = Token(roles: ["trader"], participant: "someone");
        Assert.Equal("FORBIDDEN_ROLE", await Market.Problem(await Call(trader), HttpStatusCode.Forbidden));
    }

    private AuthSettings Settings() => exchange.Gateway.Services.GetRequiredService<AuthSettings>();

    private async Task<HttpResponseMessage> Call(string token)
    {
        var client = exchange.Gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync(Path);
    }

    private string Token(
        DateTime? expires = null,
        string[]? roles = null,
        string? participant = null,
        string? key = null,
        string? audience = null,
        (string Name, object Value)? header = null
    )
    {
        var settings = Settings();
        var claims = new List<Claim> { new("sub", "token-test") };
        claims.AddRange((roles ?? ["regulator"]).Select(r => new Claim("role", r)));
        if (participant is not null)
            claims.Add(new Claim(Roles.ParticipantClaim, participant));
        var signingKey = key is null ? AuthenticationSetup.SigningKey(settings) : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key));
        var until = expires ?? DateTime.UtcNow.AddMinutes(5);
        var token = new JwtSecurityToken(
            settings.Issuer,
            audience ?? settings.Audience,
            claims,
            until.AddMinutes(-10),
            until,
            new SigningCredentials(signingKey, SecurityAlgorithms.HmacSha256)
        );
        if (header is { } extra)
            token.Header[extra.Name] = extra.Value;
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    // alg "none": a token anyone can write, with no signature at all.
    private static string Unsigned(AuthSettings settings)
    {
        static string Part(string json) => Base64UrlEncoder.Encode(json);
        var exp = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        var claims = $$"""{"sub":"forger","role":"regulator","iss":"{{settings.Issuer}}","aud":"{{settings.Audience}}","exp":{{exp}}}""";
        return $"{Part("""{"alg":"none","typ":"JWT"}""")}.{Part(claims)}.";
    }
}
