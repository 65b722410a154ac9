namespace Ferrule.Policies;

/// <summary>How the delay between attempts grows.</summary>
public enum BackoffType
{
    /// <summary>Same delay before every retry.</summary>
    Constant,
    /// <summary>Delay grows linearly with the retry number.</summary>
    Linear,
    /// <summary>Delay grows exponentially with the retry number.</summary>
    Exponential,
}

/// <summary>Options for <see cref="RetryPolicy"/>.</summary>
public sealed class RetryOptions
{
    /// <summary>Name used in logs and metrics.</summary>
    public string? Name { get; set; }

    /// <summary>Number of retries after the first attempt. 0 disables retries.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Base delay.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound for a single computed delay.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Growth of the delay.</summary>
    public BackoffType BackoffType { get; set; } = BackoffType.Exponential;

    /// <summary>Factor for <see cref="BackoffType.Exponential"/>.</summary>
    public double Factor { get; set; } = 2.0;

    /// <summary>Adds decorrelated jitter to computed delays.</summary>
    public bool UseJitter { get; set; }

    /// <summary>Decides whether an exception is retried. Defaults to every exception except cancellation.</summary>
    public Func<Exception, bool> ShouldHandle { get; set; } = static ex => ex is not OperationCanceledException;

    /// <summary>Invoked before each retry with the 1-based retry number and the delay.</summary>
    public Func<Exception, int, TimeSpan, ValueTask>? OnRetry { get; set; }
}
