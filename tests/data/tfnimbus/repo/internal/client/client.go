// Package client is a small HTTP client for the Nimbus DNS and CDN API.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

const (
	DefaultEndpoint = "https://api.nimbus.example"
	tokenHeader     = "X-Nimbus-Token"
	maxAttempts     = 5
)

// Client talks to the Nimbus API. It is safe for concurrent use.
type Client struct {
	endpoint  string
	token     string
	userAgent string
	http      *http.Client
	limiter   Limiter
	sleep     func(time.Duration)
}

// Config holds what the provider block resolves to.
type Config struct {
	Endpoint  string
	Token     string
	UserAgent string
	RateLimit int // requests per second, 0 means no client-side limit
}

func New(cfg Config) *Client {
	endpoint := cfg.Endpoint
	if endpoint == "" {
		endpoint = DefaultEndpoint
	}
	return &Client{
		endpoint:  endpoint,
		token:     cfg.Token,
		userAgent: cfg.UserAgent,
		http: &http.Client{
			Timeout:   60 * time.Second,
			Transport: &http.Transport{Proxy: http.ProxyFromEnvironment, MaxIdleConnsPerHost: 4},
		},
		limiter: newLimiter(cfg.RateLimit),
		sleep:   time.Sleep,
	}
}

// do sends one API request, retrying on 429 and 5xx as described in retry.go,
// and decodes a JSON response body into out (if out is not nil).
func (c *Client) do(ctx context.Context, method, path string, in, out interface{}) error {
	var payload []byte
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		payload = b
	}

	for attempt := 1; ; attempt++ {
		if err := c.limiter.Wait(ctx); err != nil {
			return err
		}
		req, err := http.NewRequestWithContext(ctx, method, c.endpoint+path, bytes.NewReader(payload))
		if err != nil {
			return err
		}
		req.Header.Set(tokenHeader, c.token)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("User-Agent", c.userAgent)

		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		logRequest(ctx, req, resp)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()

		if resp.StatusCode < 300 {
			if out != nil && len(body) > 0 {
				return json.Unmarshal(body, out)
			}
			return nil
		}

		apiErr := decodeAPIError(resp, body)
		if attempt >= maxAttempts || !isRetryable(method, resp.StatusCode) {
			return apiErr
		}
		wait := backoff(attempt)
		if h := resp.Header.Get("Retry-After"); h != "" {
			wait = parseRetryAfter(h, time.Now())
		}
		debugf(ctx, "nimbus: retrying in %s (attempt %d/%d)", wait, attempt+1, maxAttempts)
		c.sleep(wait)
	}
}

func (c *Client) String() string {
	return fmt.Sprintf("nimbus client for %s", c.endpoint)
}
