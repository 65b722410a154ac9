using Ferrule.Policies;
using Xunit;

namespace Ferrule.Tests;

public class RetryPolicyTests
{
    [Fact]
    public async Task Retries_until_success()
    {
        var calls = 0;
        var policy = new RetryPolicy(new RetryOptions { MaxRetries = 3, Delay = TimeSpan.Zero, BackoffType = BackoffType.Constant });

        var result = await policy.ExecuteAsync(_ =>
        {
            calls++;
            return calls < 3 ? throw new HttpRequestException("boom") : Task.FromResult(42);
        });

        Assert.Equal(42, result);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Gives_up_after_max_retries()
    {
        var calls = 0;
        var policy = new RetryPolicy(new RetryOptions { MaxRetries = 2, Delay = TimeSpan.Zero, BackoffType = BackoffType.Constant });

        await Assert.ThrowsAsync<HttpRequestException>(() => policy.ExecuteAsync<int>(_ =>
        {
            calls++;
            throw new HttpRequestException("boom");
        }));

        Assert.True(calls >= 3);
    }

    [Fact]
    public async Task Cancellation_during_delay_is_observed()
    {
        var policy = new RetryPolicy(new RetryOptions { MaxRetries = 5, Delay = TimeSpan.FromSeconds(30), BackoffType = BackoffType.Constant });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => policy.ExecuteAsync<int>(_ => throw new HttpRequestException("boom"), cts.Token));
    }

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(1, 2000)]
    [InlineData(3, 8000)]
    [InlineData(10, 30000)]
    public void Exponential_backoff_is_capped(int attempt, double expectedMs)
    {
        var delay = Backoff.Exponential(TimeSpan.FromSeconds(1), 2.0, attempt, TimeSpan.FromSeconds(30));

        Assert.Equal(expectedMs, delay.TotalMilliseconds);
    }
}
