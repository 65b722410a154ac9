package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// APIError is the decoded error body of a failed API call:
// {"code":"zone_locked","message":"zone is locked for maintenance","request_id":"req_7fa21c"}
type APIError struct {
	Status    int    `json:"-"`
	Code      string `json:"code"`
	Message   string `json:"message"`
	RequestID string `json:"request_id"`
}

func (e *APIError) Error() string {
	if e.Code != "" {
		return fmt.Sprintf("nimbus API error %d: %s (%s)", e.Status, e.Message, e.Code)
	}
	// Bodies without a code (gateways, some validation errors): show the
	// request id so support can find the call.
	return fmt.Sprintf("nimbus API error %d: %s (request id %s)", e.Status, e.Message)
}

func decodeAPIError(resp *http.Response, body []byte) error {
	e := &APIError{Status: resp.StatusCode}
	if err := json.Unmarshal(body, e); err != nil || e.Message == "" {
		e.Message = http.StatusText(resp.StatusCode)
	}
	if e.RequestID == "" {
		e.RequestID = resp.Header.Get("X-Request-Id")
	}
	return e
}

// IsNotFound reports whether err is a 404 from the API.
func IsNotFound(err error) bool {
	var e *APIError
	return errors.As(err, &e) && e.Status == http.StatusNotFound
}

// IsCode reports whether err is an API error with the given code, e.g. "zone_locked".
func IsCode(err error, code string) bool {
	var e *APIError
	return errors.As(err, &e) && e.Code == code
}
