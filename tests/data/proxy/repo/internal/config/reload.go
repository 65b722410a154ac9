package config

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	"github.com/relay-ops/portcullis/internal/health"
)

// Runtime is everything built from one Config. It is swapped atomically on
// reload (see #292).
type Runtime struct {
	Config   *Config
	Checkers []*health.Checker
	Handler  any // *proxy.Handler; kept untyped to avoid an import cycle
	cancel   context.CancelFunc
}

// Reloader owns the current Runtime.
type Reloader struct {
	path    string
	current atomic.Pointer[Runtime]
	build   func(ctx context.Context, c *Config) (*Runtime, error)
	log     *slog.Logger
}

func NewReloader(path string, build func(context.Context, *Config) (*Runtime, error), log *slog.Logger) *Reloader {
	return &Reloader{path: path, build: build, log: log}
}

func (r *Reloader) Current() *Runtime { return r.current.Load() }

// Watch reloads on SIGHUP until ctx is done.
func (r *Reloader) Watch(ctx context.Context) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGHUP)
	defer signal.Stop(ch)
	for {
		select {
		case <-ctx.Done():
			return
		case <-ch:
			if err := r.Reload(ctx); err != nil {
				r.log.Error("reload failed, keeping the old configuration", "err", err)
			}
		}
	}
}

// Reload loads the file and applies it.
func (r *Reloader) Reload(ctx context.Context) error {
	c, err := Load(r.path)
	if err != nil {
		return err
	}
	return r.applyConfig(ctx, c)
}

// applyConfig builds a new Runtime (balancers, health checkers, transport),
// starts its health checkers and swaps it in. Listeners are diffed by the
// caller after the swap.
func (r *Reloader) applyConfig(ctx context.Context, c *Config) error {
	rctx, cancel := context.WithCancel(ctx)
	rt, err := r.build(rctx, c)
	if err != nil {
		cancel()
		return err
	}
	rt.cancel = cancel
	for _, chk := range rt.Checkers {
		go chk.Run(rctx)
	}
	old := r.current.Swap(rt)
	if old != nil {
		r.log.Info("configuration reloaded", "backends", len(c.Backends))
	}
	return nil
}
