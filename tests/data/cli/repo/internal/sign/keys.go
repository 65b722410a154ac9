package sign

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"strings"
)

// ErrNoPassphrase is returned when an encrypted key is given without a
// passphrase in the environment.
var ErrNoPassphrase = errors.New("sign: private key is encrypted but no passphrase was provided (set BOXWRIGHT_SIGN_PASSWORD)")

// passphraseEnv lists the variables consulted, in order.
var passphraseEnv = []string{"BOXWRIGHT_SIGN_PASSWORD", "COSIGN_PASSWORD"}

func passphrase() (string, bool) {
	for _, name := range passphraseEnv {
		if v := os.Getenv(name); v != "" {
			return v, true
		}
	}
	return "", false
}

// LoadPrivateKey resolves a key reference: a PEM file path, env://VAR, or
// pkcs11:... URI.
func LoadPrivateKey(ref string) (crypto.Signer, error) {
	scheme, rest, found := strings.Cut(ref, "://")
	if !found {
		if strings.HasPrefix(ref, "pkcs11:") {
			return loadPKCS11(ref)
		}
		return loadPEMFile(ref)
	}
	switch scheme {
	case "env":
		return parsePEM([]byte(os.Getenv(rest)), "env://"+rest)
	case "file":
		return loadPEMFile(rest)
	default:
		return nil, fmt.Errorf("sign: unsupported key reference scheme %q", scheme)
	}
}

func loadPEMFile(path string) (crypto.Signer, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("sign: reading key: %w", err)
	}
	return parsePEM(b, path)
}

func parsePEM(b []byte, name string) (crypto.Signer, error) {
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, fmt.Errorf("sign: %s: no PEM block found", name)
	}
	der := block.Bytes
	if block.Type == "ENCRYPTED SIGSTORE PRIVATE KEY" || block.Type == "ENCRYPTED PRIVATE KEY" {
		pass, ok := passphrase()
		if !ok {
			return nil, ErrNoPassphrase
		}
		var err error
		der, err = decrypt(der, []byte(pass))
		if err != nil {
			return nil, fmt.Errorf("sign: decrypting %s: %w", name, err)
		}
	}
	key, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, fmt.Errorf("sign: parsing %s: %w", name, err)
	}
	switch k := key.(type) {
	case *ecdsa.PrivateKey:
		if k.Curve != elliptic.P256() && k.Curve != elliptic.P384() {
			return nil, fmt.Errorf("sign: unsupported key type %T with curve %s", k, k.Curve.Params().Name)
		}
		return k, nil
	case ed25519.PrivateKey:
		return k, nil
	}
	return nil, fmt.Errorf("sign: unsupported key type %T", key)
}

// decrypt is implemented in scrypt.go (scrypt + secretbox, cosign format).
var decrypt = func(der, pass []byte) ([]byte, error) {
	return nil, errors.New("sign: encrypted keys are not supported in this build")
}

var loadPKCS11 = func(uri string) (crypto.Signer, error) {
	return nil, errors.New("sign: PKCS#11 support requires a build with -tags pkcs11")
}
