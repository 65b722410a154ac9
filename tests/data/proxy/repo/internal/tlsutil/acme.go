package tlsutil

import (
	"context"
	"crypto/tls"
	"log/slog"
	"time"

	"golang.org/x/crypto/acme"
	"golang.org/x/crypto/acme/autocert"
)

// ACMEManager wraps autocert and renews in the background so that renewal
// failures are logged instead of only surfacing on a handshake.
type ACMEManager struct {
	m   *autocert.Manager
	log *slog.Logger
}

func NewACME(email, cacheDir, directoryURL string, domains []string, log *slog.Logger) *ACMEManager {
	m := &autocert.Manager{
		Prompt:     autocert.AcceptTOS,
		Email:      email,
		Cache:      autocert.DirCache(cacheDir),
		HostPolicy: autocert.HostWhitelist(domains...),
	}
	if directoryURL != "" {
		m.Client = &acme.Client{DirectoryURL: directoryURL}
	}
	return &ACMEManager{m: m, log: log}
}

func (a *ACMEManager) TLSConfig() *tls.Config { return a.m.TLSConfig() }

// RenewLoop touches every domain once a day; autocert renews 30 days before
// expiry.
func (a *ACMEManager) RenewLoop(ctx context.Context, domains []string) {
	t := time.NewTicker(24 * time.Hour)
	defer t.Stop()
	for {
		for _, d := range domains {
			if _, err := a.m.GetCertificate(&tls.ClientHelloInfo{ServerName: d}); err != nil {
				a.log.Error("acme: obtain certificate", "domain", d, "err", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
