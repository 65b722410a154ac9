package release

import (
	"bytes"
	"strings"
	"testing"
)

func TestDebInstalledSizeIsKiB(t *testing.T) {
	var buf bytes.Buffer
	WriteDebControl(&buf, PackageInfo{Name: "boxwright", Version: "v2.4.0", Arch: "amd64", Size: 40 << 20})
	if !strings.Contains(buf.String(), "Installed-Size: 40960\n") {
		t.Fatalf("control:\n%s", buf.String())
	}
}

func TestDebArmhf(t *testing.T) {
	var buf bytes.Buffer
	WriteDebControl(&buf, PackageInfo{Name: "boxwright", Version: "2.4.0", Arch: "arm"})
	if !strings.Contains(buf.String(), "Architecture: armhf") {
		t.Fatal(buf.String())
	}
}

func TestRPMFileName(t *testing.T) {
	got := RPMFileName(PackageInfo{Name: "boxwright", Version: "v2.4.0", Arch: "amd64"})
	if got != "boxwright-2.4.0-1.x86_64.rpm" {
		t.Fatal(got)
	}
}

func TestFormulaClass(t *testing.T) {
	if got := formulaClass("boxwright-nightly"); got != "BoxwrightNightly" {
		t.Fatal(got)
	}
}

func TestScoopManifest(t *testing.T) {
	m := NewScoopManifest("boxwright", "v2.4.0", "d", "h", "Apache-2.0", "https://example.invalid/dl", "boxwright_2.4.0_windows_amd64",
		[]Artifact{{Name: "boxwright_2.4.0_windows_amd64.zip", OS: "windows", Arch: "amd64", SHA256: "ab"}})
	if m.Architecture["64bit"].Hash != "ab" {
		t.Fatalf("%+v", m)
	}
}
