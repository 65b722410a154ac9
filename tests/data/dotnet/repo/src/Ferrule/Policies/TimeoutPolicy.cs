namespace Ferrule.Policies;

/// <summary>Cancels an operation that runs longer than a timeout.</summary>
public sealed class TimeoutPolicy : IFerrulePolicy
{
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;

    public TimeoutPolicy(TimeSpan timeout, string? name = null)
        : this(timeout, TimeProvider.System, name)
    {
    }

    public TimeoutPolicy(TimeSpan timeout, TimeProvider timeProvider, string? name = null)
    {
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "Timeout must be positive or Timeout.InfiniteTimeSpan.");
        }

        _timeout = timeout;
        _timeProvider = timeProvider;
        Name = name ?? "timeout";
    }

    public string Name { get; }

    public async Task<TResult> ExecuteAsync<TResult>(Func<CancellationToken, Task<TResult>> action, CancellationToken cancellationToken = default)
    {
        if (_timeout == Timeout.InfiniteTimeSpan)
        {
            return await action(cancellationToken).ConfigureAwait(false);
        }

        using var timeoutCts = new CancellationTokenSource(_timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token);
        try
        {
            return await action(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeoutCts.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutRejectedException(FormatMessage(_timeout), _timeout, ex);
        }
    }

    internal static string FormatMessage(TimeSpan timeout)
        => $"The operation didn't complete within {timeout.TotalMilliseconds} seconds.";
}
