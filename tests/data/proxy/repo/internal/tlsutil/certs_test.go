package tlsutil

import (
	"crypto/tls"
	"testing"
)

func TestFallback(t *testing.T) {
	def := &tls.Certificate{}
	s := NewStore(def)
	got, err := s.GetCertificate(&tls.ClientHelloInfo{ServerName: "unknown.example"})
	if err != nil || got != def {
		t.Fatalf("got %v, %v", got, err)
	}
}

func TestExactAndWildcard(t *testing.T) {
	a, w := &tls.Certificate{}, &tls.Certificate{}
	s := NewStore(nil)
	s.byName["shop.example.com"] = a
	s.byName["*.example.net"] = w
	if got, _ := s.GetCertificate(&tls.ClientHelloInfo{ServerName: "shop.example.com"}); got != a {
		t.Fatal("exact match failed")
	}
	if got, _ := s.GetCertificate(&tls.ClientHelloInfo{ServerName: "api.example.net"}); got != w {
		t.Fatal("wildcard match failed")
	}
}
