using System.Text.Json;
using System.Text.Json.Nodes;

namespace RightsExchange.IntegrationTests.Gateway;

/// <summary>
/// docs/openapi.json is the gateway's own OpenAPI document, committed so that outside tools (Redocly's linter in
/// deploy/test.sh, client generators) read it without a running gateway. After changing an endpoint:
/// <c>RX_WRITE_OPENAPI=1 dotnet test --filter OpenApiDocumentTests</c>.
/// </summary>
[Collection(ExchangeCollection.Name)]
public sealed class OpenApiDocumentTests(ExchangeFixture exchange)
{
    [Fact]
    public async Task The_committed_openapi_document_is_the_one_the_gateway_serves()
    {
        var served = JsonNode.Parse(await exchange.Gateway.CreateClient().GetStringAsync("/openapi/v1.json"))!.AsObject();
        // Where this test's server listens is not part of the API: the document names the scripts' gateway instead.
        served["servers"] = new JsonArray(new JsonObject { ["url"] = "http://127.0.0.1:5080", ["description"] = "deploy/services.sh" });
        var generated = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        var path = Path.Combine(Root(), "docs", "openapi.json");
        if (Environment.GetEnvironmentVariable("RX_WRITE_OPENAPI") == "1")
            await File.WriteAllTextAsync(path, generated);
        Assert.True(File.Exists(path), $"{path} is missing; run RX_WRITE_OPENAPI=1 dotnet test --filter OpenApiDocumentTests");
        Assert.Equal(generated, await File.ReadAllTextAsync(path));
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RightsExchange.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("RightsExchange.sln not found above the test binaries.");
    }
}
