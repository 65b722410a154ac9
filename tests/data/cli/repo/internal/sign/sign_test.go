package sign

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"strings"
	"testing"
)

func TestSignatureTag(t *testing.T) {
	got := SignatureTag("sha256:abc123")
	if got != "sha256-abc123.sig" {
		t.Fatalf("got %s", got)
	}
}

func TestSignIndexDigest(t *testing.T) {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	_, payload, err := Sign(context.Background(), k, Target{Repository: "ghcr.io/acme/app", Digest: "sha256:1111", IsIndex: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(payload), "sha256:1111") {
		t.Fatalf("payload %s", payload)
	}
}

func TestUnsupportedScheme(t *testing.T) {
	_, err := LoadPrivateKey("hashivault://transit/keys/release")
	if err == nil || !strings.Contains(err.Error(), "unsupported key reference scheme") {
		t.Fatalf("got %v", err)
	}
}

func TestEncryptedKeyNeedsPassphrase(t *testing.T) {
	t.Setenv("BOXWRIGHT_SIGN_PASSWORD", "")
	t.Setenv("COSIGN_PASSWORD", "")
	pemKey := "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n"
	_, err := parsePEM([]byte(pemKey), "cosign.key")
	if err != ErrNoPassphrase {
		t.Fatalf("got %v", err)
	}
}
