using RightsExchange.Contracts.Reasons;

namespace RightsExchange.Gateway.Problems;

/// <summary>
/// Gives the framework's own answers (no route, wrong method, validation, 401/403 without a handler event, 413, 415,
/// 429, 500) the exchange's problem shape: a <c>urn:rightsexchange:problem:*</c> type, a stable <c>reason</c> and a
/// <c>detail</c>. Problems the API wrote itself keep theirs.
/// </summary>
public static class FrameworkProblems
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("reason"))
            return;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var request = context.HttpContext.Request;
        var (reason, title, detail) = status switch
        {
            400 when problem is HttpValidationProblemDetails { Errors.Count: > 0 } v => (
                ReasonCodes.ValidationFailed,
                "The request is not valid",
                string.Join(" ", v.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))
            ),
            400 => (ReasonCodes.BadRequest, "The request is not valid", problem.Detail ?? "The request could not be understood."),
            401 => (ReasonCodes.Unauthenticated, "Not authenticated", "This operation needs a valid bearer token."),
            403 => (ReasonCodes.ForbiddenRole, "Not allowed for this role", "The token's role may not use this operation."),
            404 => (
                ReasonCodes.NotFound,
                "No such operation",
                $"Nothing answers {request.Method} {request.Path}; the operations are listed at /openapi/v1.json."
            ),
            405 => (ReasonCodes.MethodNotAllowed, "Method not allowed", $"{request.Path} does not take {request.Method}."),
            406 => (ReasonCodes.NotAcceptable, "Not acceptable", "The API answers application/json and application/problem+json."),
            413 => (ReasonCodes.PayloadTooLarge, "The body is too large", "The request body is larger than the gateway accepts."),
            415 => (ReasonCodes.UnsupportedMediaType, "Send application/json", "Request bodies are JSON: Content-Type: application/json."),
            429 => (ReasonCodes.RateLimited, "Too many requests", "Slow down and retry after the time in Retry-After."),
            >= 500 => (
                ReasonCodes.InternalError,
                "The exchange failed to answer",
                $"An unexpected error; nothing was half-applied. Quote trace id {context.HttpContext.TraceIdentifier} when reporting it."
            ),
            _ => ("HTTP_" + status, problem.Title ?? "Request refused", problem.Detail ?? $"Status {status}."),
        };
        problem.Type = Problem.TypeOf(reason);
        problem.Title = title;
        problem.Detail = problem.Detail is { Length: > 0 } given && status is 400 && reason == ReasonCodes.BadRequest ? given : detail;
        problem.Extensions["reason"] = reason;
    }
}
