using System.Net;
using System.Net.Http.Headers;
using Ferrule.Http;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Ferrule.Tests;

public class RetryAfterParserTests
{
    [Fact]
    public void Delta_seconds_are_used()
    {
        var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(5));

        Assert.True(RetryAfterParser.TryParse(response, new FakeTimeProvider(), TimeSpan.FromSeconds(60), out var delay));
        Assert.Equal(TimeSpan.FromSeconds(5), delay);
    }

    [Fact]
    public void Delay_is_capped()
    {
        var response = new HttpResponseMessage((HttpStatusCode)429);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(10));

        Assert.True(RetryAfterParser.TryParse(response, new FakeTimeProvider(), TimeSpan.FromSeconds(60), out var delay));
        Assert.Equal(TimeSpan.FromSeconds(60), delay);
    }

    [Fact]
    public void Missing_header_returns_false()
    {
        var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.False(RetryAfterParser.TryParse(response, new FakeTimeProvider(), TimeSpan.FromSeconds(60), out _));
    }
}
