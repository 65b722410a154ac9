// Package tlsutil selects server certificates (files or ACME).
package tlsutil

import (
	"crypto/tls"
	"crypto/x509"
	"strings"
	"sync"
)

// Store maps host names to certificates loaded from tls.certificates.
type Store struct {
	mu       sync.RWMutex
	byName   map[string]*tls.Certificate
	fallback *tls.Certificate
}

func NewStore(fallback *tls.Certificate) *Store {
	return &Store{byName: make(map[string]*tls.Certificate), fallback: fallback}
}

// Add registers cert for the given hosts and for the DNS names in its
// leaf certificate. Names are stored in lower case.
func (s *Store) Add(cert *tls.Certificate, hosts []string) error {
	leaf := cert.Leaf
	if leaf == nil {
		var err error
		if leaf, err = x509.ParseCertificate(cert.Certificate[0]); err != nil {
			return err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, h := range append(hosts, leaf.DNSNames...) {
		s.byName[strings.ToLower(h)] = cert
	}
	return nil
}

// GetCertificate is used as tls.Config.GetCertificate. It looks up the SNI
// name exactly, then as a wildcard (*.example.com), then falls back to the
// default certificate.
func (s *Store) GetCertificate(hello *tls.ClientHelloInfo) (*tls.Certificate, error) {
	name := hello.ServerName
	s.mu.RLock()
	defer s.mu.RUnlock()
	if c, ok := s.byName[name]; ok {
		return c, nil
	}
	if i := strings.IndexByte(name, '.'); i > 0 {
		if c, ok := s.byName["*"+name[i:]]; ok {
			return c, nil
		}
	}
	return s.fallback, nil
}
