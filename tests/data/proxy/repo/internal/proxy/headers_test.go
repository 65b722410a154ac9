package proxy

import (
	"net/http/httptest"
	"testing"
)

func TestForwardedForIPv4(t *testing.T) {
	in := httptest.NewRequest("GET", "http://example.com/", nil)
	in.RemoteAddr = "203.0.113.9:53122"
	out := in.Clone(in.Context())
	setForwardedHeaders(out, in)
	if got := out.Header.Get("X-Forwarded-For"); got != "203.0.113.9" {
		t.Fatalf("X-Forwarded-For = %q", got)
	}
	if got := out.Header.Get("X-Forwarded-Proto"); got != "http" {
		t.Fatalf("X-Forwarded-Proto = %q", got)
	}
}

func TestForwardedForAppends(t *testing.T) {
	in := httptest.NewRequest("GET", "http://example.com/", nil)
	in.RemoteAddr = "10.0.0.1:4000"
	in.Header.Set("X-Forwarded-For", "198.51.100.7")
	out := in.Clone(in.Context())
	setForwardedHeaders(out, in)
	if got := out.Header.Get("X-Forwarded-For"); got != "198.51.100.7, 10.0.0.1" {
		t.Fatalf("X-Forwarded-For = %q", got)
	}
}
