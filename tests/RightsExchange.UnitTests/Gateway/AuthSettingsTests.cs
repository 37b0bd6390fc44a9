using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using RightsExchange.Gateway.Auth;

namespace RightsExchange.UnitTests.Gateway;

/// <summary>The gateway refuses to start on authentication settings it cannot honour, naming the setting.</summary>
public sealed class AuthSettingsTests
{
    [Theory]
    [InlineData("idp.example.com")]
    [InlineData("http://idp.example.com/realms/rx")]
    [InlineData("not a url")]
    public void An_authority_that_is_not_an_absolute_https_url_stops_the_start(string authority)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:Authority"] = authority });

        var refused = Assert.Throws<InvalidOperationException>(() => builder.AddGatewayAuth());
        Assert.StartsWith($"Auth:Authority is '{authority}'", refused.Message);
    }

    [Fact]
    public void An_https_authority_starts()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { ["Auth:Authority"] = "https://idp.example.com/realms/rx" }
        );

        builder.AddGatewayAuth();
    }
}
