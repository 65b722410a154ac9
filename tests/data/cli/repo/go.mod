module github.com/boxwright/boxwright

go 1.22

require (
	github.com/BurntSushi/toml v1.3.2
	github.com/spf13/cobra v1.8.0
	golang.org/x/net v0.24.0
	golang.org/x/sys v0.19.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	github.com/spf13/pflag v1.0.5 // indirect
)
