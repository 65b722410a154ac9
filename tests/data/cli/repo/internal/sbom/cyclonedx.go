package sbom

import (
	"encoding/json"
	"io"
	"time"
)

type cdxComponent struct {
	BOMRef   string       `json:"bom-ref"`
	Type     string       `json:"type"`
	Name     string       `json:"name"`
	Version  string       `json:"version,omitempty"`
	PURL     string       `json:"purl,omitempty"`
	Licenses []cdxLicense `json:"licenses,omitempty"`
}

type cdxLicense struct {
	Expression string `json:"expression"`
}

type cdxDocument struct {
	BOMFormat   string         `json:"bomFormat"`
	SpecVersion string         `json:"specVersion"`
	Version     int            `json:"version"`
	Metadata    map[string]any `json:"metadata"`
	Components  []cdxComponent `json:"components"`
}

// WriteCycloneDX writes doc as CycloneDX 1.5 JSON. The purl doubles as the
// bom-ref.
func WriteCycloneDX(w io.Writer, doc *Document, tool string) error {
	out := cdxDocument{
		BOMFormat:   "CycloneDX",
		SpecVersion: "1.5",
		Version:     1,
		Metadata: map[string]any{
			"timestamp": time.Now().UTC().Format(time.RFC3339),
			"tools":     []map[string]string{{"name": "boxwright", "version": tool}},
			"component": map[string]string{"type": "container", "name": doc.Name},
		},
	}
	for _, p := range doc.Packages {
		c := cdxComponent{BOMRef: p.PURL, Type: "library", Name: p.Name, Version: p.Version, PURL: p.PURL}
		if p.License != "" {
			c.Licenses = []cdxLicense{{Expression: p.License}}
		}
		out.Components = append(out.Components, c)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// WriteSPDX writes doc as SPDX 2.3 JSON.
func WriteSPDX(w io.Writer, doc *Document, tool string) error {
	type spdxPkg struct {
		SPDXID           string `json:"SPDXID"`
		Name             string `json:"name"`
		VersionInfo      string `json:"versionInfo"`
		LicenseConcluded string `json:"licenseConcluded"`
		ExternalRefs     []any  `json:"externalRefs"`
	}
	var pkgs []spdxPkg
	for i, p := range doc.Packages {
		lic := p.License
		if lic == "" {
			lic = "NOASSERTION"
		}
		pkgs = append(pkgs, spdxPkg{
			SPDXID:           "SPDXRef-Package-" + itoa(i),
			Name:             p.Name,
			VersionInfo:      p.Version,
			LicenseConcluded: lic,
			ExternalRefs:     []any{map[string]string{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": p.PURL}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{
		"spdxVersion":  "SPDX-2.3",
		"dataLicense":  "CC0-1.0",
		"SPDXID":       "SPDXRef-DOCUMENT",
		"name":         doc.Name,
		"creationInfo": map[string]any{"created": time.Now().UTC().Format(time.RFC3339), "creators": []string{"Tool: boxwright-" + tool}},
		"packages":     pkgs,
	})
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}
