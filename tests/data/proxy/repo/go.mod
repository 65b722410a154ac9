module github.com/relay-ops/portcullis

go 1.23.0

require (
	github.com/cespare/xxhash/v2 v2.3.0
	github.com/prometheus/client_golang v1.22.0
	github.com/quic-go/quic-go v0.52.0
	golang.org/x/crypto v0.40.0
	golang.org/x/net v0.42.0
	golang.org/x/sys v0.34.0
	gopkg.in/yaml.v3 v3.0.1
)
