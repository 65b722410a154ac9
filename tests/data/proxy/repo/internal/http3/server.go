// Package http3 runs the QUIC listener next to the TCP one.
package http3

import (
	"crypto/tls"
	"net/http"
	"strconv"

	"github.com/quic-go/quic-go"
	"github.com/quic-go/quic-go/http3"
)

// Server serves HTTP/3 on the UDP port of addr.
type Server struct {
	srv *http3.Server
}

func New(addr string, tlsConf *tls.Config, h http.Handler, enable0RTT bool) *Server {
	return &Server{srv: &http3.Server{
		Addr:       addr,
		Handler:    h,
		TLSConfig:  http3.ConfigureTLSConfig(tlsConf),
		QUICConfig: &quic.Config{Allow0RTT: enable0RTT},
	}}
}

func (s *Server) ListenAndServe() error { return s.srv.ListenAndServe() }
func (s *Server) Close() error          { return s.srv.Close() }

// AltSvc adds the Alt-Svc header advertising h3 on port.
func AltSvc(port int, next http.Handler) http.Handler {
	v := `h3=":` + strconv.Itoa(port) + `"; ma=86400`
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ProtoMajor < 3 {
			w.Header().Set("Alt-Svc", v)
		}
		next.ServeHTTP(w, r)
	})
}
