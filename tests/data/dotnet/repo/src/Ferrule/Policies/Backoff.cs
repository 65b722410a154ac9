namespace Ferrule.Policies;

/// <summary>Delay calculations used by <see cref="RetryPolicy"/>.</summary>
public static class Backoff
{
    /// <summary>Same delay for every attempt.</summary>
    public static TimeSpan Constant(TimeSpan delay) => delay;

    /// <summary>delay * (attempt + 1).</summary>
    public static TimeSpan Linear(TimeSpan delay, int attempt, TimeSpan maxDelay)
    {
        var ticks = delay.Ticks * (long)(attempt + 1);
        return ticks > maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks(ticks);
    }

    /// <summary>baseDelay * factor^attempt, capped at <paramref name="maxDelay"/>.</summary>
    public static TimeSpan Exponential(TimeSpan baseDelay, double factor, int attempt, TimeSpan maxDelay)
    {
        var ms = baseDelay.TotalMilliseconds * Math.Pow(factor, attempt);
        var delay = TimeSpan.FromMilliseconds(ms);
        return delay > maxDelay ? maxDelay : delay;
    }

    /// <summary>Decorrelated jitter: random value between baseDelay and 3 * previous, capped.</summary>
    public static TimeSpan DecorrelatedJitter(TimeSpan baseDelay, TimeSpan previous, TimeSpan maxDelay, Random random)
    {
        var upper = Math.Max(baseDelay.TotalMilliseconds, previous.TotalMilliseconds * 3);
        var ms = baseDelay.TotalMilliseconds + (random.NextDouble() * (upper - baseDelay.TotalMilliseconds));
        return ms >= maxDelay.TotalMilliseconds ? maxDelay : TimeSpan.FromMilliseconds(ms);
    }
}
