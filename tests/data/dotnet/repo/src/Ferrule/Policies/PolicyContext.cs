namespace Ferrule.Policies;

/// <summary>Per-execution state passed through the policies.</summary>
public sealed class PolicyContext
{
    private Dictionary<string, object?>? _items;

    public PolicyContext(string? operationKey = null) => OperationKey = operationKey;

    /// <summary>Logical name of the operation (e.g. "GET /orders").</summary>
    public string? OperationKey { get; }

    /// <summary>0-based attempt number of the current execution.</summary>
    public int Attempt { get; internal set; }

    /// <summary>Free-form items.</summary>
    public IDictionary<string, object?> Items => _items ??= new Dictionary<string, object?>(StringComparer.Ordinal);
}
