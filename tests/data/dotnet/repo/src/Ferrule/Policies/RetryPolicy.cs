using Ferrule.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ferrule.Policies;

/// <summary>
/// Retries an operation according to <see cref="RetryOptions"/>.
/// </summary>
/// <remarks>
/// Since 2.0 there is a single execution loop for every overload: the first call is attempt 0,
/// every failure that passes <see cref="RetryOptions.ShouldHandle"/> schedules a retry after the
/// delay returned by <see cref="GetDelay"/>. Cancellation of the caller's token is observed during
/// the delay.
/// </remarks>
public sealed class RetryPolicy : IFerrulePolicy
{
    private readonly RetryOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly FerruleMetrics? _metrics;
    private readonly Random _random = new();
    private TimeSpan _previousDelay;

    public RetryPolicy(RetryOptions options)
        : this(options, TimeProvider.System, NullLogger.Instance, metrics: null)
    {
    }

    public RetryPolicy(RetryOptions options, TimeProvider timeProvider, ILogger logger, FerruleMetrics? metrics)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? NullLogger.Instance;
        _metrics = metrics;
        _previousDelay = options.Delay;
    }

    /// <summary>Name used in logs and metrics.</summary>
    public string Name => _options.Name ?? "retry";

    /// <summary>Executes <paramref name="action"/> without a result.</summary>
    public Task ExecuteAsync(Func<CancellationToken, Task> action, CancellationToken cancellationToken = default)
    {
        if (action is null)
        {
            throw new ArgumentNullException(nameof(action));
        }

        return ExecuteAsync<bool>(
            async ct =>
            {
                await action(ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    /// <summary>Executes <paramref name="action"/> and returns its result.</summary>
    public Task<TResult> ExecuteAsync<TResult>(Func<CancellationToken, Task<TResult>> action, CancellationToken cancellationToken = default)
        => ExecuteAsync(action, new PolicyContext(), cancellationToken);

    /// <summary>Executes <paramref name="action"/> with an explicit context.</summary>
    public async Task<TResult> ExecuteAsync<TResult>(
        Func<CancellationToken, Task<TResult>> action,
        PolicyContext context,
        CancellationToken cancellationToken = default)
    {
        if (action is null)
        {
            throw new ArgumentNullException(nameof(action));
        }

        var attempt = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            context.Attempt = attempt;
            try
            {
                var result = await action(cancellationToken).ConfigureAwait(false);
                _metrics?.RecordRetryOutcome(Name, attempt, succeeded: true);
                return result;
            }
            catch (Exception ex) when (_options.ShouldHandle(ex) && !cancellationToken.IsCancellationRequested)
            {
                if (attempt > _options.MaxRetries)
                {
                    _metrics?.RecordRetryOutcome(Name, attempt, succeeded: false);
                    Log.RetryExhausted(_logger, context.OperationKey ?? Name, attempt, ex);
                    throw;
                }

                var delay = ex is IRetryDelayHint { RetryAfter: { } hinted } ? hinted : GetDelay(attempt);
                attempt++;
                Log.RetryScheduled(_logger, context.OperationKey ?? Name, attempt, _options.MaxRetries, delay);
                if (_options.OnRetry is not null)
                {
                    await _options.OnRetry(ex, attempt, delay).ConfigureAwait(false);
                }

                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Delay before the retry that follows the given 0-based attempt.</summary>
    internal TimeSpan GetDelay(int attempt)
    {
        TimeSpan delay = _options.BackoffType switch
        {
            BackoffType.Constant => Backoff.Constant(_options.Delay),
            BackoffType.Linear => Backoff.Linear(_options.Delay, attempt, _options.MaxDelay),
            _ => Backoff.Exponential(_options.Delay, _options.Factor, attempt, _options.MaxDelay),
        };

        if (_options.UseJitter)
        {
            delay = Backoff.DecorrelatedJitter(_options.Delay, _previousDelay, _options.MaxDelay, _random);
            _previousDelay = delay;
        }

        return delay;
    }
}

/// <summary>Implemented by exceptions that carry a server-requested delay (e.g. Retry-After).</summary>
public interface IRetryDelayHint
{
    /// <summary>Requested delay, or null to use the computed back-off.</summary>
    TimeSpan? RetryAfter { get; }
}
