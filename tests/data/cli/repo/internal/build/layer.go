package build

import (
	"archive/tar"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strconv"
	"syscall"
	"time"
)

// epoch returns SOURCE_DATE_EPOCH, or the zero time when unset.
func epoch() (time.Time, error) {
	v := os.Getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("build: invalid SOURCE_DATE_EPOCH %q", v)
	}
	return time.Unix(n, 0).UTC(), nil
}

// Layer is a compressed tar layer.
type Layer struct {
	Digest   string
	DiffID   string
	Size     int64
	Path     string
	MediaTyp string
}

// WriteLayer writes files to a gzip'ed tar at out. Permissions are
// normalised to 0644/0755 and mtimes clamped to SOURCE_DATE_EPOCH.
func WriteLayer(files []ContextFile, prefix string, out *os.File) (*Layer, error) {
	clamp, err := epoch()
	if err != nil {
		return nil, err
	}
	compressed := sha256.New()
	gz, _ := gzip.NewWriterLevel(io.MultiWriter(out, compressed), gzip.BestSpeed)
	gz.Header.ModTime = time.Time{}
	gz.Header.OS = 255
	uncompressed := sha256.New()
	tw := tar.NewWriter(io.MultiWriter(gz, uncompressed))

	links := map[uint64][]ContextFile{}
	for _, f := range files {
		if st, ok := f.Info.Sys().(*syscall.Stat_t); ok && st.Nlink > 1 {
			links[st.Ino] = append(links[st.Ino], f)
			continue
		}
		if err := addFile(tw, f, prefix, clamp, ""); err != nil {
			return nil, err
		}
	}
	for _, group := range links {
		for i, f := range group {
			target := ""
			if i > 0 {
				target = prefix + group[0].Rel
			}
			if err := addFile(tw, f, prefix, clamp, target); err != nil {
				return nil, err
			}
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	st, _ := out.Stat()
	return &Layer{
		Digest:   "sha256:" + hex.EncodeToString(compressed.Sum(nil)),
		DiffID:   "sha256:" + hex.EncodeToString(uncompressed.Sum(nil)),
		Size:     st.Size(),
		Path:     out.Name(),
		MediaTyp: "application/vnd.oci.image.layer.v1.tar+gzip",
	}, nil
}

func addFile(tw *tar.Writer, f ContextFile, prefix string, clamp time.Time, linkTarget string) error {
	hdr, err := tar.FileInfoHeader(f.Info, "")
	if err != nil {
		return err
	}
	hdr.Name = prefix + f.Rel
	hdr.Uid, hdr.Gid, hdr.Uname, hdr.Gname = 0, 0, "", ""
	hdr.Mode = 0o644
	if f.Info.Mode()&0o111 != 0 {
		hdr.Mode = 0o755
	}
	if !clamp.IsZero() && hdr.ModTime.After(clamp) {
		hdr.ModTime = clamp
	}
	hdr.AccessTime, hdr.ChangeTime = time.Time{}, time.Time{}
	hdr.Format = tar.FormatPAX
	hdr.PAXRecords = nil // drop xattrs such as com.apple.provenance
	if linkTarget != "" {
		hdr.Typeflag = tar.TypeLink
		hdr.Linkname = linkTarget
		hdr.Size = 0
		return tw.WriteHeader(hdr)
	}
	if err := tw.WriteHeader(hdr); err != nil {
		return err
	}
	src, err := os.Open(f.Abs)
	if err != nil {
		return err
	}
	defer src.Close()
	if _, err := io.Copy(tw, src); err != nil {
		return fmt.Errorf("build: layer: file %s changed during archive: %w", f.Rel, err)
	}
	return nil
}
