package balancer

import (
	"net/http"
	"sync/atomic"
)

// RoundRobin cycles through healthy backends.
type RoundRobin struct {
	backends []*Backend
	next     atomic.Uint64
}

func NewRoundRobin(backends []*Backend) *RoundRobin {
	return &RoundRobin{backends: backends}
}

func (rr *RoundRobin) Pick(_ *http.Request) (*Backend, error) {
	n := len(rr.backends)
	for i := 0; i < n; i++ {
		b := rr.backends[int(rr.next.Add(1)-1)%n]
		if healthy(b) {
			return b, nil
		}
	}
	return nil, ErrNoBackend
}

func (rr *RoundRobin) Done(*Backend) {}
