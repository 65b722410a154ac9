using System.Net;
using Ferrule.Policies;

namespace Ferrule.Http;

/// <summary>Options of <see cref="FerruleDelegatingHandler"/>.</summary>
public sealed class HttpPolicyOptions
{
    /// <summary>Retry settings applied to every request.</summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary>Status codes that trigger a retry. 429 is not included by default.</summary>
    public ISet<HttpStatusCode> RetryStatusCodes { get; } = new HashSet<HttpStatusCode>
    {
        HttpStatusCode.RequestTimeout,
        HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable,
        HttpStatusCode.GatewayTimeout,
    };

    /// <summary>Decides whether a request may be retried at all (e.g. skip POST).</summary>
    public Func<HttpRequestMessage, bool> ShouldRetryRequest { get; set; } = static _ => true;

    /// <summary>Upper bound for a delay requested by a <c>Retry-After</c> header.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Per-attempt timeout; <see cref="Timeout.InfiniteTimeSpan"/> disables it.</summary>
    public TimeSpan AttemptTimeout { get; set; } = Timeout.InfiniteTimeSpan;
}
