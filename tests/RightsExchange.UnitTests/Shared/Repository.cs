namespace RightsExchange.UnitTests.Shared;

/// <summary>The repository the tests run from: its root is the folder holding RightsExchange.sln.</summary>
public static class Repository
{
    /// <summary>The root folder.</summary>
    /// <exception cref="InvalidOperationException">No RightsExchange.sln above the test binaries.</exception>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RightsExchange.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No RightsExchange.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>Every C# file of the repository under <paramref name="folders"/> (all when none), build output left out.</summary>
    public static IEnumerable<string> CSharpFiles(params string[] folders)
    {
        var root = Root();
        var skipped = new[] { "/bin/", "/obj/", "/.git/" };
        return (folders.Length == 0 ? [root] : folders.Select(f => Path.Combine(root, f)))
            .SelectMany(f => Directory.EnumerateFiles(f, "*.cs", SearchOption.AllDirectories))
            .Where(f => !skipped.Any(s => f.Replace('\\', '/').Contains(s, StringComparison.Ordinal)));
    }
}
