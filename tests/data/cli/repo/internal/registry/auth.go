package registry

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// Authenticator handles basic and bearer-token auth for one registry.
type Authenticator struct {
	host  string
	http  *http.Client
	mu    sync.Mutex
	token string
	creds *credentials
}

type credentials struct {
	Username string
	Secret   string
}

func newAuthenticator(host string, hc *http.Client) *Authenticator {
	return &Authenticator{host: host, http: hc}
}

func (a *Authenticator) invalidate() {
	a.mu.Lock()
	a.token = ""
	a.mu.Unlock()
}

func (a *Authenticator) authorize(ctx context.Context, req *http.Request) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.token != "" {
		req.Header.Set("Authorization", "Bearer "+a.token)
		return nil
	}
	if a.creds == nil {
		c, err := lookupCredentials(a.host)
		if err != nil {
			return err
		}
		a.creds = c
	}
	return nil
}

// fetchToken exchanges credentials for a bearer token at realm.
func (a *Authenticator) fetchToken(ctx context.Context, realm, service, scope string) error {
	u, err := url.Parse(realm)
	if err != nil {
		return fmt.Errorf("registry: bad token realm %q: %w", realm, err)
	}
	q := u.Query()
	q.Set("service", service)
	q.Set("scope", scope)
	u.RawQuery = q.Encode()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if a.creds != nil {
		req.Header.Set("Authorization", "Basic "+basicAuth(a.creds.Username, a.creds.Secret))
	}
	resp, err := a.http.Do(req)
	if err != nil {
		return fmt.Errorf("registry: fetching token from %s: %w", u.Host, err)
	}
	defer resp.Body.Close()
	if err := checkStatus(resp, http.StatusOK); err != nil {
		return err
	}
	var body struct {
		Token       string `json:"token"`
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return fmt.Errorf("registry: decoding token response: %w", err)
	}
	a.token = body.Token
	if a.token == "" {
		a.token = body.AccessToken
	}
	return nil
}

func basicAuth(user, secret string) string {
	return base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(user) + ":" + secret))
}

// dockerConfig is the subset of ~/.docker/config.json we read.
type dockerConfig struct {
	Auths       map[string]struct{ Auth string } `json:"auths"`
	CredsStore  string                           `json:"credsStore"`
	CredHelpers map[string]string                `json:"credHelpers"`
}

func lookupCredentials(host string) (*credentials, error) {
	dir := os.Getenv("DOCKER_CONFIG")
	if dir == "" {
		home, _ := os.UserHomeDir()
		dir = filepath.Join(home, ".docker")
	}
	b, err := os.ReadFile(filepath.Join(dir, "config.json"))
	if err != nil {
		return nil, nil
	}
	var dc dockerConfig
	if err := json.Unmarshal(b, &dc); err != nil {
		return nil, fmt.Errorf("registry: parsing %s: %w", filepath.Join(dir, "config.json"), err)
	}
	if h, ok := dc.CredHelpers[host]; ok {
		return fromHelper(h, host)
	}
	if e, ok := dc.Auths[host]; ok && e.Auth != "" {
		raw, err := base64.StdEncoding.DecodeString(e.Auth)
		if err != nil {
			return nil, err
		}
		user, secret, _ := strings.Cut(string(raw), ":")
		return &credentials{Username: user, Secret: secret}, nil
	}
	if dc.CredsStore != "" {
		return fromHelper(dc.CredsStore, host)
	}
	return nil, nil
}

func fromHelper(helper, host string) (*credentials, error) {
	name := "docker-credential-" + helper
	cmd := exec.Command(name, "get")
	cmd.Stdin = strings.NewReader(host)
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("registry: credential helper %q: %w (output: %s)", name, err, strings.TrimSpace(string(out)))
	}
	var r struct{ Username, Secret string }
	if err := json.Unmarshal(out, &r); err != nil {
		return nil, err
	}
	return &credentials{Username: r.Username, Secret: r.Secret}, nil
}
