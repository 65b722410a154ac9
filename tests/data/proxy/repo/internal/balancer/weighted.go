package balancer

import (
	"net/http"
	"sync"
)

// Weighted implements smooth weighted round robin (as in nginx).
// Weights are divided by their greatest common divisor first so that
// 100/200/300 cycles as quickly as 1/2/3.
type Weighted struct {
	mu       sync.Mutex
	backends []*Backend
	weights  []int
	current  []int
	total    int
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func gcdAll(backends []*Backend) int {
	g := 0
	for _, b := range backends {
		g = gcd(g, b.Weight)
	}
	return g
}

// NewWeighted builds the picker. A weight of 0 drains a backend.
func NewWeighted(backends []*Backend) (*Weighted, error) {
	if len(backends) == 0 {
		return nil, ErrNoBackend
	}
	g := gcdAll(backends)
	w := &Weighted{backends: backends, weights: make([]int, len(backends)), current: make([]int, len(backends))}
	for i, b := range backends {
		w.weights[i] = b.Weight / g
		w.total += w.weights[i]
	}
	return w, nil
}

func (w *Weighted) Pick(_ *http.Request) (*Backend, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	best := -1
	total := 0
	for i, b := range w.backends {
		if w.weights[i] == 0 || !healthy(b) {
			continue
		}
		w.current[i] += w.weights[i]
		total += w.weights[i]
		if best < 0 || w.current[i] > w.current[best] {
			best = i
		}
	}
	if best < 0 {
		return nil, ErrNoBackend
	}
	w.current[best] -= total
	return w.backends[best], nil
}

func (w *Weighted) Done(*Backend) {}
