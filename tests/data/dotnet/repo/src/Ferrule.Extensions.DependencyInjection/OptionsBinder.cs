using System.Globalization;
using Ferrule.Http;
using Ferrule.Policies;
using Microsoft.Extensions.Configuration;

namespace Ferrule.Extensions.DependencyInjection;

/// <summary>
/// AOT-safe binding of Ferrule options from configuration. Replaces ConfigurationBinder (3.1):
/// every supported key is listed explicitly, nothing is discovered by reflection.
/// </summary>
internal static class OptionsBinder
{
    public static void BindHttp(IConfigurationSection section, HttpPolicyOptions options)
    {
        BindRetry(section.GetSection("Retry"), options.Retry);
        if (TryGetTimeSpan(section, "MaxRetryAfter", out var maxRetryAfter))
        {
            options.MaxRetryAfter = maxRetryAfter;
        }

        if (TryGetTimeSpan(section, "AttemptTimeout", out var attemptTimeout))
        {
            options.AttemptTimeout = attemptTimeout;
        }
    }

    public static void BindRetry(IConfigurationSection section, RetryOptions options)
    {
        if (section["Name"] is { } name)
        {
            options.Name = name;
        }

        if (section["MaxRetries"] is { } maxRetries)
        {
            options.MaxRetries = int.Parse(maxRetries, NumberStyles.Integer, CultureInfo.InvariantCulture);
        }

        if (section["BackoffType"] is { } backoff)
        {
            if (!Enum.TryParse<BackoffType>(backoff, out var backoffType))
            {
                throw new InvalidOperationException($"Invalid value '{backoff}' for '{section.Path}:BackoffType'.");
            }

            options.BackoffType = backoffType;
        }

        if (TryGetTimeSpan(section, "Delay", out var delay))
        {
            options.Delay = delay;
        }

        if (section["Factor"] is { } factor)
        {
            options.Factor = double.Parse(factor, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        if (section["UseJitter"] is { } jitter)
        {
            options.UseJitter = bool.Parse(jitter);
        }
    }

    public static void BindCircuitBreaker(IConfigurationSection section, CircuitBreakerOptions options)
    {
        if (section["FailureThreshold"] is { } threshold)
        {
            options.FailureThreshold = int.Parse(threshold, NumberStyles.Integer, CultureInfo.InvariantCulture);
        }

        if (TryGetTimeSpan(section, "BreakDuration", out var breakDuration))
        {
            options.BreakDuration = breakDuration;
        }
    }

    private static bool TryGetTimeSpan(IConfigurationSection section, string key, out TimeSpan value)
    {
        value = default;
        var raw = section[key];
        if (raw is null)
        {
            return false;
        }

        if (!TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out value))
        {
            throw new InvalidOperationException($"Invalid value '{raw}' for '{section.Path}:{key}'.");
        }

        return true;
    }
}
