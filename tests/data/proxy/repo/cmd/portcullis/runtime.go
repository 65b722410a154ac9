package main

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"os"

	"github.com/relay-ops/portcullis/internal/balancer"
	"github.com/relay-ops/portcullis/internal/config"
	"github.com/relay-ops/portcullis/internal/health"
	"github.com/relay-ops/portcullis/internal/metrics"
	"github.com/relay-ops/portcullis/internal/proxy"
	"github.com/relay-ops/portcullis/internal/ratelimit"
)

// buildRuntime turns a Config into balancers, checkers and the handler.
func buildRuntime(ctx context.Context, c *config.Config) (*config.Runtime, error) {
	rt := &config.Runtime{Config: c}
	var backends []*balancer.Backend
	for _, bc := range c.Backends {
		u, err := url.Parse(bc.URL)
		if err != nil {
			return nil, err
		}
		chk := &health.Checker{
			Target: u, Path: c.Health.Path, Host: c.Health.Host,
			Interval: c.Health.Interval, Timeout: c.Health.Timeout,
			ExpectedStatus:     c.Health.ExpectedStatus,
			HealthyThreshold:   c.Health.HealthyThreshold,
			UnhealthyThreshold: c.Health.UnhealthyThreshold,
			Client:             &http.Client{},
		}
		b := &balancer.Backend{Name: u.Host, URL: u, Weight: bc.Weight}
		if c.Health.Path != "" {
			b.Healthy = chk.Healthy
			rt.Checkers = append(rt.Checkers, chk)
		}
		backends = append(backends, b)
	}
	bal, err := balancer.New(c.Balancer, backends, c.HashKey)
	if err != nil {
		return nil, err
	}
	h := &proxy.Handler{Balancer: bal, Transport: http.DefaultTransport, Log: slog.New(slog.NewJSONHandler(os.Stderr, nil))}
	if rl := c.RateLimit; rl != nil {
		h.Limiter = ratelimit.New(rl.Rate, rl.Per, rl.Burst)
		h.LimitKey = func(r *http.Request) string { return r.RemoteAddr }
	}
	rt.Handler = metrics.Instrument(func(r *http.Request) string {
		if b := proxy.BackendFrom(r.Context()); b != nil {
			return b.Name
		}
		return ""
	}, h)
	return rt, nil
}
