using Marten;
using MassTransit;
using MassTransit.DependencyInjection.Registration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RightsExchange.Hosting;

/// <summary>
/// What a service's slices (one folder per capability) add to it: the documents each stores, the consumers each runs,
/// the endpoints of its own it declares and the services it needs. Each slice has one <c>Add{Capability}</c> extension
/// on this type, next to its handlers; the service's <c>Program.cs</c> lists its slices and hands what they collected
/// to <see cref="ServiceDefaults.AddRightsExchangeStore(WebApplicationBuilder, string, ServiceSlices, JasperFx.Events.EventAppendMode)"/>
/// and <see cref="ServiceDefaults.AddRightsExchangeMessaging(WebApplicationBuilder, string, ServiceSlices)"/>.
/// </summary>
public sealed class ServiceSlices(WebApplicationBuilder builder)
{
    private readonly List<Action<StoreOptions>> store = [];
    private readonly List<Action<IBusRegistrationConfigurator>> bus = [];
    private readonly List<Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator>> endpoints = [];
    private readonly Dictionary<string, List<Type>> ownEndpoints = [];

    /// <summary>The service's configuration.</summary>
    public IConfiguration Configuration => builder.Configuration;

    /// <summary>Adds a slice's services: its singletons, its background jobs.</summary>
    public ServiceSlices Services(Action<IServiceCollection> configure)
    {
        configure(builder.Services);
        return this;
    }

    /// <summary>Binds <typeparamref name="TSettings"/> to the configuration section <paramref name="section"/> (<c>IOptions</c>).</summary>
    public ServiceSlices Settings<TSettings>(string section)
        where TSettings : class
    {
        builder.Services.Configure<TSettings>(builder.Configuration.GetSection(section));
        return this;
    }

    /// <summary>Stores documents of <typeparamref name="TDocument"/>; its table is created when the service starts.</summary>
    public ServiceSlices Document<TDocument>()
        where TDocument : notnull => Store(options => options.Schema.For<TDocument>());

    /// <summary>Configures the store further: a document with its indexes, a projection, an event type.</summary>
    public ServiceSlices Store(Action<StoreOptions> configure)
    {
        store.Add(configure);
        return this;
    }

    /// <summary>Runs <typeparamref name="TConsumer"/> on its default endpoint (a command, or an event the service follows).</summary>
    public ServiceSlices Consumer<TConsumer>()
        where TConsumer : class, IConsumer => Bus(b => b.AddConsumer<TConsumer>());

    /// <summary>
    /// Runs the query <typeparamref name="TConsumer"/> (a read that changes nothing) with <see cref="QueryDefinition{TConsumer}"/>.
    /// </summary>
    public ServiceSlices Query<TConsumer>()
        where TConsumer : class, IConsumer => Bus(b => b.AddConsumer<TConsumer>(typeof(QueryDefinition<TConsumer>)));

    /// <summary>
    /// Runs <typeparamref name="TConsumer"/> only on the service's own endpoints named <paramref name="endpoint"/>, never
    /// on a default endpoint: a slice must configure it there with <see cref="Endpoints"/> (each consumer
    /// <see cref="ConsumersOn"/> the name, or this one by its type), or it receives nothing.
    /// </summary>
    public ServiceSlices ConsumerOn<TConsumer>(string endpoint)
        where TConsumer : class, IConsumer
    {
        if (!ownEndpoints.TryGetValue(endpoint, out var consumers))
            ownEndpoints[endpoint] = consumers = [];
        consumers.Add(typeof(TConsumer));
        return Bus(b => b.AddConsumer<TConsumer>());
    }

    /// <summary>The consumers registered for the own endpoints named <paramref name="endpoint"/>, in order; empty if none.</summary>
    public IReadOnlyList<Type> ConsumersOn(string endpoint) => ownEndpoints.TryGetValue(endpoint, out var consumers) ? consumers : [];

    /// <summary>Any other registration on the bus: a consumer with endpoint settings, a request client with its timeout.</summary>
    public ServiceSlices Bus(Action<IBusRegistrationConfigurator> configure)
    {
        bus.Add(configure);
        return this;
    }

    /// <summary>Declares receive endpoints of the service's own (queues with their bindings), configured before the defaults.</summary>
    public ServiceSlices Endpoints(Action<IBusRegistrationContext, IRabbitMqBusFactoryConfigurator> configure)
    {
        endpoints.Add(configure);
        return this;
    }

    internal void ConfigureStore(StoreOptions options) => store.ForEach(configure => configure(options));

    internal void ConfigureBus(IBusRegistrationConfigurator configurator) => bus.ForEach(configure => configure(configurator));

    internal void ConfigureEndpoints(IBusRegistrationContext context, IRabbitMqBusFactoryConfigurator configurator) =>
        endpoints.ForEach(configure => configure(context, configurator));

    internal void ExcludeOwnEndpointConsumers(IRegistrationFilterConfigurator filter) =>
        filter.Exclude(ownEndpoints.Values.SelectMany(consumers => consumers).ToArray());
}
