package registry

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/boxwright/boxwright/internal/log"
)

const defaultChunk = 8 << 20

func parseChunk(s string) (int64, error) {
	if s == "" {
		return defaultChunk, nil
	}
	s = strings.TrimSuffix(strings.TrimSpace(s), "iB")
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, strings.TrimSuffix(s, "K")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("registry: invalid chunk_size %q", s)
	}
	return n * mult, nil
}

// UploadBlob pushes a blob with chunked PATCH requests, resuming from the
// registry-reported offset after a failed chunk.
func (c *Client) UploadBlob(ctx context.Context, repo, digest string, size int64, r io.ReaderAt) error {
	loc, err := c.startUpload(ctx, repo)
	if err != nil {
		return err
	}
	var offset int64
	attempt := 0
	for offset < size {
		n := c.chunk
		if offset+n > size {
			n = size - offset
		}
		buf := make([]byte, n)
		if _, err := r.ReadAt(buf, offset); err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		req, _ := http.NewRequest(http.MethodPatch, loc, bytes.NewReader(buf))
		req.Header.Set("Content-Type", "application/octet-stream")
		req.Header.Set("Content-Range", fmt.Sprintf("%d-%d", offset, offset+n-1))
		req.ContentLength = n
		resp, err := c.do(ctx, req)
		if err == nil {
			err = checkStatus(resp, http.StatusAccepted, http.StatusNoContent)
		}
		if err != nil {
			attempt++
			if attempt >= c.retries {
				return fmt.Errorf("registry: giving up after %d attempts: %w", attempt, err)
			}
			log.Warnf("retrying blob upload (attempt %d/%d): %v", attempt, c.retries, err)
			offset, loc, err = c.uploadStatus(ctx, loc)
			if err != nil {
				return err
			}
			continue
		}
		loc = resolve(loc, resp.Header.Get("Location"))
		offset += n
		resp.Body.Close()
	}
	return c.finishUpload(ctx, loc, digest)
}

// uploadStatus asks the registry how much of the upload it has.
func (c *Client) uploadStatus(ctx context.Context, loc string) (int64, string, error) {
	req, _ := http.NewRequest(http.MethodGet, loc, nil)
	resp, err := c.do(ctx, req)
	if err != nil {
		return 0, loc, err
	}
	defer resp.Body.Close()
	if err := checkStatus(resp, http.StatusNoContent); err != nil {
		return 0, loc, err
	}
	end, err := parseRange(resp.Header.Get("Range"))
	if err != nil {
		return 0, loc, err
	}
	return end, resolve(loc, resp.Header.Get("Location")), nil
}

// parseRange parses a "0-1048575" Range header and returns the end offset.
func parseRange(h string) (int64, error) {
	h = strings.TrimPrefix(h, "bytes=")
	_, end, ok := strings.Cut(h, "-")
	if !ok {
		return 0, fmt.Errorf("registry: malformed Range header %q", h)
	}
	return strconv.ParseInt(end, 10, 64)
}

func (c *Client) startUpload(ctx context.Context, repo string) (string, error) {
	u := fmt.Sprintf("https://%s/v2/%s/blobs/uploads/", c.Host, repo)
	req, _ := http.NewRequest(http.MethodPost, u, nil)
	resp, err := c.do(ctx, req)
	if err != nil {
		return "", err
	}
	if err := checkStatus(resp, http.StatusAccepted); err != nil {
		return "", err
	}
	resp.Body.Close()
	return resolve(u, resp.Header.Get("Location")), nil
}

func (c *Client) finishUpload(ctx context.Context, loc, digest string) error {
	u, err := url.Parse(loc)
	if err != nil {
		return err
	}
	q := u.Query()
	q.Set("digest", digest)
	u.RawQuery = q.Encode()
	req, _ := http.NewRequest(http.MethodPut, u.String(), nil)
	resp, err := c.do(ctx, req)
	if err != nil {
		return err
	}
	return checkStatus(resp, http.StatusCreated)
}

func resolve(base, ref string) string {
	if ref == "" {
		return base
	}
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	r, err := b.Parse(ref)
	if err != nil {
		return ref
	}
	return r.String()
}
