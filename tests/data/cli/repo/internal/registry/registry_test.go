package registry

import (
	"net/http"
	"testing"
)

func TestMatchNoProxy(t *testing.T) {
	cases := []struct {
		host, list string
		want       bool
	}{
		{"registry.corp.internal", ".corp.internal", true},
		{"corp.internal", "corp.internal", true},
		{"10.1.2.3:5000", "10.0.0.0/8", true},
		{"ghcr.io", "10.0.0.0/8,localhost", false},
		{"localhost:5000", "localhost", true},
	}
	for _, c := range cases {
		if got := matchNoProxy(c.host, c.list); got != c.want {
			t.Errorf("matchNoProxy(%q, %q) = %v", c.host, c.list, got)
		}
	}
}

func TestParseRange(t *testing.T) {
	end, err := parseRange("0-1048575")
	if err != nil || end != 1048575 {
		t.Fatalf("got %d, %v", end, err)
	}
}

func TestRetryAfterSeconds(t *testing.T) {
	resp := &http.Response{Header: http.Header{"Retry-After": {"7"}}}
	d, ok := retryAfter(resp)
	if !ok || d.Seconds() != 7 {
		t.Fatalf("got %v %v", d, ok)
	}
}

func TestBasicAuth(t *testing.T) {
	if got := basicAuth("ci", "s3cret"); got != "Y2k6czNjcmV0" {
		t.Fatalf("got %s", got)
	}
}
