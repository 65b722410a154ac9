// Package sign creates and verifies image signatures.
package sign

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
)

// ErrNoSignatures is returned by Verify when the registry has no
// signature for the digest.
var ErrNoSignatures = errors.New("sign: no signatures found")

// Payload is the simple-signing payload.
type Payload struct {
	Critical struct {
		Identity struct {
			DockerReference string `json:"docker-reference"`
		} `json:"identity"`
		Image struct {
			DockerManifestDigest string `json:"docker-manifest-digest"`
		} `json:"image"`
		Type string `json:"type"`
	} `json:"critical"`
	Optional map[string]string `json:"optional,omitempty"`
}

// Target is what gets signed: for a multi-platform push this is the index
// digest, not the per-platform manifests.
type Target struct {
	Repository string
	Digest     string
	IsIndex    bool
}

// SignatureTag returns the tag a signature is stored under.
func SignatureTag(digest string) string {
	algo, hex, _ := cut(digest, ':')
	return algo + "-" + hex + ".sig"
}

// Sign signs t with key and returns the base64 signature and payload.
func Sign(ctx context.Context, key crypto.Signer, t Target, annotations map[string]string) (sig string, payload []byte, err error) {
	var p Payload
	p.Critical.Identity.DockerReference = t.Repository
	p.Critical.Image.DockerManifestDigest = t.Digest
	p.Critical.Type = "boxwright container image signature"
	p.Optional = annotations
	payload, err = json.Marshal(p)
	if err != nil {
		return "", nil, err
	}
	h := sha256.Sum256(payload)
	raw, err := key.Sign(rand.Reader, h[:], crypto.SHA256)
	if err != nil {
		return "", nil, fmt.Errorf("sign: signing %s: %w", t.Digest, err)
	}
	return base64.StdEncoding.EncodeToString(raw), payload, nil
}

func cut(s string, sep byte) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}
