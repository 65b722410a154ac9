using System.Net.Http.Headers;

namespace Ferrule.Http;

/// <summary>Reads the <c>Retry-After</c> response header (delta-seconds or HTTP-date).</summary>
public static class RetryAfterParser
{
    /// <summary>
    /// Returns the delay requested by the server, clamped to [0, <paramref name="max"/>].
    /// </summary>
    public static bool TryParse(HttpResponseMessage response, TimeProvider timeProvider, TimeSpan max, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        RetryConditionHeaderValue? header = response.Headers.RetryAfter;
        if (header is null)
        {
            return false;
        }

        TimeSpan requested;
        if (header.Delta is { } delta)
        {
            requested = delta;
        }
        else if (header.Date is { } date)
        {
            requested = date.DateTime - DateTime.Now;
        }
        else
        {
            return false;
        }

        if (requested < TimeSpan.Zero)
        {
            requested = TimeSpan.Zero;
        }

        delay = requested > max ? max : requested;
        return true;
    }
}
