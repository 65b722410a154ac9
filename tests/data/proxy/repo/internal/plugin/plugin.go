// Package plugin is the compiled-in middleware API.
package plugin

import (
	"fmt"
	"net/http"
	"sort"
	"sync"
)

// Middleware wraps a handler.
type Middleware func(http.Handler) http.Handler

// Factory builds a middleware from its per-route options.
type Factory func(options map[string]any) (Middleware, error)

var (
	mu        sync.RWMutex
	factories = map[string]Factory{}
)

// Register makes a middleware available to the `middleware:` list of a
// route. It is meant to be called from init functions.
func Register(name string, f Factory) {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := factories[name]; dup {
		panic("plugin: Register called twice for " + name)
	}
	factories[name] = f
}

// Chain builds the middleware chain for a route, first name outermost.
func Chain(names []string, options map[string]map[string]any, h http.Handler) (http.Handler, error) {
	mu.RLock()
	defer mu.RUnlock()
	for i := len(names) - 1; i >= 0; i-- {
		f, ok := factories[names[i]]
		if !ok {
			return nil, fmt.Errorf("plugin: unknown middleware %q (registered: %v)", names[i], Names())
		}
		m, err := f(options[names[i]])
		if err != nil {
			return nil, fmt.Errorf("plugin: %s: %w", names[i], err)
		}
		h = m(h)
	}
	return h, nil
}

// Names lists registered middleware; callers must hold mu.
func Names() []string {
	out := make([]string, 0, len(factories))
	for n := range factories {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
