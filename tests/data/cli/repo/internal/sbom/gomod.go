package sbom

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

type goModCataloger struct{}

func (goModCataloger) Name() string { return "go-module" }

func (goModCataloger) Match(p string) bool { return filepath.Base(p) == "go.sum" }

// Catalog reads go.sum next to go.mod and applies replace directives.
func (goModCataloger) Catalog(p string) ([]Package, error) {
	replaces, err := parseReplaces(filepath.Join(filepath.Dir(p), "go.mod"))
	if err != nil {
		return nil, err
	}
	return parseGoSum(p, replaces)
}

func parseGoSum(p string, replaces map[string][2]string) ([]Package, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Package
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) != 3 {
			continue
		}
		mod, ver := fields[0], strings.TrimSuffix(fields[1], "/go.mod")
		if r, ok := replaces[mod]; ok {
			mod, ver = r[0], r[1]
		}
		out = append(out, Package{
			Name:     mod,
			Version:  ver,
			PURL:     "pkg:golang/" + mod + "@" + ver,
			Location: p,
		})
	}
	return out, sc.Err()
}

// parseReplaces returns old module path -> (new path, new version).
func parseReplaces(gomod string) (map[string][2]string, error) {
	b, err := os.ReadFile(gomod)
	if err != nil {
		return nil, nil
	}
	out := map[string][2]string{}
	inBlock := false
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "replace (":
			inBlock = true
			continue
		case inBlock && line == ")":
			inBlock = false
			continue
		case strings.HasPrefix(line, "replace "):
			line = strings.TrimPrefix(line, "replace ")
		case !inBlock:
			continue
		}
		left, right, ok := strings.Cut(line, "=>")
		if !ok {
			continue
		}
		l := strings.Fields(left)
		r := strings.Fields(right)
		if len(l) == 0 || len(r) == 0 {
			continue
		}
		ver := ""
		if len(r) > 1 {
			ver = r[1]
		}
		out[l[0]] = [2]string{r[0], ver}
	}
	return out, nil
}
