namespace RightsExchange.UnitTests.Shared;

/// <summary>
/// The shape CSharpier cannot give: it wraps code at 140 characters (.csharpierrc.json) but leaves comments and
/// string literals as written, so a long one is caught here.
/// </summary>
public sealed class CodeShapeTests
{
    private const int MaxLineLength = 140;

    [Fact]
    public void Every_line_of_csharp_is_at_most_140_characters()
    {
        var root = Repository.Root();
        var tooLong = Repository
            .CSharpFiles()
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, line.Length)))
            .Where(l => l.Length > MaxLineLength)
            .Select(l => $"{l.File}:{l.Line} ({l.Length} characters)")
            .ToList();
        Assert.True(tooLong.Count == 0, $"Lines over {MaxLineLength} characters:\n{string.Join('\n', tooLong)}");
    }
}
