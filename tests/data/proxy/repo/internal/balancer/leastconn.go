package balancer

import (
	"net/http"
	"sync"
)

// LeastConn picks the backend with the fewest active requests relative to
// its weight (active/weight, compared by cross-multiplication).
type LeastConn struct {
	mu       sync.Mutex
	backends []*Backend
	active   map[*Backend]int
}

func NewLeastConn(backends []*Backend) *LeastConn {
	return &LeastConn{backends: backends, active: make(map[*Backend]int, len(backends))}
}

// Pick increments the active counter of the chosen backend. The caller
// must call Done when the request to that backend is over.
func (l *LeastConn) Pick(_ *http.Request) (*Backend, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var best *Backend
	for _, b := range l.backends {
		if !healthy(b) {
			continue
		}
		if best == nil || l.active[b]*weight(best) < l.active[best]*weight(b) {
			best = b
		}
	}
	if best == nil {
		return nil, ErrNoBackend
	}
	l.active[best]++
	return best, nil
}

// Done decrements the active counter.
func (l *LeastConn) Done(b *Backend) {
	l.mu.Lock()
	if l.active[b] > 0 {
		l.active[b]--
	}
	l.mu.Unlock()
}

// Active reports the counter, for the portcullis_backend_active_requests gauge.
func (l *LeastConn) Active(b *Backend) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.active[b]
}

func weight(b *Backend) int {
	if b.Weight <= 0 {
		return 1
	}
	return b.Weight
}
