using Microsoft.Extensions.FileProviders;
using RightsExchange.Gateway.Auth;

namespace RightsExchange.Gateway.Console;

/// <summary>What the console's pages need to know before they sign anyone in.</summary>
/// <param name="DevTokens">True in demo mode: the sign-in page mints a token for a chosen role and participant.</param>
/// <param name="Authority">The OpenID Connect provider that issues tokens otherwise (null in demo mode).</param>
/// <param name="ApproverRoles">The roles that may decide four-eyes actions (<c>Auth:ApproverRoles</c>).</param>
public sealed record ConsoleSettings(bool DevTokens, string? Authority, IReadOnlyList<string> ApproverRoles);

/// <summary>
/// The console for regulators, operators and traders: static pages under <c>/console/</c> (the gateway's
/// <c>wwwroot/console</c>) that call the public API with the signed-in user's bearer token, like any other client.
/// No page reads a database and there is no second API. Every page is served with a strict content security policy
/// (scripts and styles from the gateway only, nothing inline, no framing), so a script injected through data shown on a
/// page cannot run and the token kept in the tab's session storage stays with the console.
/// </summary>
public static class ConsolePages
{
    /// <summary>The path the console is served under.</summary>
    public const string Path = "/console";

    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Serves the console's files with their security headers; <c>/console</c> redirects to <c>/console/</c>.</summary>
    public static WebApplication UseConsole(this WebApplication app)
    {
        // Copied beside the gateway's assembly (the project file), so a test host and a published gateway find them alike.
        var files = new PhysicalFileProvider(System.IO.Path.Combine(AppContext.BaseDirectory, "wwwroot", "console"));
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), console => console.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (context.Request.Path.Value == Path)
            {
                context.Response.Redirect($"{Path}/");
                return;
            }
            await next(context);
        }));
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = Path, FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = Path,
            FileProvider = files,
            // Pages and scripts change with the gateway: a browser checks them again rather than keep an old one.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.MapGet($"{Path}/settings.json", (AuthSettings auth) =>
                Results.Ok(new ConsoleSettings(auth.DevTokens, auth.Authority, auth.ApproverRoles)))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
