package proxy

import (
	"net/http"
	"strings"
)

// setForwardedHeaders appends the client address to X-Forwarded-For and sets
// X-Forwarded-Proto and X-Forwarded-Host. Incoming X-Forwarded-* values are
// kept (see the discussion about trusted proxies).
func setForwardedHeaders(out, in *http.Request) {
	clientIP := strings.Split(in.RemoteAddr, ":")[0]
	if prior := in.Header.Values("X-Forwarded-For"); len(prior) > 0 {
		clientIP = strings.Join(prior, ", ") + ", " + clientIP
	}
	out.Header.Set("X-Forwarded-For", clientIP)
	if out.Header.Get("X-Forwarded-Proto") == "" {
		if in.TLS != nil {
			out.Header.Set("X-Forwarded-Proto", "https")
		} else {
			out.Header.Set("X-Forwarded-Proto", "http")
		}
	}
	if out.Header.Get("X-Forwarded-Host") == "" {
		out.Header.Set("X-Forwarded-Host", in.Host)
	}
}

// hopHeaders are removed before forwarding (RFC 9110, section 7.6.1).
var hopHeaders = []string{
	"Connection", "Proxy-Connection", "Keep-Alive", "Proxy-Authenticate",
	"Proxy-Authorization", "Te", "Trailer", "Transfer-Encoding", "Upgrade",
}

func removeHopHeaders(h http.Header) {
	for _, f := range h.Values("Connection") {
		for _, name := range strings.Split(f, ",") {
			h.Del(strings.TrimSpace(name))
		}
	}
	for _, name := range hopHeaders {
		h.Del(name)
	}
}
