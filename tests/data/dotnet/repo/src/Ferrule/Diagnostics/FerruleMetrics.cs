using System.Diagnostics.Metrics;
using Ferrule.Policies;

namespace Ferrule.Diagnostics;

/// <summary>OpenTelemetry-friendly instruments published on the "Ferrule" meter.</summary>
public sealed class FerruleMetrics : IDisposable
{
    public const string MeterName = "Ferrule";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _retryAttempts;
    private readonly Counter<long> _circuitStateChanges;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>, or on a private meter.</summary>
    public FerruleMetrics(IMeterFactory? meterFactory = null)
    {
        if (meterFactory is not null)
        {
            _meter = meterFactory.Create(MeterName);
        }
        else
        {
            _meter = new Meter(MeterName);
            _ownsMeter = true;
        }

        _retryAttempts = _meter.CreateCounter<long>("ferrule.retry.attempts", unit: "{attempt}", description: "Executions attempted by retry policies.");
        _circuitStateChanges = _meter.CreateCounter<long>("ferrule.circuit.state_changes", unit: "{change}", description: "Circuit breaker state transitions.");
    }

    public void RecordRetryOutcome(string policyName, int attempt, bool succeeded)
    {
        _retryAttempts.Add(
            attempt + 1,
            new KeyValuePair<string, object?>("policy.name", policyName),
            new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));
    }

    /// <summary>Records a transition of a circuit breaker from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public void RecordStateChange(string policyName, CircuitState from, CircuitState to)
    {
        _circuitStateChanges.Add(
            1,
            new KeyValuePair<string, object?>("policy.name", policyName),
            new KeyValuePair<string, object?>("state", ToTagValue(from)));
    }

    /// <summary>Publishes the queue length of a bulkhead as an observable gauge.</summary>
    public void ObserveQueueLength(BulkheadPolicy bulkhead)
    {
        _meter.CreateObservableGauge(
            "ferrule.bulkhead.queue_length",
            () => new Measurement<int>(bulkhead.QueueLength, new KeyValuePair<string, object?>("policy.name", bulkhead.Name)),
            unit: "{call}");
    }

    internal static string ToTagValue(CircuitState state) => state switch
    {
        CircuitState.Closed => "closed",
        CircuitState.Open => "open",
        CircuitState.HalfOpen => "half_open",
        _ => "unknown",
    };

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
