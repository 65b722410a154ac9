// Package metrics exposes Prometheus metrics on a separate listener.
package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

var (
	requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "portcullis_backend_requests_total",
		Help: "Requests proxied to a backend, by status code.",
	}, []string{"backend", "code"})
	duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "portcullis_backend_request_duration_seconds",
		Help: "Time until the response was complete.",
	}, []string{"backend"})
	Up = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "portcullis_backend_up",
		Help: "1 if the backend passes health checks.",
	}, []string{"backend"})
	Active = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "portcullis_backend_active_requests",
		Help: "In-flight requests per backend (least_conn bookkeeping).",
	}, []string{"backend"})
)

func init() { prometheus.MustRegister(requests, duration, Up, Active) }

// statusRecorder remembers the status code written by the handler.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	return s.ResponseWriter.Write(b)
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// Instrument wraps next and records one observation per request.
func Instrument(backendName func(*http.Request) string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w}
		start := time.Now()
		next.ServeHTTP(rec, r)
		name := backendName(r)
		requests.WithLabelValues(name, strconv.Itoa(rec.status)).Inc()
		duration.WithLabelValues(name).Observe(time.Since(start).Seconds())
	})
}

// Serve starts the metrics listener (default 127.0.0.1:9180).
func Serve(addr string) error {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.Handler())
	return http.ListenAndServe(addr, mux)
}
