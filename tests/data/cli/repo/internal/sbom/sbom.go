// Package sbom generates SPDX and CycloneDX documents for build contexts.
package sbom

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Package is one component found in the context.
type Package struct {
	Name     string
	Version  string
	PURL     string
	License  string
	Location string // file the package was found in
}

// Document is the format-independent result of a scan.
type Document struct {
	Name     string
	Packages []Package
}

// Cataloger finds packages in one kind of manifest file.
type Cataloger interface {
	Name() string
	Match(path string) bool
	Catalog(path string) ([]Package, error)
}

var catalogers = []Cataloger{goModCataloger{}, npmCataloger{}}

// Scan walks root and runs every matching cataloger.
func Scan(root string) (*Document, error) {
	doc := &Document{Name: filepath.Base(root)}
	err := filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if info.IsDir() && (info.Name() == ".git" || info.Name() == "vendor") {
			return filepath.SkipDir
		}
		for _, c := range catalogers {
			if info.IsDir() || !c.Match(p) {
				continue
			}
			pkgs, err := c.Catalog(p)
			if err != nil {
				return fmt.Errorf("sbom: %s: %w", c.Name(), err)
			}
			doc.Packages = append(doc.Packages, pkgs...)
		}
		return nil
	})
	sort.SliceStable(doc.Packages, func(i, j int) bool { return doc.Packages[i].PURL < doc.Packages[j].PURL })
	return doc, err
}
