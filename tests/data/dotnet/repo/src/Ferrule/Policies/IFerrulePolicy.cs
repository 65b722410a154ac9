namespace Ferrule.Policies;

/// <summary>Common shape of all Ferrule policies.</summary>
public interface IFerrulePolicy
{
    /// <summary>Name used in logs and metrics.</summary>
    string Name { get; }

    /// <summary>Executes <paramref name="action"/> under the policy.</summary>
    Task<TResult> ExecuteAsync<TResult>(Func<CancellationToken, Task<TResult>> action, CancellationToken cancellationToken = default);
}
