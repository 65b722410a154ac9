package balancer

import (
	"net/http/httptest"
	"testing"
)

func backends(weights ...int) []*Backend {
	var bs []*Backend
	for i, w := range weights {
		bs = append(bs, &Backend{Name: string(rune('a' + i)), Weight: w})
	}
	return bs
}

func TestWeightedSmooth(t *testing.T) {
	w, err := NewWeighted(backends(5, 1, 1))
	if err != nil {
		t.Fatal(err)
	}
	got := ""
	for i := 0; i < 7; i++ {
		b, _ := w.Pick(nil)
		got += b.Name
	}
	if got != "aabacaa" {
		t.Fatalf("sequence = %q", got)
	}
}

func TestWeightedGCD(t *testing.T) {
	w, _ := NewWeighted(backends(100, 200))
	if w.total != 3 {
		t.Fatalf("total = %d, want 3", w.total)
	}
}

func TestLeastConnPrefersIdle(t *testing.T) {
	bs := backends(1, 1)
	l := NewLeastConn(bs)
	b1, _ := l.Pick(nil)
	b2, _ := l.Pick(nil)
	if b1 == b2 {
		t.Fatal("expected different backends")
	}
	l.Done(b1)
	if b, _ := l.Pick(nil); b != b1 {
		t.Fatalf("got %s, want %s", b.Name, b1.Name)
	}
}

func TestRingStable(t *testing.T) {
	r := NewRing(backends(1, 1, 1), DefaultReplicas, "header:X-Key")
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("X-Key", "user-42")
	first, _ := r.Pick(req)
	for i := 0; i < 10; i++ {
		if b, _ := r.Pick(req); b != first {
			t.Fatal("ring is not stable")
		}
	}
}
