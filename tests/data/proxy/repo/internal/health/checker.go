// Package health runs active health checks against backends.
package health

import (
	"context"
	"net/http"
	"net/url"
	"sync/atomic"
	"time"
)

// Checker probes one backend.
type Checker struct {
	Target             *url.URL
	Path               string
	Host               string
	Interval           time.Duration
	Timeout            time.Duration
	ExpectedStatus     []int
	HealthyThreshold   int
	UnhealthyThreshold int
	Client             *http.Client

	up        atomic.Bool
	successes int
	failures  int
}

func (c *Checker) Healthy() bool { return c.up.Load() }

// Run probes until ctx is cancelled.
func (c *Checker) Run(ctx context.Context) {
	c.up.Store(true)
	t := time.NewTicker(c.Interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			c.record(c.probe(ctx))
		}
	}
}

func (c *Checker) probe(ctx context.Context) bool {
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	u := *c.Target
	u.Path = c.Path
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return false
	}
	req.Header.Set("User-Agent", "portcullis-health/1")
	res, err := c.Client.Do(req)
	if err != nil {
		return false
	}
	res.Body.Close()
	return c.statusOK(res.StatusCode)
}

func (c *Checker) statusOK(code int) bool {
	if len(c.ExpectedStatus) == 0 {
		return code >= 200 && code < 400
	}
	for _, s := range c.ExpectedStatus {
		if s == code {
			return true
		}
	}
	return false
}

func (c *Checker) record(ok bool) {
	if ok {
		c.failures = 0
		c.successes++
		if c.successes >= max(c.HealthyThreshold, 1) {
			c.up.Store(true)
		}
		return
	}
	c.successes = 0
	c.failures++
	if c.failures >= max(c.UnhealthyThreshold, 1) {
		c.up.Store(false)
	}
}
