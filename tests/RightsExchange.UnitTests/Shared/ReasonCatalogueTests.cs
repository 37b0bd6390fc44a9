using System.Text;
using System.Text.RegularExpressions;
using RightsExchange.Contracts.Reasons;

namespace RightsExchange.UnitTests.Shared;

/// <summary>
/// The reason codes live in one place, <see cref="ReasonCodes"/>: each once, with its status and meaning; no service
/// writes one as a literal; docs/reason-codes.md is the catalogue as it stands. After changing a code:
/// <c>RX_WRITE_REASONS=1 dotnet test --filter ReasonCatalogueTests</c>.
/// </summary>
public sealed partial class ReasonCatalogueTests
{
    [Fact]
    public void Every_code_is_unique_upper_snake_case_with_an_error_status_and_one_sentence()
    {
        Assert.NotEmpty(ReasonCatalogue.All);
        Assert.Equal(ReasonCatalogue.All.Count, ReasonCatalogue.All.Select(r => r.Code).Distinct().Count());
        Assert.All(ReasonCatalogue.All, r =>
        {
            Assert.Matches(UpperSnake(), r.Code);
            Assert.InRange(r.Status, 400, 599);
            Assert.EndsWith(".", r.Description, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_code_the_catalogue_does_not_hold_is_answered_422()
    {
        Assert.Equal(422, ReasonCatalogue.StatusOf("NOT_A_CODE_OF_OURS"));
        Assert.Equal(409, ReasonCatalogue.StatusOf(ReasonCodes.ParticipantExists));
        Assert.Equal(404, ReasonCatalogue.StatusOf(ReasonCodes.OrderNotFound));
    }

    [Fact]
    public void No_service_writes_a_catalogued_code_as_a_literal()
    {
        var codes = ReasonCatalogue.All.ToDictionary(r => r.Code, StringComparer.Ordinal);
        var root = Repository.Root();
        var literals = Repository
            .CSharpFiles("services", "shared")
            .Where(f => !f.EndsWith("ReasonCodes.cs", StringComparison.Ordinal))
            .SelectMany(f =>
                File.ReadLines(f)
                    .Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line))
                    .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal))
                    .SelectMany(l => QuotedCode().Matches(l.Text).Select(m => (l.File, l.Line, Code: m.Groups[1].Value)))
            )
            .Where(l => codes.ContainsKey(l.Code))
            .Select(l => $"{l.File}:{l.Line}: \"{l.Code}\"")
            .ToList();
        Assert.True(literals.Count == 0, $"Use the ReasonCodes constants:\n{string.Join('\n', literals)}");
    }

    [Fact]
    public void The_committed_reason_code_document_is_the_catalogue()
    {
        var generated = Document();
        var path = Path.Combine(Repository.Root(), "docs", "reason-codes.md");
        if (Environment.GetEnvironmentVariable("RX_WRITE_REASONS") == "1")
            File.WriteAllText(path, generated);
        Assert.True(File.Exists(path), $"{path} is missing; run RX_WRITE_REASONS=1 dotnet test --filter ReasonCatalogueTests");
        Assert.Equal(generated, File.ReadAllText(path));
    }

    private static string Document()
    {
        var text = new StringBuilder();
        text.Append("# Reason codes\n\n");
        text.Append("Every refusal names one of these codes: the `reason` of an RFC 9457 problem response (also in its `type`, ");
        text.Append("`urn:rightsexchange:problem:{code}`) and the `Reason` of a rejection, failure or closure in the events. ");
        text.Append("The gateway answers each with the status below; a resource named in the path that does not exist is ");
        text.Append("404 whatever the code. A status the gateway has no code for is answered `HTTP_{status}`.\n\n");
        text.Append("Generated from `shared/RightsExchange.Contracts/Reasons/ReasonCodes.cs` by `ReasonCatalogueTests`.\n\n");
        text.Append("| Code | Status | Meaning |\n|---|---|---|\n");
        foreach (var r in ReasonCatalogue.All.OrderBy(r => r.Code, StringComparer.Ordinal))
            text.Append($"| `{r.Code}` | {r.Status} | {r.Description.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        return text.ToString();
    }

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex UpperSnake();

    [GeneratedRegex("(?<![\\w$@\"\\\\])\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)\"(?!\")")]
    private static partial Regex QuotedCode();
}
