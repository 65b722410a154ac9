package client

import (
	"net/http"
	"testing"
	"time"
)

func TestParseRetryAfterSeconds(t *testing.T) {
	now := time.Date(2025, 9, 4, 14, 31, 2, 0, time.UTC)
	cases := map[string]time.Duration{
		"":    0,
		"0":   0,
		"7":   7 * time.Second,
		" 30": 30 * time.Second,
		"-3":  0,
		"abc": 0,
	}
	for in, want := range cases {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestIsRetryable(t *testing.T) {
	if !isRetryable(http.MethodPost, http.StatusTooManyRequests) {
		t.Error("429 must be retried")
	}
	if isRetryable(http.MethodPost, http.StatusBadGateway) {
		t.Error("POST must not be retried on 5xx")
	}
	if !isRetryable(http.MethodGet, http.StatusServiceUnavailable) {
		t.Error("GET should be retried on 503")
	}
	if isRetryable(http.MethodPost, http.StatusConflict) {
		t.Error("409 is not retried")
	}
}
