using System.Text.RegularExpressions;
using MassTransit;

namespace RightsExchange.UnitTests.Shared;

/// <summary>
/// Each slice registers itself: a consumer is registered by the <c>*Slice.cs</c> of the folder that holds it, and every
/// slice of a service is added by that service's <c>Program.cs</c>.
/// </summary>
public sealed partial class SliceRegistrationTests
{
    public static TheoryData<string, Type> Services() =>
        new()
        {
            { "services/Accounts/RightsExchange.Accounts", typeof(global::RightsExchange.Accounts.Ledger.LedgerWriter) },
            { "services/Matching/RightsExchange.Matching", typeof(global::RightsExchange.Matching.Books.MatchingWriter) },
            { "services/Settlement/RightsExchange.Settlement", typeof(global::RightsExchange.Settlement.Settlements.SettlementWriter) },
            { "services/Gateway/RightsExchange.Gateway", typeof(global::RightsExchange.Gateway.Feed.FeedConsumer) },
        };

    public static TheoryData<string> ServiceFolders() => new(Services().Select(row => (string)row[0]));

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_consumer_is_registered_by_the_slice_of_its_folder(string service, Type ofService)
    {
        var files = Repository.CSharpFiles(service).ToList();
        var unregistered = ofService
            .Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IConsumer).IsAssignableFrom(t))
            .Select(t => t.Name)
            .Where(name =>
            {
                var declaring = files.Single(f => Regex.IsMatch(File.ReadAllText(f), $@"\bclass {name}\b"));
                var slices = Directory.EnumerateFiles(Path.GetDirectoryName(declaring)!, "*Slice.cs");
                return !slices.Any(s => File.ReadAllText(s).Contains($"<{name}>", StringComparison.Ordinal));
            })
            .ToList();
        Assert.True(unregistered.Count == 0, $"Consumers no slice of their folder registers: {string.Join(", ", unregistered)}");
    }

    [Theory]
    [MemberData(nameof(ServiceFolders))]
    public void Every_slice_is_added_by_its_service(string service)
    {
        var program = File.ReadAllText(Path.Combine(Repository.Root(), service, "Program.cs"));
        var missing = Repository
            .CSharpFiles(service)
            .Where(f => f.EndsWith("Slice.cs", StringComparison.Ordinal))
            .SelectMany(f => AddMethod().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(method => !program.Contains($".{method}()", StringComparison.Ordinal))
            .ToList();
        Assert.True(missing.Count == 0, $"Slices {service}/Program.cs does not add: {string.Join(", ", missing)}");
    }

    [GeneratedRegex(@"public static ServiceSlices (Add\w+)\(this ServiceSlices")]
    private static partial Regex AddMethod();
}
