namespace Ferrule.Policies;

/// <summary>Thrown when a call is rejected because the circuit is open.</summary>
public sealed class BrokenCircuitException : Exception
{
    public BrokenCircuitException(string circuitName)
        : base("The circuit is now open and is not allowing calls.") => CircuitName = circuitName;

    public string CircuitName { get; }
}

/// <summary>Thrown by <see cref="TimeoutPolicy"/> when the timeout elapses.</summary>
public sealed class TimeoutRejectedException : Exception
{
    public TimeoutRejectedException(string message, TimeSpan timeout, Exception? inner = null)
        : base(message, inner) => Timeout = timeout;

    public TimeSpan Timeout { get; }
}

/// <summary>Thrown when a bulkhead has no free slot and no queue room.</summary>
public sealed class BulkheadRejectedException : Exception
{
    public BulkheadRejectedException(int maxParallelization, int maxQueue)
        : base($"Bulkhead queue is full (MaxParallelization={maxParallelization}, MaxQueue={maxQueue}).")
    {
    }
}
