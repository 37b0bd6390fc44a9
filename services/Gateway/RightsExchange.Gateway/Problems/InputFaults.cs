using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using RightsExchange.Contracts.Reasons;

namespace RightsExchange.Gateway.Problems;

/// <summary>
/// Turns a request the framework could not bind (<see cref="BadHttpRequestException"/>: malformed JSON, a field of the
/// wrong type or refused by a converter, a missing body, a bad query value, a body too large) into 4xx problem details
/// that name the field: <c>INVALID_FIELD</c>, <c>MALFORMED_JSON</c>, <c>MISSING_BODY</c>, <c>INVALID_PARAMETER</c>,
/// <c>PAYLOAD_TOO_LARGE</c>, <c>UNSUPPORTED_MEDIA_TYPE</c>. Nothing reaches the bus.
/// </summary>
public sealed class InputFaults : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad)
            return false;
        var (reason, title, detail) = Describe(bad);
        await ProblemWriter.Write(context, bad.StatusCode, reason, title, detail);
        return true;
    }

    private static (string Reason, string Title, string Detail) Describe(BadHttpRequestException bad)
    {
        if (Find<JsonException>(bad) is { } json)
        {
            var message = json.Message.Split(" Path: ")[0].Split(" LineNumber: ")[0].Trim();
            var field = json.Path is null or "$" ? null : json.Path.TrimStart('$').TrimStart('.');
            return field is null
                ? (ReasonCodes.MalformedJson, "The body is not valid JSON", $"The body could not be read as JSON: {message}")
                : (ReasonCodes.InvalidField, $"Field {field} is not valid", $"{field}: {message}");
        }
        return bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => (ReasonCodes.PayloadTooLarge, "The body is too large", bad.Message),
            StatusCodes.Status415UnsupportedMediaType => (ReasonCodes.UnsupportedMediaType, "Send application/json", bad.Message),
            _ when bad.Message.Contains("no body was provided", StringComparison.Ordinal)
                    || bad.Message.Contains("from body", StringComparison.Ordinal) => (
                ReasonCodes.MissingBody,
                "A JSON body is required",
                "This operation needs a JSON object as its body."
            ),
            _ => (ReasonCodes.InvalidParameter, "A parameter is not valid", bad.Message),
        };
    }

    private static T? Find<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
            if (e is T found)
                return found;
        return null;
    }
}
