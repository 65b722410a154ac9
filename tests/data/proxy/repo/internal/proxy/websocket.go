package proxy

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"

	"github.com/relay-ops/portcullis/internal/balancer"
)

// isUpgrade reports whether r asks for a protocol upgrade (WebSocket).
func isUpgrade(r *http.Request) bool {
	return strings.ToLower(r.Header.Get("Connection")) == "upgrade" && r.Header.Get("Upgrade") != ""
}

// serveUpgrade dials the backend, forwards the upgrade request and copies
// bytes in both directions until one side closes.
func (h *Handler) serveUpgrade(w http.ResponseWriter, r *http.Request, b *balancer.Backend) {
	backendConn, err := net.Dial("tcp", b.URL.Host)
	if err != nil {
		h.Log.Error("proxy error", "backend", b.URL.String(), "err", err)
		http.Error(w, "bad gateway", http.StatusBadGateway)
		return
	}
	defer backendConn.Close()
	out := r.Clone(r.Context())
	out.URL.Scheme, out.URL.Host = b.URL.Scheme, b.URL.Host
	setForwardedHeaders(out, r)
	if err := out.Write(backendConn); err != nil {
		http.Error(w, "bad gateway", http.StatusBadGateway)
		return
	}
	hj, ok := w.(http.Hijacker)
	if !ok {
		http.Error(w, "upgrade not supported", http.StatusInternalServerError)
		return
	}
	clientConn, brw, err := hj.Hijack()
	if err != nil {
		return
	}
	defer clientConn.Close()
	errc := make(chan error, 2)
	go pipe(backendConn, brw.Reader, errc)
	go pipe(clientConn, bufio.NewReader(backendConn), errc)
	<-errc
}

func pipe(dst io.Writer, src io.Reader, errc chan<- error) {
	_, err := io.Copy(dst, src)
	errc <- err
}
