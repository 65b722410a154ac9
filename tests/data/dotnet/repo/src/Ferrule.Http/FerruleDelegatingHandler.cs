using Ferrule.Diagnostics;
using Ferrule.Policies;
using Microsoft.Extensions.Logging;

namespace Ferrule.Http;

/// <summary>Applies Ferrule retry (and optional per-attempt timeout) to an HttpClient pipeline.</summary>
public sealed class FerruleDelegatingHandler : DelegatingHandler
{
    private readonly HttpPolicyOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly FerruleMetrics? _metrics;

    public FerruleDelegatingHandler(HttpPolicyOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory, FerruleMetrics? metrics = null)
    {
        _options = options;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger("Ferrule.Http");
        _metrics = metrics;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!_options.ShouldRetryRequest(request))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        // Buffer the content once so that every attempt can replay it.
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync().ConfigureAwait(false);
        }

        var context = new PolicyContext($"{request.Method} {request.RequestUri}");
        var retry = new RetryPolicy(_options.Retry, _timeProvider, _logger, _metrics);
        var timeout = new TimeoutPolicy(_options.AttemptTimeout, _timeProvider);
        try
        {
            return await retry.ExecuteAsync(
                async ct =>
                {
                    using var attemptRequest = context.Attempt == 0 ? null : await CloneRequest(request).ConfigureAwait(false);
                    var response = await timeout.ExecuteAsync(t => base.SendAsync(attemptRequest ?? request, t), ct).ConfigureAwait(false);
                    if (_options.RetryStatusCodes.Contains(response.StatusCode))
                    {
                        throw new RetryableResponseException(response, RetryAfter(response));
                    }

                    return response;
                },
                context,
                cancellationToken).ConfigureAwait(false);
        }
        catch (RetryableResponseException ex)
        {
            // retries exhausted on a status code: hand the last response back to the caller
            return ex.Response;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.HttpRequestFailed(_logger, request.Method.Method, request.RequestUri, _options.Retry.MaxRetries, ex);
            throw;
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
        => RetryAfterParser.TryParse(response, _timeProvider, _options.MaxRetryAfter, out var delay) ? delay : null;

    /// <summary>
    /// Creates a copy of <paramref name="request"/> for a retry; an <see cref="HttpRequestMessage"/>
    /// can only be sent once.
    /// </summary>
    internal static async Task<HttpRequestMessage> CloneRequest(HttpRequestMessage request)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri);
        foreach (var header in request.Headers)
        {
            clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (request.Content is not null)
        {
            var bytes = await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var content = new ByteArrayContent(bytes);
            foreach (var header in request.Content.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            clone.Content = content;
        }

        return clone;
    }

    private sealed class RetryableResponseException : Exception, IRetryDelayHint
    {
        public RetryableResponseException(HttpResponseMessage response, TimeSpan? retryAfter)
            : base($"Response status code {(int)response.StatusCode} is retryable.")
        {
            Response = response;
            RetryAfter = retryAfter;
        }

        public HttpResponseMessage Response { get; }

        public TimeSpan? RetryAfter { get; }
    }
}
