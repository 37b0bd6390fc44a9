using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RightsExchange.IntegrationTests.Console;

/// <summary>
/// Outside demo mode the console signs in through the configured OpenID Connect provider: authorization code with PKCE.
/// The provider here is played by the browser's network layer (Playwright routes for its discovery document, its
/// authorization endpoint and its token endpoint), so the test sees exactly what the console sends it.
/// </summary>
[Collection(ExchangeCollection.Name)]
public sealed class ProviderSignInTests(ExchangeFixture exchange)
{
    private const string Provider = "https://idp.rightsexchange.test";

    [Fact]
    public async Task The_console_signs_in_with_the_authorization_code_flow_and_pkce()
    {
        await using var gateway = exchange.WebGateway(
            new Dictionary<string, string?>
            {
                ["Auth:DevTokens"] = "false",
                ["Auth:Authority"] = Provider,
                ["Console:ClientId"] = "console-test",
            }
        );
        var console = gateway.ClientOptions.BaseAddress;
        var page = await ConsoleBrowser.Open(exchange, console);
        string? challenge = null,
            verifier = null;
        await page.RouteAsync($"{Provider}/**", async route =>
        {
            var url = new Uri(route.Request.Url);
            switch (url.AbsolutePath)
            {
                case "/.well-known/openid-configuration":
                    await route.FulfillAsync(
                        new RouteFulfillOptions
                        {
                            ContentType = "application/json",
                            Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" },
                            Body = JsonSerializer.Serialize(
                                new Dictionary<string, string>
                                {
                                    ["issuer"] = Provider,
                                    ["authorization_endpoint"] = $"{Provider}/authorize",
                                    ["token_endpoint"] = $"{Provider}/token",
                                    ["jwks_uri"] = $"{Provider}/jwks",
                                }
                            ),
                        }
                    );
                    break;
                case "/authorize":
                    var query = HttpUtility.ParseQueryString(url.Query);
                    Assert.Equal("code", query["response_type"]);
                    Assert.Equal("console-test", query["client_id"]);
                    Assert.Equal("S256", query["code_challenge_method"]);
                    challenge = query["code_challenge"];
                    await route.FulfillAsync(
                        new RouteFulfillOptions
                        {
                            Status = 302,
                            Headers = new Dictionary<string, string>
                            {
                                ["Location"] = $"{query["redirect_uri"]}?code=the-code&state={query["state"]}",
                            },
                        }
                    );
                    break;
                case "/token":
                    var form = HttpUtility.ParseQueryString(route.Request.PostData ?? "");
                    Assert.Equal("the-code", form["code"]);
                    verifier = form["code_verifier"];
                    await route.FulfillAsync(
                        new RouteFulfillOptions
                        {
                            ContentType = "application/json",
                            Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" },
                            Body = JsonSerializer.Serialize(
                                new
                                {
                                    access_token = Jwt(
                                        new
                                        {
                                            sub = "alice",
                                            role = "regulator",
                                            iss = Provider,
                                            aud = "rightsexchange",
                                        }
                                    ),
                                    id_token = Jwt(
                                        new
                                        {
                                            sub = "alice",
                                            iss = Provider,
                                            aud = "console-test",
                                            iat = Now(),
                                            exp = Now() + 3600,
                                        }
                                    ),
                                    token_type = "Bearer",
                                    expires_in = 3600,
                                }
                            ),
                        }
                    );
                    break;
                default:
                    await route.FulfillAsync(new RouteFulfillOptions { Status = 404 });
                    break;
            }
        });

        await page.GetByTestId("sign-in-provider").ClickAsync();

        await Expect(page.GetByTestId("who")).ToContainTextAsync("alice");
        await Expect(page.GetByTestId("who")).ToContainTextAsync("Regulator");
        Assert.NotNull(verifier);
        Assert.Equal(challenge, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier!))));
        Assert.DoesNotContain("code=", page.Url);
        Assert.Empty(ConsoleBrowser.ScriptErrors(page));
        await ConsoleBrowser.Close(page);
    }

    // A token as the provider would issue it, unsigned: the console reads claims only to choose its pages, and the API,
    // which checks signatures, is not called with it here.
    private static string Jwt(object claims)
    {
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT" }));
        return $"{header}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims))}.signature";
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
