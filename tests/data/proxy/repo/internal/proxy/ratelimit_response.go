package proxy

import (
	"net/http"
	"strconv"
	"time"

	"github.com/relay-ops/portcullis/internal/ratelimit"
)

func writeTooMany(w http.ResponseWriter, wait time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(ratelimit.RetryAfter(wait)))
	http.Error(w, "too many requests", http.StatusTooManyRequests)
}
