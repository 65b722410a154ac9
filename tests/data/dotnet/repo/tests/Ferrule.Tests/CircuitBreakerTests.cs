using Ferrule.Policies;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Ferrule.Tests;

public class CircuitBreakerTests
{
    private static CircuitBreakerPolicy Create(FakeTimeProvider time, int threshold = 2)
        => new(new CircuitBreakerOptions { Name = "test", FailureThreshold = threshold, BreakDuration = TimeSpan.FromSeconds(10) }, time, NullLogger.Instance, metrics: null);

    [Fact]
    public async Task Opens_after_threshold()
    {
        var breaker = Create(new FakeTimeProvider());

        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync<int>(_ => throw new InvalidOperationException()));
        }

        Assert.Equal(CircuitState.Open, breaker.State);
        await Assert.ThrowsAsync<BrokenCircuitException>(() => breaker.ExecuteAsync(_ => Task.FromResult(1)));
    }

    [Fact]
    public async Task HalfOpen_AllowsSingleTrial()
    {
        var time = new FakeTimeProvider();
        var breaker = Create(time, threshold: 1);
        await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync<int>(_ => throw new InvalidOperationException()));

        time.Advance(TimeSpan.FromSeconds(11));
        var gate = new TaskCompletionSource<int>();
        var trial = breaker.ExecuteAsync(_ => gate.Task);

        await Assert.ThrowsAsync<BrokenCircuitException>(() => breaker.ExecuteAsync(_ => Task.FromResult(2)));
        gate.SetResult(1);
        Assert.Equal(1, await trial);
        Assert.Equal(CircuitState.Closed, breaker.State);
    }
}
