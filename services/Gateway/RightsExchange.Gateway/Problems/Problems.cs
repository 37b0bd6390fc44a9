using RightsExchange.Contracts.Reasons;

namespace RightsExchange.Gateway.Problems;

/// <summary>RFC 7807 problem details with the exchange's stable reason code (extension member <c>reason</c>).</summary>
public static class Problem
{
    /// <summary>
    /// A problem for reason code <paramref name="reason"/> (a <see cref="ReasonCodes"/> constant), answered with the
    /// status the catalogue gives it (<see cref="ReasonCatalogue.StatusOf"/>).
    /// </summary>
    public static IResult Of(string reason, string title, string detail, IDictionary<string, object?>? extra = null) =>
        Of(ReasonCatalogue.StatusOf(reason), reason, title, detail, extra);

    /// <summary>
    /// 404 with reason <paramref name="reason"/>: the resource the path names does not exist. The same code refuses a
    /// command that names it in its body with the catalogue's status (422 for <c>INSTRUMENT_UNKNOWN</c>).
    /// </summary>
    public static IResult NotFound(string reason, string title, string detail) => Of(StatusCodes.Status404NotFound, reason, title, detail);

    /// <summary>A problem whose <c>type</c> is <c>urn:rightsexchange:problem:{reason}</c>.</summary>
    private static IResult Of(int status, string reason, string title, string detail, IDictionary<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?> { ["reason"] = reason };
        if (extra is not null)
            foreach (var (k, v) in extra)
                extensions[k] = v;
        return Results.Problem(statusCode: status, type: TypeOf(reason), title: title, detail: detail, extensions: extensions);
    }

    /// <summary><c>urn:rightsexchange:problem:{reason}</c>.</summary>
    public static string TypeOf(string reason) => $"urn:rightsexchange:problem:{reason}";

    public static IResult Forbidden(string detail) => Of(StatusCodes.Status403Forbidden, ReasonCodes.Forbidden, "Not your account", detail);
}
