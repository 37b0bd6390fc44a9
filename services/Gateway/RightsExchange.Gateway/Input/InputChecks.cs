using System.Text.Json;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Gateway.Problems;

namespace RightsExchange.Gateway.Input;

/// <summary>
/// The gateway's input discipline: the JSON converters that read bodies exactly (<see cref="ExactDecimalConverter"/>,
/// <see cref="SafeTextConverter"/>, bounded instants and dates) and a check of every query and route value
/// (<c>INVALID_TEXT</c>, 400) before an endpoint runs.
/// </summary>
public static class InputChecks
{
    public static WebApplicationBuilder AddInputChecks(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("Gateway:Input").Get<InputLimits>() ?? new InputLimits();
        builder.Services.AddSingleton(limits);
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o => Add(o.SerializerOptions, limits));
        return builder;
    }

    /// <summary>Puts the gateway's converters ahead of the contract ones in <paramref name="options"/>.</summary>
    public static JsonSerializerOptions Add(JsonSerializerOptions options, InputLimits limits)
    {
        options.Converters.Insert(0, new ExactDecimalConverter());
        options.Converters.Insert(0, new SafeTextConverter(limits));
        options.Converters.Insert(0, new BoundedInstantConverter(limits));
        options.Converters.Insert(0, new BoundedDateConverter(limits));
        return options;
    }

    /// <summary>Refuses a request whose query or route values break <see cref="InputLimits.CheckText"/>.</summary>
    public static IApplicationBuilder UseInputChecks(this IApplicationBuilder app) =>
        app.Use(
            async (context, next) =>
            {
                var limits = context.RequestServices.GetRequiredService<InputLimits>();
                var values = context
                    .Request.Query.SelectMany(q => q.Value.Select(v => (q.Key, Value: v ?? "")))
                    .Concat(context.Request.RouteValues.Select(r => (r.Key, Value: r.Value?.ToString() ?? "")));
                foreach (var (name, value) in values)
                {
                    if ((limits.CheckText(name) ?? limits.CheckText(value)) is not { } problem)
                        continue;
                    await ProblemWriter.Write(context, ReasonCodes.InvalidText, $"{name} is not acceptable", $"{name}: {problem}");
                    return;
                }
                await next(context);
            }
        );
}
