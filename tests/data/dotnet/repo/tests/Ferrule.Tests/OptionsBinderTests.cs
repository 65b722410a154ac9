using Ferrule.Extensions.DependencyInjection;
using Ferrule.Policies;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Ferrule.Tests;

public class OptionsBinderTests
{
    private static IConfigurationSection Section(params (string Key, string Value)[] values)
        => new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("Ferrule:Retry:" + v.Key, v.Value)))
            .Build()
            .GetSection("Ferrule:Retry");

    [Fact]
    public void Binds_retry_settings()
    {
        var options = new RetryOptions();

        OptionsBinder.BindRetry(Section(("MaxRetries", "5"), ("Delay", "00:00:02"), ("BackoffType", "Linear")), options);

        Assert.Equal(5, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Delay);
        Assert.Equal(BackoffType.Linear, options.BackoffType);
    }

    [Fact]
    public void Invalid_delay_throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => OptionsBinder.BindRetry(Section(("Delay", "soon")), new RetryOptions()));

        Assert.Contains("Ferrule:Retry:Delay", ex.Message);
    }
}
