package build

import (
	"fmt"
	"runtime"
	"strings"
)

// Platform is an OCI platform.
type Platform struct {
	OS           string
	Architecture string
	Variant      string
}

func (p Platform) String() string {
	s := p.OS + "/" + p.Architecture
	if p.Variant != "" {
		s += "/" + p.Variant
	}
	return s
}

var supportedArch = map[string]bool{
	"amd64": true, "arm64": true, "arm": true, "386": true,
	"ppc64le": true, "s390x": true, "riscv64": true,
}

// ParsePlatform parses "os/arch[/variant]" and normalises aliases.
func ParsePlatform(s string) (Platform, error) {
	parts := strings.Split(strings.ToLower(strings.TrimSpace(s)), "/")
	if len(parts) < 2 || len(parts) > 3 {
		return Platform{}, fmt.Errorf("build: invalid platform %q (want os/arch[/variant])", s)
	}
	p := Platform{OS: parts[0], Architecture: parts[1]}
	if len(parts) == 3 {
		p.Variant = parts[2]
	}
	switch p.Architecture {
	case "x86_64", "x86-64":
		p.Architecture = "amd64"
	case "aarch64":
		p.Architecture = "arm64"
	case "armhf":
		p.Architecture, p.Variant = "arm", "v7"
	}
	if p.Architecture == "arm64" && p.Variant == "v8" {
		p.Variant = ""
	}
	if p.Architecture == "arm" && p.Variant == "" {
		p.Variant = "v7"
	}
	if !supportedArch[p.Architecture] {
		return Platform{}, fmt.Errorf("build: unsupported platform %q", s)
	}
	return p, nil
}

// HostPlatform is the platform boxwright runs on, mapped to linux.
func HostPlatform() Platform {
	return Platform{OS: "linux", Architecture: runtime.GOARCH}
}
