package balancer

import (
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/cespare/xxhash/v2"
)

// DefaultReplicas is the number of ring points per backend.
const DefaultReplicas = 64

// Ring is a consistent-hash ring with virtual nodes.
type Ring struct {
	points  []uint64
	owners  map[uint64]*Backend
	hashKey string // "client_ip", "header:X-Name" or "cookie:name"
	hash    func(string) uint64
}

func NewRing(backends []*Backend, replicas int, hashKey string) *Ring {
	r := &Ring{owners: make(map[uint64]*Backend), hashKey: hashKey, hash: xxhash.Sum64String}
	for _, b := range backends {
		for i := 0; i < replicas; i++ {
			p := r.hash(b.Name + "#" + strconv.Itoa(i))
			r.points = append(r.points, p)
			r.owners[p] = b
		}
	}
	sort.Slice(r.points, func(i, j int) bool { return r.points[i] < r.points[j] })
	return r
}

func (r *Ring) key(req *http.Request) string {
	switch {
	case strings.HasPrefix(r.hashKey, "header:"):
		return req.Header.Get(strings.TrimPrefix(r.hashKey, "header:"))
	case strings.HasPrefix(r.hashKey, "cookie:"):
		if c, err := req.Cookie(strings.TrimPrefix(r.hashKey, "cookie:")); err == nil {
			return c.Value
		}
		return ""
	}
	host, _, err := net.SplitHostPort(req.RemoteAddr)
	if err != nil {
		return req.RemoteAddr
	}
	return host
}

// Pick returns the owner of the first ring point at or after the key's hash,
// skipping unhealthy backends.
func (r *Ring) Pick(req *http.Request) (*Backend, error) {
	if len(r.points) == 0 {
		return nil, ErrNoBackend
	}
	h := r.hash(r.key(req))
	idx := sort.Search(len(r.points), func(i int) bool { return r.points[i] >= h })
	for n := 0; n < len(r.points); n++ {
		b := r.owners[r.points[idx]]
		if healthy(b) {
			return b, nil
		}
		idx = (idx + 1) % len(r.points)
	}
	return nil, ErrNoBackend
}

func (r *Ring) Done(*Backend) {}
