package client

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Limiter throttles outgoing requests.
type Limiter interface {
	Wait(ctx context.Context) error
}

// tokenBucket hands out up to rps tokens per second.
type tokenBucket struct {
	tokens chan struct{}
}

// newLimiter builds the client-side limiter for the provider's rate_limit
// attribute (requests per second). The docs say that 0 disables client-side
// limiting; negative values fall back to the default of 10.
func newLimiter(rps int) Limiter {
	if rps < 0 {
		rps = 10
	}
	b := &tokenBucket{tokens: make(chan struct{}, rps+1)}
	for i := 0; i < rps; i++ {
		b.tokens <- struct{}{}
	}
	go b.refill(rps)
	return b
}

func (b *tokenBucket) refill(rps int) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for range t.C {
		for i := 0; i < rps; i++ {
			select {
			case b.tokens <- struct{}{}:
			default:
			}
		}
	}
}

func (b *tokenBucket) Wait(ctx context.Context) error {
	select {
	case <-b.tokens:
		return nil
	default:
	}
	tflog.Debug(ctx, "nimbus: waiting for rate limiter")
	select {
	case <-b.tokens:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
