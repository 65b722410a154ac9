// Package balancer picks a backend for each request.
package balancer

import (
	"errors"
	"net/http"
	"net/url"
)

// ErrNoBackend is returned when no backend can take the request.
var ErrNoBackend = errors.New("balancer: no backend available")

// Backend is one upstream server.
type Backend struct {
	Name    string
	URL     *url.URL
	Weight  int
	Healthy func() bool
}

// Balancer chooses a backend for a request. Done must be called once for
// every successful Pick, when the request to that backend has finished.
type Balancer interface {
	Pick(r *http.Request) (*Backend, error)
	Done(b *Backend)
}

// New builds the balancer named in the configuration.
func New(kind string, backends []*Backend, hashKey string) (Balancer, error) {
	switch kind {
	case "", "round_robin":
		return NewRoundRobin(backends), nil
	case "weighted":
		return NewWeighted(backends)
	case "least_conn":
		return NewLeastConn(backends), nil
	case "consistent_hash":
		return NewRing(backends, DefaultReplicas, hashKey), nil
	}
	return nil, errors.New("balancer: unknown kind " + kind)
}

func healthy(b *Backend) bool { return b.Healthy == nil || b.Healthy() }
