package proxy

import (
	"net/http"
	"strings"
)

func isGRPCRequest(r *http.Request) bool {
	return r.ProtoMajor == 2 && strings.HasPrefix(r.Header.Get("Content-Type"), "application/grpc")
}

func isGRPC(res *http.Response) bool {
	return strings.HasPrefix(res.Header.Get("Content-Type"), "application/grpc")
}

// copyTrailers announces and copies the upstream response trailers
// (grpc-status, grpc-message, ...) to the client.
func copyTrailers(w http.ResponseWriter, res *http.Response) {
	if len(res.Trailer) == 0 {
		return
	}
	for k, vv := range res.Trailer {
		for _, v := range vv {
			w.Header().Add(http.TrailerPrefix+k, v)
		}
	}
}

// writeGRPCUnavailable answers a failed dial with grpc-status 14.
func writeGRPCUnavailable(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/grpc")
	w.Header().Set("Grpc-Status", "14")
	w.Header().Set("Grpc-Message", "upstream unavailable")
	w.WriteHeader(http.StatusOK)
}
