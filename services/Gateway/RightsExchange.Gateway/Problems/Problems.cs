namespace RightsExchange.Gateway.Problems;

/// <summary>RFC 7807 problem details with the exchange's stable reason code (extension member <c>reason</c>).</summary>
public static class Problem
{
    /// <summary>A problem whose <c>type</c> is <c>urn:rightsexchange:problem:{reason}</c>.</summary>
    public static IResult Of(int status, string reason, string title, string detail, IDictionary<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?> { ["reason"] = reason };
        if (extra is not null)
            foreach (var (k, v) in extra)
                extensions[k] = v;
        return Results.Problem(statusCode: status, type: TypeOf(reason), title: title, detail: detail, extensions: extensions);
    }

    /// <summary><c>urn:rightsexchange:problem:{reason}</c>.</summary>
    public static string TypeOf(string reason) => $"urn:rightsexchange:problem:{reason}";

    public static IResult Forbidden(string detail) => Of(StatusCodes.Status403Forbidden, "FORBIDDEN", "Not your account", detail);
}
