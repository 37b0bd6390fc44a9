using Microsoft.Extensions.FileProviders;
using RightsExchange.Gateway.Auth;

namespace RightsExchange.Gateway.Console;

/// <summary>What the console's pages need to know before they sign anyone in.</summary>
/// <param name="DevTokens">True in demo mode: the sign-in page mints a token for a chosen role and participant.</param>
/// <param name="Authority">The OpenID Connect provider that issues tokens otherwise (<c>Auth:Authority</c>).</param>
/// <param name="ClientId">The console's client id at that provider (<c>Console:ClientId</c>): a public client using PKCE.</param>
/// <param name="Scope">The scopes the console asks for (<c>Console:Scope</c>).</param>
/// <param name="ApproverRoles">The roles that may decide four-eyes actions (<c>Auth:ApproverRoles</c>).</param>
public sealed record ConsoleSettings(bool DevTokens, string? Authority, string ClientId, string Scope, IReadOnlyList<string> ApproverRoles);

/// <summary>The console's own settings (section <c>Console</c>).</summary>
public sealed class ConsoleOptions
{
    /// <summary>The client id registered for the console at the OpenID Connect provider (authorization code with PKCE).</summary>
    public string ClientId { get; set; } = "rightsexchange-console";

    /// <summary>The scopes asked for; the access token must carry the <c>role</c> (and for traders <c>participant</c>) claims.</summary>
    public string Scope { get; set; } = "openid profile";
}

/// <summary>
/// The console for regulators, operators and traders: static pages under <c>/console/</c> (the gateway's
/// <c>wwwroot/console</c>) that call the public API with the signed-in user's bearer token, like any other client.
/// No page reads a database and there is no second API. Every page is served with a strict content security policy
/// (scripts and styles from the gateway only, nothing inline, no framing; connections to the gateway and, when one is
/// configured, the OpenID Connect provider), so a script injected through data shown on a page cannot run and the
/// token kept in the tab's session storage stays with the console. Signing in: development tokens in demo mode, else
/// the provider's authorization code flow with PKCE (oidc-client-ts, vendored by <c>deploy/tools/console</c>).
/// </summary>
public static class ConsolePages
{
    /// <summary>The path the console is served under.</summary>
    public const string Path = "/console";

    /// <summary>Serves the console's files with their security headers; <c>/console</c> redirects to <c>/console/</c>.</summary>
    public static WebApplication UseConsole(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<AuthSettings>();
        var options = app.Configuration.GetSection("Console").Get<ConsoleOptions>() ?? new ConsoleOptions();
        var settings = new ConsoleSettings(auth.DevTokens, auth.Authority, options.ClientId, options.Scope, auth.ApproverRoles);
        var provider = auth.Authority is { } authority ? $" {new Uri(authority).GetLeftPart(UriPartial.Authority)}" : "";
        var contentSecurityPolicy =
            $"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'{provider}; "
            + "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        // Copied beside the gateway's assembly (the project file), so a test host and a published gateway find them alike.
        var files = new PhysicalFileProvider(System.IO.Path.Combine(AppContext.BaseDirectory, "wwwroot", "console"));
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(Path),
            console =>
                console.Use(
                    async (context, next) =>
                    {
                        var headers = context.Response.Headers;
                        headers.ContentSecurityPolicy = contentSecurityPolicy;
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
                    }
                )
        );
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = Path, FileProvider = files });
        app.UseStaticFiles(
            new StaticFileOptions
            {
                RequestPath = Path,
                FileProvider = files,
                // Pages and scripts change with the gateway: a browser checks them again rather than keep an old one.
                OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
            }
        );
        app.MapGet($"{Path}/settings.json", () => Results.Ok(settings)).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
