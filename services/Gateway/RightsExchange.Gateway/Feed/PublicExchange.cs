using RabbitMQ.Client;
using RightsExchange.Contracts.Public.V1;
using RightsExchange.Hosting;

namespace RightsExchange.Gateway.Feed;

/// <summary>
/// Publishes public feed entries to the topic exchange <see cref="PublicFeed.Exchange"/> as plain CloudEvents JSON
/// (AMQP content type <c>application/cloudevents+json</c>, message id = CloudEvent id, persistent), with RabbitMQ's own
/// client rather than MassTransit, so that the bytes on the wire are the documented contract and nothing else.
/// Each publish waits for the broker's confirm.
/// </summary>
public sealed class PublicExchange(RabbitMqSettings settings, ILogger<PublicExchange> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    public async Task Publish(FeedEntry entry, long position, CancellationToken ct)
    {
        var body = CloudEventRenderer.Render(entry, position);
        var properties = new BasicProperties
        {
            ContentType = CloudEventRenderer.ContentType,
            MessageId = entry.Id.ToString("D"),
            Type = entry.Type,
            Persistent = true,
            Timestamp = new AmqpTimestamp(entry.Time.ToUnixTimeSeconds()),
        };
        var channel = await Channel(ct);
        await channel.BasicPublishAsync(PublicFeed.Exchange, PublicFeed.RoutingKey(entry.Type, entry.Subject), false, properties, body, ct);
    }

    private async Task<IChannel> Channel(CancellationToken ct)
    {
        if (_channel is { IsOpen: true } open)
            return open;
        await _gate.WaitAsync(ct);
        try
        {
            if (_channel is { IsOpen: true } again)
                return again;
            if (_channel is not null)
                await _channel.DisposeAsync();
            if (_connection is not { IsOpen: true })
            {
                if (_connection is not null)
                    await _connection.DisposeAsync();
                var factory = new ConnectionFactory
                {
                    HostName = settings.Host,
                    Port = settings.Port,
                    VirtualHost = settings.VirtualHost,
                    UserName = settings.Username,
                    Password = settings.Password,
                    ClientProvidedName = "rightsexchange-gateway-public-feed",
                };
                _connection = await settings.Connect(factory, ct);
            }
            _channel = await _connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                ct
            );
            await _channel.ExchangeDeclareAsync(
                PublicFeed.Exchange,
                ExchangeType.Topic,
                durable: true,
                autoDelete: false,
                cancellationToken: ct
            );
            logger.LogInformation("Publishing the public feed to exchange {Exchange}", PublicFeed.Exchange);
            return _channel;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
            await _channel.DisposeAsync();
        if (_connection is not null)
            await _connection.DisposeAsync();
    }
}
