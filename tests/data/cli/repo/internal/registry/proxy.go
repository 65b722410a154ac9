package registry

import (
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"

	"golang.org/x/net/http/httpproxy"

	"github.com/boxwright/boxwright/internal/config"
)

// proxyFunc returns the proxy selector for a transport. Environment
// variables are used unless registry.proxy is set in the config, in which
// case the config wins and NO_PROXY matching is done by matchNoProxy.
func proxyFunc(pc *config.ProxyConfig) func(*http.Request) (*url.URL, error) {
	if pc.HTTP == "" && pc.HTTPS == "" {
		env := httpproxy.FromEnvironment()
		return func(r *http.Request) (*url.URL, error) {
			return env.ProxyFunc()(r.URL)
		}
	}
	noProxy := pc.NoProxy
	if noProxy == "" {
		noProxy = firstEnv("NO_PROXY", "no_proxy")
	}
	return func(r *http.Request) (*url.URL, error) {
		if matchNoProxy(r.URL.Host, noProxy) {
			return nil, nil
		}
		p := pc.HTTPS
		if r.URL.Scheme == "http" && pc.HTTP != "" {
			p = pc.HTTP
		}
		if p == "" {
			return nil, nil
		}
		return url.Parse(p)
	}
}

// matchNoProxy reports whether host (which may carry a port) matches one of
// the comma separated entries in list.
func matchNoProxy(host, list string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(host)
	for _, e := range strings.Split(list, ",") {
		e = strings.ToLower(strings.TrimSpace(e))
		if e == "" {
			continue
		}
		if e == "*" {
			return true
		}
		if _, n, err := net.ParseCIDR(e); err == nil {
			if ip := net.ParseIP(host); ip != nil && n.Contains(ip) {
				return true
			}
			continue
		}
		if strings.HasPrefix(e, ".") {
			if strings.HasSuffix(host, e) {
				return true
			}
			continue
		}
		if host == e || strings.HasSuffix(host, "."+e) {
			return true
		}
	}
	return false
}

func firstEnv(names ...string) string {
	for _, n := range names {
		if v := os.Getenv(n); v != "" {
			return v
		}
	}
	return ""
}
