using Ferrule.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ferrule.Policies;

/// <summary>State of a circuit breaker.</summary>
public enum CircuitState
{
    Closed = 0,
    Open = 1,
    HalfOpen = 2,
}

/// <summary>Options for <see cref="CircuitBreakerPolicy"/>.</summary>
public sealed class CircuitBreakerOptions
{
    public string? Name { get; set; }

    /// <summary>Consecutive handled failures that open the circuit.</summary>
    public int FailureThreshold { get; set; } = 5;

    /// <summary>How long the circuit stays open before allowing a trial call.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Which exceptions count as failures.</summary>
    public Func<Exception, bool> ShouldHandle { get; set; } = static ex => ex is not BrokenCircuitException;
}

/// <summary>Consecutive-failure circuit breaker.</summary>
public sealed class CircuitBreakerPolicy : IFerrulePolicy
{
    private readonly CircuitBreakerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly FerruleMetrics? _metrics;
    private int _state = (int)CircuitState.Closed;
    private int _consecutiveFailures;
    private long _openedAtTimestamp;

    public CircuitBreakerPolicy(CircuitBreakerOptions options)
        : this(options, TimeProvider.System, NullLogger.Instance, metrics: null)
    {
    }

    public CircuitBreakerPolicy(CircuitBreakerOptions options, TimeProvider timeProvider, ILogger logger, FerruleMetrics? metrics)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _timeProvider = timeProvider;
        _logger = logger;
        _metrics = metrics;
    }

    public string Name => _options.Name ?? "circuit";

    public CircuitState State => (CircuitState)Volatile.Read(ref _state);

    public async Task<TResult> ExecuteAsync<TResult>(Func<CancellationToken, Task<TResult>> action, CancellationToken cancellationToken = default)
    {
        if (!TryAcquirePermission())
        {
            var rejected = new BrokenCircuitException(Name);
            Log.CircuitRejected(_logger, Name, rejected.Message);
            throw rejected;
        }

        try
        {
            var result = await action(cancellationToken).ConfigureAwait(false);
            OnActionSuccess();
            return result;
        }
        catch (Exception ex) when (_options.ShouldHandle(ex))
        {
            OnActionFailure(ex);
            throw;
        }
    }

    private bool TryAcquirePermission()
    {
        var state = (CircuitState)Volatile.Read(ref _state);
        if (state == CircuitState.Closed)
        {
            return true;
        }

        if (state == CircuitState.Open)
        {
            var elapsed = _timeProvider.GetElapsedTime(Interlocked.Read(ref _openedAtTimestamp));
            if (elapsed < _options.BreakDuration)
            {
                return false;
            }

            // Only one caller wins the transition to half-open and gets the trial call.
            if (Interlocked.CompareExchange(ref _state, (int)CircuitState.HalfOpen, (int)CircuitState.Open) == (int)CircuitState.Open)
            {
                _metrics?.RecordStateChange(Name, CircuitState.Open, CircuitState.HalfOpen);
                return true;
            }
        }

        return false;
    }

    private void OnActionSuccess()
    {
        Interlocked.Exchange(ref _consecutiveFailures, 0);
        var previous = (CircuitState)Interlocked.Exchange(ref _state, (int)CircuitState.Closed);
        if (previous != CircuitState.Closed)
        {
            _metrics?.RecordStateChange(Name, previous, CircuitState.Closed);
            Log.CircuitClosed(_logger, Name);
        }
    }

    private void OnActionFailure(Exception ex)
    {
        var state = (CircuitState)Volatile.Read(ref _state);
        var failures = Interlocked.Increment(ref _consecutiveFailures);
        if (state == CircuitState.HalfOpen || failures >= _options.FailureThreshold)
        {
            Interlocked.Exchange(ref _openedAtTimestamp, _timeProvider.GetTimestamp());
            var previous = (CircuitState)Interlocked.Exchange(ref _state, (int)CircuitState.Open);
            if (previous != CircuitState.Open)
            {
                _metrics?.RecordStateChange(Name, previous, CircuitState.Open);
                Log.CircuitOpened(_logger, Name, failures, ex);
            }
        }
    }
}
