using Microsoft.Extensions.Options;
using RightsExchange.Hosting;

namespace RightsExchange.Gateway.Webhooks;

/// <summary>
/// Webhooks: a participant's subscriptions to the feed and their delivery log, delivered by <see cref="WebhookDispatcher"/>
/// through an HTTP client that follows no redirect and connects only to the targets <see cref="WebhookTargets"/> allows.
/// </summary>
public static class WebhooksSlice
{
    /// <summary>Registers the slice's documents, settings and dispatcher with the gateway.</summary>
    public static ServiceSlices AddWebhooks(this ServiceSlices slices) =>
        slices
            .Store(o =>
            {
                o.Schema.For<Webhook>().Index(w => w.ParticipantId);
                o.Schema.For<WebhookDelivery>().Index(d => d.WebhookId).Index(d => d.Status);
            })
            .Settings<WebhookOptions>("Webhooks")
            .Services(s =>
            {
                s.AddHttpClient(WebhookDispatcher.HttpClientName)
                    .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
                    {
                        AllowAutoRedirect = false,
                        ConnectCallback = (context, ct) =>
                            WebhookTargets.Connect(context, sp.GetRequiredService<IOptions<WebhookOptions>>().Value, ct),
                    });
                s.AddHostedService<WebhookDispatcher>();
            });
}
