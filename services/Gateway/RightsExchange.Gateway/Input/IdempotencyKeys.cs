using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Marten;
using NodaTime;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Gateway.Problems;
using RightsExchange.Hosting;

namespace RightsExchange.Gateway.Input;

/// <summary>
/// One POST's answer under its <c>Idempotency-Key</c>, kept in the gateway's store for <see cref="IdempotencyKeys.Retention"/>.
/// <paramref name="Id"/> is a hash of the caller, the route and the key; <paramref name="Fingerprint"/> a hash of the body.
/// <paramref name="Status"/> is 0 while the first request is still being answered.
/// </summary>
public sealed record IdempotentResponse(
    string Id,
    string Fingerprint,
    int Status,
    string? ContentType,
    string? Location,
    byte[] Body,
    Instant StoredAt
);

/// <summary>
/// The <c>Idempotency-Key</c> request header on every POST (draft-ietf-httpapi-idempotency-key-header): the first
/// request with a key runs and its answer (below 500, and not 429) is kept; the same key with the same body answers
/// that again, with <c>Idempotent-Replayed: true</c>; the same key with another body is 422
/// <c>IDEMPOTENCY_KEY_REUSED</c>; while the first is still running, 409 <c>IDEMPOTENCY_KEY_IN_USE</c>. A key is 1 to
/// 255 visible ASCII characters (400 <c>INVALID_IDEMPOTENCY_KEY</c>), scoped to the caller (the token's subject) and
/// the route, and kept for <c>Idempotency:Retention</c> (24 h). Orders also take their <c>clientOrderId</c> as key.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";

    /// <summary>How long an answer is kept; a key seen again after that runs as a new request.</summary>
    public static TimeSpan Retention { get; private set; } = TimeSpan.FromHours(24);

    /// <summary>Reads <c>Idempotency:Retention</c> and stores the kept answers (<see cref="IdempotentResponse"/>).</summary>
    public static ServiceSlices AddIdempotencyKeys(this ServiceSlices slices)
    {
        Retention = slices.Configuration.GetValue("Idempotency:Retention", TimeSpan.FromHours(24));
        return slices.Document<IdempotentResponse>();
    }

    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) =>
        app.Use(
            async (http, next) =>
            {
                if (!HttpMethods.IsPost(http.Request.Method) || http.Request.Headers[Header] is not { Count: > 0 } values)
                {
                    await next(http);
                    return;
                }
                var key = values.ToString();
                if (key.Length is 0 or > 255 || key.Any(c => c is < '!' or > '~'))
                {
                    await ProblemWriter.Write(
                        http,
                        ReasonCodes.InvalidIdempotencyKey,
                        "Bad Idempotency-Key",
                        "An Idempotency-Key is 1 to 255 visible ASCII characters."
                    );
                    return;
                }
                await Run(http, next, key);
            }
        );

    private static async Task Run(HttpContext http, RequestDelegate next, string key)
    {
        var store = http.RequestServices.GetRequiredService<IDocumentStore>();
        var now = http.RequestServices.GetRequiredService<IClock>().GetCurrentInstant();
        http.Request.EnableBuffering();
        var fingerprint = Convert.ToHexString(await SHA256.HashDataAsync(http.Request.Body, http.RequestAborted));
        http.Request.Body.Position = 0;
        var caller = http.User.FindFirstValue("sub") ?? "anonymous";
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{caller}|{http.Request.Path}|{key}")));

        if (!await Claim(store, id, fingerprint, now, http.RequestAborted))
        {
            await using var query = store.QuerySession();
            var earlier = await query.LoadAsync<IdempotentResponse>(id, http.RequestAborted);
            if (earlier is null)
                await ProblemWriter.Write(
                    http,
                    ReasonCodes.IdempotencyKeyInUse,
                    "Try again",
                    "The key was just released; send the request again."
                );
            else if (earlier.Fingerprint != fingerprint)
                await ProblemWriter.Write(
                    http,
                    ReasonCodes.IdempotencyKeyReused,
                    "The Idempotency-Key was used for another request",
                    $"Idempotency-Key '{key}' was sent with a different body at {earlier.StoredAt}; nothing was done. "
                        + "Use a new key for a new request."
                );
            else if (earlier.Status == 0)
                await ProblemWriter.Write(
                    http,
                    ReasonCodes.IdempotencyKeyInUse,
                    "The first request with this key is still running",
                    "Retry after it has been answered."
                );
            else
                await Replay(http, earlier);
            return;
        }

        var original = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        try
        {
            await next(http);
        }
        catch
        {
            // Failed without an answer: the key is free for the retry.
            http.Response.Body = original;
            await using var cleanup = store.LightweightSession();
            cleanup.Delete<IdempotentResponse>(id);
            await cleanup.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        http.Response.Body = original;
        captured.Position = 0;
        await captured.CopyToAsync(original, http.RequestAborted);
        var status = http.Response.StatusCode;
        try
        {
            await using var session = store.LightweightSession();
            if (status is >= 500 or 429)
                session.Delete<IdempotentResponse>(id);
            else
                session.Store(
                    new IdempotentResponse(
                        id,
                        fingerprint,
                        status,
                        http.Response.ContentType,
                        http.Response.Headers.Location.ToString(),
                        captured.ToArray(),
                        now
                    )
                );
            await session.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The answer went out; only its copy was not kept. A retry then meets the pending claim (409
            // IDEMPOTENCY_KEY_IN_USE) until the retention passes: it is refused rather than run a second time.
            http.RequestServices.GetRequiredService<ILoggerFactory>()
                .CreateLogger(typeof(IdempotencyKeys))
                .LogWarning(ex, "The answer under Idempotency-Key {Key} was sent but not kept", key);
        }
    }

    // Inserts the pending answer; false when the key is already taken by an answer still inside the retention.
    private static async Task<bool> Claim(IDocumentStore store, string id, string fingerprint, Instant now, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var earlier = await session.LoadAsync<IdempotentResponse>(id, ct);
        if (earlier is not null && now - earlier.StoredAt < Duration.FromTimeSpan(Retention))
            return false;
        var pending = new IdempotentResponse(id, fingerprint, 0, null, null, [], now);
        if (earlier is null)
            session.Insert(pending);
        else
            session.Update(pending);
        try
        {
            await session.SaveChangesAsync(ct);
            return true;
        }
        catch (JasperFx.DocumentAlreadyExistsException)
        {
            return false;
        }
    }

    private static async Task Replay(HttpContext http, IdempotentResponse earlier)
    {
        http.Response.StatusCode = earlier.Status;
        if (earlier.ContentType is { } type)
            http.Response.ContentType = type;
        if (!string.IsNullOrEmpty(earlier.Location))
            http.Response.Headers.Location = earlier.Location;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        await http.Response.Body.WriteAsync(earlier.Body, http.RequestAborted);
    }
}
