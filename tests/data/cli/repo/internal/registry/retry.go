package registry

import (
	"context"
	"math/rand"
	"net/http"
	"strconv"
	"time"

	"github.com/boxwright/boxwright/internal/log"
)

// maxBackoff caps the wait between attempts.
const maxBackoff = 60 * time.Second

// retryAfter returns how long the server asked us to wait, if at all.
func retryAfter(resp *http.Response) (time.Duration, bool) {
	v := resp.Header.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	secs, err := strconv.Atoi(v)
	if err != nil {
		return 0, false
	}
	return time.Duration(secs) * time.Second, true
}

func backoff(attempt int) time.Duration {
	d := time.Duration(1<<attempt) * 500 * time.Millisecond
	d += time.Duration(rand.Int63n(int64(250 * time.Millisecond)))
	if d > maxBackoff {
		d = maxBackoff
	}
	return d
}

// doRetry sends req until it gets a non-retryable answer.
func (c *Client) doRetry(ctx context.Context, req *http.Request) (*http.Response, error) {
	for attempt := 0; ; attempt++ {
		resp, err := c.do(ctx, req)
		if err == nil && resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode < 500 {
			return resp, nil
		}
		if attempt+1 >= c.retries {
			if err != nil {
				return nil, err
			}
			return resp, nil
		}
		wait := backoff(attempt)
		if err == nil {
			if d, ok := retryAfter(resp); ok {
				wait = d
			}
			resp.Body.Close()
		}
		log.Debugf("registry: attempt %d failed, waiting %s", attempt+1, wait)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
	}
}
