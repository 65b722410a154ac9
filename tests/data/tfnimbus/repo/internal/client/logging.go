package client

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

var redactedHeaders = map[string]bool{
	"Authorization": true,
}

// logRequest writes one DEBUG line per request with method, URL, status,
// request id and headers. Secrets in headers must never reach the log.
func logRequest(ctx context.Context, req *http.Request, resp *http.Response) {
	names := make([]string, 0, len(req.Header))
	for k := range req.Header {
		names = append(names, k)
	}
	sort.Strings(names)
	var hdr []string
	for _, k := range names {
		v := strings.Join(req.Header[k], ",")
		if redactedHeaders[http.CanonicalHeaderKey(k)] {
			v = "REDACTED"
		}
		hdr = append(hdr, k+": "+v)
	}
	tflog.Debug(ctx, fmt.Sprintf("nimbus: %s %s -> %s request_id=%s", req.Method, req.URL, resp.Status, resp.Header.Get("X-Request-Id")),
		map[string]interface{}{"headers": strings.Join(hdr, "; ")})
	if ra := resp.Header.Get("Retry-After"); ra != "" {
		tflog.Debug(ctx, "nimbus: Retry-After: "+ra)
	}
}

func debugf(ctx context.Context, format string, args ...interface{}) {
	tflog.Debug(ctx, fmt.Sprintf(format, args...))
}
