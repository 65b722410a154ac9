// Command portcullis is a reverse proxy and load balancer.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"github.com/relay-ops/portcullis/internal/config"
	"github.com/relay-ops/portcullis/internal/metrics"
	"github.com/relay-ops/portcullis/internal/service"
)

var version = "dev"

func main() {
	configPath := flag.String("config", "/etc/portcullis/portcullis.yaml", "configuration file")
	listen := flag.String("listen", "", "override the listen address")
	flag.Parse()

	if flag.Arg(0) == "version" {
		fmt.Println("portcullis", version)
		return
	}

	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	cfg, err := config.Load(*configPath)
	if err != nil {
		log.Error("load config", "err", err)
		os.Exit(1)
	}
	if *listen != "" {
		cfg.Listen = *listen
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	r := config.NewReloader(*configPath, buildRuntime, log)
	if err := r.Reload(ctx); err != nil {
		log.Error("build runtime", "err", err)
		os.Exit(1)
	}
	go r.Watch(ctx)

	if cfg.Metrics.Enabled {
		go func() {
			if err := metrics.Serve(cfg.Metrics.Listen); err != nil {
				log.Error("metrics listener", "addr", cfg.Metrics.Listen, "err", err)
			}
		}()
	}

	srv := &http.Server{Addr: cfg.Listen, Handler: http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.Current().Handler.(http.Handler).ServeHTTP(w, req)
	})}
	go func() {
		<-ctx.Done()
		service.Notify("STOPPING=1")
		shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
		defer cancel()
		srv.Shutdown(shutdownCtx)
	}()
	service.Notify("READY=1")
	if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		log.Error("listen", "addr", cfg.Listen, "err", err)
		os.Exit(1)
	}
}
