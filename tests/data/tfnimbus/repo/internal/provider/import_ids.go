package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/nimbusdns/terraform-provider-nimbus/internal/client"
)

var zoneIDPattern = regexp.MustCompile(`^z-[0-9a-f]+$`)

// parseZoneImportID accepts either a zone id (z-81f2) or a zone name
// (example.com) and returns the zone id.
func parseZoneImportID(ctx context.Context, c *client.Client, id string) (string, error) {
	id = strings.TrimSpace(id)
	if zoneIDPattern.MatchString(id) {
		return id, nil
	}
	z, err := findZoneByName(ctx, c, id)
	if err != nil {
		return "", err
	}
	return z.ID, nil
}

var recordNamePattern = regexp.MustCompile(`^[A-Za-z0-9_.@-]+$`)

// parseRecordImportID accepts zone_id/record_id or zone_id/name/type.
func parseRecordImportID(id string) (zoneID, recordID, name, rtype string, err error) {
	parts := strings.Split(id, "/")
	switch len(parts) {
	case 2:
		return parts[0], parts[1], "", "", nil
	case 3:
		if !recordNamePattern.MatchString(parts[1]) {
			return "", "", "", "", fmt.Errorf("invalid import ID %q", id)
		}
		return parts[0], "", parts[1], strings.ToUpper(parts[2]), nil
	}
	return "", "", "", "", fmt.Errorf("unexpected format of ID (%q), expected zone_id/record_id or zone_id/name/type", id)
}
