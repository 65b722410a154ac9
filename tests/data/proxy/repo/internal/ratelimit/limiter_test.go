package ratelimit

import (
	"testing"
	"time"
)

func TestBurstThenReject(t *testing.T) {
	now := time.Unix(1700000000, 0)
	l := New(5, time.Second, 5)
	l.now = func() time.Time { return now }
	for i := 0; i < 5; i++ {
		if ok, _ := l.Allow("k"); !ok {
			t.Fatalf("request %d rejected", i)
		}
	}
	ok, wait := l.Allow("k")
	if ok {
		t.Fatal("6th request allowed")
	}
	if wait != 200*time.Millisecond {
		t.Fatalf("wait = %v", wait)
	}
}

func TestSweep(t *testing.T) {
	now := time.Unix(1700000000, 0)
	l := New(1, time.Second, 1)
	l.now = func() time.Time { return now }
	l.Allow("a")
	now = now.Add(2 * time.Minute)
	l.Sweep(time.Minute)
	if l.Len() != 0 {
		t.Fatalf("len = %d", l.Len())
	}
}
