using Ferrule.Diagnostics;
using Ferrule.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Options of a typed Ferrule client registered by name.</summary>
public sealed class FerruleClientOptions
{
    public Uri? BaseAddress { get; set; }

    public HttpPolicyOptions Http { get; set; } = new();

    public System.Text.Json.JsonSerializerOptions JsonOptions { get; set; } = new(System.Text.Json.JsonSerializerDefaults.Web);
}

/// <summary>Creates named instances of a generated typed client.</summary>
public interface IFerruleClientFactory<out TClient>
    where TClient : class
{
    TClient Create(string name);
}

/// <summary>DI registration for Ferrule.</summary>
public static class FerruleServiceCollectionExtensions
{
    /// <summary>Registers shared Ferrule services (metrics, time provider) and binds the "Ferrule" section.</summary>
    public static IServiceCollection AddFerrulePolicies(this IServiceCollection services, IConfiguration? configuration = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new FerruleMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        if (configuration is not null)
        {
            var section = configuration as IConfigurationSection ?? configuration.GetSection("Ferrule");
            services.Configure<HttpPolicyOptions>(o => Ferrule.Extensions.DependencyInjection.OptionsBinder.BindHttp(section, o));
        }

        services.AddOptions<HttpPolicyOptions>().ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Registers the generated client <typeparamref name="TClient"/> under <paramref name="name"/>,
    /// with its own options and HttpClient.
    /// </summary>
    public static IHttpClientBuilder AddFerruleClient<TClient>(this IServiceCollection services, string name, Action<FerruleClientOptions> configure)
        where TClient : class
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("A client name is required.", nameof(name));
        }

        services.AddFerrulePolicies();
        services.Configure(configure);
        services.TryAddSingleton<IFerruleClientFactory<TClient>, FerruleClientFactory<TClient>>();

        return services
            .AddHttpClient(name, (sp, client) =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<FerruleClientOptions>>().Get(name);
                client.BaseAddress = options.BaseAddress;
            })
            .AddHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<FerruleClientOptions>>().Get(name);
                return new FerruleDelegatingHandler(
                    options.Http,
                    sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<ILoggerFactory>(),
                    sp.GetService<FerruleMetrics>());
            });
    }

    private sealed class FerruleClientFactory<TClient> : IFerruleClientFactory<TClient>
        where TClient : class
    {
        private readonly IHttpClientFactory _httpClientFactory;
        private readonly IOptionsMonitor<FerruleClientOptions> _options;

        public FerruleClientFactory(IHttpClientFactory httpClientFactory, IOptionsMonitor<FerruleClientOptions> options)
        {
            _httpClientFactory = httpClientFactory;
            _options = options;
        }

        public TClient Create(string name)
        {
            var httpClient = _httpClientFactory.CreateClient(name);
            var options = _options.Get(name);
            return FerruleClientActivator<TClient>.Create(httpClient, new Ferrule.Serialization.FerruleJsonSerializer(options.JsonOptions));
        }
    }
}

/// <summary>Set by generated code: how to construct a generated client.</summary>
public static class FerruleClientActivator<TClient>
    where TClient : class
{
    public static Func<HttpClient, Ferrule.Serialization.FerruleJsonSerializer, TClient>? Factory { get; set; }

    internal static TClient Create(HttpClient httpClient, Ferrule.Serialization.FerruleJsonSerializer serializer)
        => (Factory ?? throw new InvalidOperationException($"No generated client registered for '{typeof(TClient).Name}'. Is Ferrule.Generators referenced?"))(httpClient, serializer);
}
