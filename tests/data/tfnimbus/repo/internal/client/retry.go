package client

import (
	"math/rand"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// isRetryable decides whether a failed request is retried. 429 is always
// retried; 5xx only for idempotent methods. 409 zone_locked is NOT retried
// (see the discussion about whether a locked zone may have applied a change).
func isRetryable(method string, status int) bool {
	if status == http.StatusTooManyRequests {
		return true
	}
	if status >= 500 {
		switch method {
		case http.MethodGet, http.MethodPut, http.MethodDelete:
			return true
		}
	}
	return false
}

// parseRetryAfter returns how long to wait according to a Retry-After header.
// It returns 0 when the header is missing or cannot be parsed.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	secs, err := strconv.Atoi(v)
	if err != nil || secs < 0 {
		return 0
	}
	return time.Duration(secs) * time.Second
}

func backoff(attempt int) time.Duration {
	base := time.Duration(1<<uint(attempt-1)) * 500 * time.Millisecond
	if base > 16*time.Second {
		base = 16 * time.Second
	}
	return base + time.Duration(rand.Int63n(int64(250*time.Millisecond)))
}
