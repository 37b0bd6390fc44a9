using System.Reflection;

namespace RightsExchange.Contracts.Reasons;

/// <summary>
/// Declares, on a <see cref="ReasonCodes"/> constant, the HTTP status the gateway answers the code with and what the code
/// means to the client.
/// </summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class ReasonAttribute(int status, string description) : Attribute
{
    /// <summary>The HTTP status of a problem response carrying the code (400, 403, 404, 409, 422, ...).</summary>
    public int Status { get; } = status;

    /// <summary>What the code means, in one sentence.</summary>
    public string Description { get; } = description;
}

/// <summary>One reason code of the catalogue: the code, its HTTP status and what it means.</summary>
/// <param name="Code">Stable, UPPER_SNAKE_CASE: the <c>reason</c> of a problem response or a rejection.</param>
/// <param name="Status">The HTTP status the gateway answers it with.</param>
/// <param name="Description">What it means, in one sentence.</param>
public sealed record ReasonCode(string Code, int Status, string Description);

/// <summary>
/// The catalogue of reason codes, read once from the constants of <see cref="ReasonCodes"/> and their
/// <see cref="ReasonAttribute"/>: the gateway answers each code with its status, and the catalogue is published in
/// <c>docs/reason-codes.md</c> and the OpenAPI document.
/// </summary>
public static class ReasonCatalogue
{
    /// <summary>Every code, in the order <see cref="ReasonCodes"/> declares them.</summary>
    public static IReadOnlyList<ReasonCode> All { get; } = Read();

    private static readonly Dictionary<string, ReasonCode> ByCode = All.ToDictionary(r => r.Code, StringComparer.Ordinal);

    /// <summary>The entry of <paramref name="code"/>, or null for a code the catalogue does not hold.</summary>
    public static ReasonCode? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>
    /// The HTTP status for <paramref name="code"/>: the catalogue's, or 422 (a request refused on its content) for a code
    /// it does not hold (a unit test holds every code in use to the catalogue).
    /// </summary>
    public static int StatusOf(string code) => Find(code)?.Status ?? 422;

    private static List<ReasonCode> Read() =>
        typeof(ReasonCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f =>
                f.GetCustomAttribute<ReasonAttribute>() is { } reason
                    ? new ReasonCode((string)f.GetRawConstantValue()!, reason.Status, reason.Description)
                    : throw new InvalidOperationException($"ReasonCodes.{f.Name} has no [Reason(status, description)].")
            )
            .ToList();
}
