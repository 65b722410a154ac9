using Microsoft.Extensions.Logging;

namespace Ferrule.Diagnostics;

/// <summary>
/// All log events of Ferrule. Event ids are part of the public contract: never reuse one.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Attempt {Attempt} of policy '{PolicyName}' started")]
    public static partial void AttemptStarted(ILogger logger, string policyName, int attempt);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Policy '{PolicyName}' computed delay {Delay}")]
    public static partial void RetryDelay(ILogger logger, string policyName, TimeSpan delay);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Retry {Retry} of {MaxRetries} for {Operation} after {Delay}")]
    public static partial void RetryScheduled(ILogger logger, string operation, int retry, int maxRetries, TimeSpan delay);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Giving up on {Operation} after {Retries} retries")]
    public static partial void RetryExhausted(ILogger logger, string operation, int retries, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Circuit '{PolicyName}' opened after {Failures} consecutive failures")]
    public static partial void CircuitOpened(ILogger logger, string policyName, int failures, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Circuit '{PolicyName}' closed")]
    public static partial void CircuitClosed(ILogger logger, string policyName);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Circuit '{PolicyName}' rejected call: {Reason}")]
    public static partial void CircuitRejected(ILogger logger, string policyName, string reason);

    [LoggerMessage(EventId = 9, Level = LogLevel.Error, Message = "Request {Method} {Uri} failed after {Retries} retries")]
    public static partial void HttpRequestFailed(ILogger logger, string method, Uri? uri, int retries, Exception exception);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "Unknown type discriminator '{Discriminator}' for base type '{BaseType}'")]
    public static partial void UnknownDiscriminator(ILogger logger, string discriminator, string baseType);
}
