// Package proxy is the reverse-proxy handler.
package proxy

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httputil"
	"time"

	"github.com/relay-ops/portcullis/internal/balancer"
	"github.com/relay-ops/portcullis/internal/ratelimit"
)

// Handler proxies requests to the backend chosen by the balancer.
type Handler struct {
	Balancer      balancer.Balancer
	Transport     http.RoundTripper
	Limiter       *ratelimit.Limiter
	LimitKey      func(*http.Request) string
	FlushInterval time.Duration
	PreserveHost  bool
	Log           *slog.Logger
}

type ctxKey int

const backendKey ctxKey = 0

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.Limiter != nil {
		if ok, wait := h.Limiter.Allow(h.LimitKey(r)); !ok {
			writeTooMany(w, wait)
			return
		}
	}
	b, err := h.Balancer.Pick(r)
	if err != nil {
		http.Error(w, "no backend available", http.StatusServiceUnavailable)
		return
	}
	if isUpgrade(r) {
		h.serveUpgrade(w, r, b)
		h.Balancer.Done(b)
		return
	}
	failed := false
	rp := &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(b.URL)
			if h.PreserveHost {
				pr.Out.Host = pr.In.Host
			}
			setForwardedHeaders(pr.Out, pr.In)
		},
		Transport:     h.Transport,
		FlushInterval: h.FlushInterval,
		ModifyResponse: func(res *http.Response) error {
			if isGRPC(res) {
				copyTrailers(w, res)
			}
			return nil
		},
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			failed = true
			h.Log.Error("proxy error", "backend", b.URL.String(), "err", err)
			if errors.Is(err, context.Canceled) {
				w.WriteHeader(499)
				return
			}
			if isGRPCRequest(r) {
				writeGRPCUnavailable(w)
				return
			}
			w.WriteHeader(http.StatusBadGateway)
		},
	}
	ctx := context.WithValue(r.Context(), backendKey, b)
	rp.ServeHTTP(w, r.WithContext(ctx))
	if !failed {
		h.Balancer.Done(b)
	}
}

// BackendFrom returns the backend that served the request, for logging.
func BackendFrom(ctx context.Context) *balancer.Backend {
	b, _ := ctx.Value(backendKey).(*balancer.Backend)
	return b
}
