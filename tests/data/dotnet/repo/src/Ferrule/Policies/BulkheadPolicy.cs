namespace Ferrule.Policies;

/// <summary>Limits concurrent executions, with an optional bounded queue.</summary>
public sealed class BulkheadPolicy : IFerrulePolicy, IDisposable
{
    private readonly SemaphoreSlim _executionSlots;
    private readonly int _maxParallelization;
    private readonly int _maxQueue;
    private int _queued;
    private bool _disposed;

    public BulkheadPolicy(int maxParallelization, int maxQueue = 0, string? name = null)
    {
        if (maxParallelization <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxParallelization));
        }

        if (maxQueue < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxQueue));
        }

        _maxParallelization = maxParallelization;
        _maxQueue = maxQueue;
        _executionSlots = new SemaphoreSlim(maxParallelization, maxParallelization);
        Name = name ?? "bulkhead";
    }

    public string Name { get; }

    /// <summary>Number of callers waiting for a slot.</summary>
    public int QueueLength
    {
        get
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(BulkheadPolicy));
            }

            return Volatile.Read(ref _queued);
        }
    }

    public async Task<TResult> ExecuteAsync<TResult>(Func<CancellationToken, Task<TResult>> action, CancellationToken cancellationToken = default)
    {
        if (!_executionSlots.Wait(0))
        {
            if (Interlocked.Increment(ref _queued) > _maxQueue)
            {
                Interlocked.Decrement(ref _queued);
                throw new BulkheadRejectedException(_maxParallelization, _maxQueue);
            }

            try
            {
                await _executionSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _queued);
            }
        }

        var task = action(cancellationToken);
        try
        {
            return await task.ConfigureAwait(false);
        }
        finally
        {
            _executionSlots.Release();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _executionSlots.Dispose();
    }
}
