package sbom

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

type npmCataloger struct{}

func (npmCataloger) Name() string { return "npm" }

func (npmCataloger) Match(p string) bool {
	return filepath.Base(p) == "package-lock.json" && !strings.Contains(p, "node_modules")
}

type lockfile struct {
	LockfileVersion int                   `json:"lockfileVersion"`
	Dependencies    map[string]lockDep    `json:"dependencies"`
	Packages        map[string]lockPkgEnt `json:"packages"`
}

type lockDep struct {
	Version      string             `json:"version"`
	Dependencies map[string]lockDep `json:"dependencies"`
}

type lockPkgEnt struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	License string `json:"license"`
	Dev     bool   `json:"dev"`
	Link    bool   `json:"link"`
}

func (npmCataloger) Catalog(p string) ([]Package, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	var lf lockfile
	if err := json.Unmarshal(b, &lf); err != nil {
		return nil, err
	}
	switch lf.LockfileVersion {
	case 1:
		return fromDependencies(lf.Dependencies, p), nil
	case 2, 3:
		return fromPackages(lf.Packages, p), nil
	}
	return nil, fmt.Errorf("npm: unsupported lockfileVersion %d", lf.LockfileVersion)
}

func fromDependencies(deps map[string]lockDep, loc string) []Package {
	var out []Package
	for name, d := range deps {
		out = append(out, npmPackage(name, d.Version, "", loc))
		out = append(out, fromDependencies(d.Dependencies, loc)...)
	}
	return out
}

// fromPackages reads the lockfile v2/v3 "packages" map, whose keys are
// install paths such as "node_modules/a/node_modules/b".
func fromPackages(pkgs map[string]lockPkgEnt, loc string) []Package {
	var out []Package
	for key, e := range pkgs {
		if key == "" || e.Link || !strings.HasPrefix(key, "node_modules/") {
			continue
		}
		name := e.Name
		if name == "" {
			i := strings.LastIndex(key, "node_modules/")
			name = key[i+len("node_modules/"):]
		}
		out = append(out, npmPackage(name, e.Version, e.License, loc))
	}
	return out
}

func npmPackage(name, version, license, loc string) Package {
	purlName := name
	if strings.HasPrefix(name, "@") {
		purlName = "%40" + strings.TrimPrefix(name, "@")
	}
	return Package{
		Name:     name,
		Version:  version,
		License:  license,
		PURL:     "pkg:npm/" + purlName + "@" + version,
		Location: loc,
	}
}
