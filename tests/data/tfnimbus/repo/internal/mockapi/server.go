// Package mockapi is an in-memory fake of the Nimbus API used by unit tests.
// It implements zones, records (with next_cursor pagination), origins and
// certificates; it does not implement plans, SSO or managed rulesets.
package mockapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
)

type Server struct {
	*httptest.Server
	mu       sync.Mutex
	zones    map[string]map[string]interface{}
	records  map[string][]map[string]interface{}
	PageSize int
	// RateLimitAfter makes the server answer 429 after that many requests.
	RateLimitAfter int
	RetryAfter     string
	requests       int
}

func New() *Server {
	s := &Server{zones: map[string]map[string]interface{}{}, records: map[string][]map[string]interface{}{}, PageSize: 100}
	s.Server = httptest.NewServer(http.HandlerFunc(s.handle))
	return s
}

func (s *Server) AddZone(id, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.zones[id] = map[string]interface{}{"id": id, "name": name, "name_servers": []string{"ns1.nimbus.example", "ns2.nimbus.example"}}
}

func (s *Server) AddRecords(zoneID string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := 0; i < n; i++ {
		s.records[zoneID] = append(s.records[zoneID], map[string]interface{}{
			"id": fmt.Sprintf("r-%d", i), "zone_id": zoneID, "name": fmt.Sprintf("host%d", i), "type": "A", "value": "192.0.2.1", "ttl": 3600,
		})
	}
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests++
	if s.RateLimitAfter > 0 && s.requests > s.RateLimitAfter {
		if s.RetryAfter != "" {
			w.Header().Set("Retry-After", s.RetryAfter)
		}
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprint(w, `{"code":"rate_limited","message":"rate limit exceeded"}`)
		return
	}
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	switch {
	case len(parts) == 2 && parts[1] == "zones":
		var list []map[string]interface{}
		for _, z := range s.zones {
			list = append(list, z)
		}
		json.NewEncoder(w).Encode(map[string]interface{}{"zones": list})
	case len(parts) == 4 && parts[3] == "records":
		all := s.records[parts[2]]
		start, _ := strconv.Atoi(r.URL.Query().Get("cursor"))
		end := start + s.PageSize
		next := ""
		if end < len(all) {
			next = strconv.Itoa(end)
		} else {
			end = len(all)
		}
		json.NewEncoder(w).Encode(map[string]interface{}{"records": all[start:end], "next_cursor": next})
	default:
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"code":"not_found","message":"not found"}`)
	}
}
