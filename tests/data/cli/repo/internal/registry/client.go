// Package registry talks the OCI distribution protocol.
package registry

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/boxwright/boxwright/internal/config"
	"github.com/boxwright/boxwright/internal/log"
	"github.com/boxwright/boxwright/internal/version"
)

// Client is a registry client for one host.
type Client struct {
	Host    string
	http    *http.Client
	auth    *Authenticator
	retries int
	chunk   int64
}

// StatusError is returned for unexpected HTTP responses.
type StatusError struct {
	Code   int
	Status string
	URL    string
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("registry: unexpected status %s from %s", e.Status, e.URL)
}

func baseTransport(cfg *config.RegistryConfig) (*http.Transport, error) {
	tlsCfg, err := loadTLS(&cfg.TLS)
	if err != nil {
		return nil, err
	}
	return &http.Transport{
		Proxy:                 proxyFunc(&cfg.Proxy),
		DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSClientConfig:       tlsCfg,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: cfg.Timeout,
		MaxIdleConnsPerHost:   8,
	}, nil
}

// New returns a client for host using the registry section of the config.
func New(host string, cfg *config.RegistryConfig) (*Client, error) {
	tr, err := baseTransport(cfg)
	if err != nil {
		return nil, err
	}
	hc := &http.Client{Transport: &uaTransport{tr}}
	chunk, err := parseChunk(cfg.ChunkSize)
	if err != nil {
		return nil, err
	}
	c := &Client{Host: host, http: hc, retries: cfg.Retries, chunk: chunk}
	c.auth = newAuthenticator(host, hc)
	return c, nil
}

// newMirrorClient returns a client for a pull-through mirror.
func newMirrorClient(m config.Mirror, cfg *config.RegistryConfig) *Client {
	tr := &http.Transport{
		Proxy:               proxyFunc(&cfg.Proxy),
		TLSHandshakeTimeout: 10 * time.Second,
		MaxIdleConnsPerHost: 8,
	}
	if m.Insecure {
		tr.TLSClientConfig = insecureTLS()
	}
	hc := &http.Client{Transport: &uaTransport{tr}}
	return &Client{Host: m.Endpoint, http: hc, retries: cfg.Retries, auth: newAuthenticator(m.Endpoint, hc)}
}

type uaTransport struct{ next http.RoundTripper }

func (t *uaTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r.Header.Set("User-Agent", "boxwright/"+version.Version)
	return t.next.RoundTrip(r)
}

func (c *Client) do(ctx context.Context, req *http.Request) (*http.Response, error) {
	req = req.WithContext(ctx)
	if err := c.auth.authorize(ctx, req); err != nil {
		return nil, err
	}
	log.Debugf("%s %s", req.Method, req.URL)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusUnauthorized {
		c.auth.invalidate()
	}
	return resp, nil
}

func checkStatus(resp *http.Response, want ...int) error {
	for _, w := range want {
		if resp.StatusCode == w {
			return nil
		}
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 4096))
	resp.Body.Close()
	return &StatusError{Code: resp.StatusCode, Status: resp.Status, URL: resp.Request.URL.String()}
}
