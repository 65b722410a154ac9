package client

import (
	"net/http"
	"testing"
)

func TestIsNotFound(t *testing.T) {
	err := &APIError{Status: http.StatusNotFound, Code: "not_found", Message: "not found", RequestID: "req_1"}
	if !IsNotFound(err) {
		t.Fatal("expected not found")
	}
	if IsCode(err, "zone_locked") {
		t.Fatal("wrong code")
	}
}
