package ossaat

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// APIError is an error answer of the engine: an RFC 9457 problem (application/problem+json) and its HTTP
// status. A body that is not a problem still gives an APIError with the status, the status text as Title and
// the start of the body as Detail. Match it with errors.As or the Is* functions.
type APIError struct {
	// StatusCode is the HTTP status, e.g. 404.
	StatusCode int
	// Type is the problem type URI ("about:blank" for a plain HTTP error).
	Type string
	// Title is a short summary of the problem, e.g. "Not Found".
	Title string
	// Detail says what went wrong with this request, e.g. "plan 'x' does not exist".
	Detail string
	// Errors names each invalid field of a 400 answer.
	Errors []FieldError
	// RetryAfter is the wait the engine asked for in Retry-After (429, 503), or 0.
	RetryAfter time.Duration

	method, path string
}

// FieldError is one invalid field of a request.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error reads like "ossaat: GET /v1/plans/x: 404 Not Found: plan 'x' does not exist".
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("ossaat: ")
	if e.method != "" {
		fmt.Fprintf(&b, "%s %s: ", e.method, e.path)
	}
	fmt.Fprintf(&b, "%d %s", e.StatusCode, e.Title)
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	return b.String()
}

// IsNotFound reports whether err is an APIError with status 404.
func IsNotFound(err error) bool { return hasStatus(err, http.StatusNotFound) }

// IsConflict reports whether err is an APIError with status 409: the thing is not in a state that allows the
// request (a step that does not wait for approval, a finished plan, an Idempotency-Key reused for another
// request).
func IsConflict(err error) bool { return hasStatus(err, http.StatusConflict) }

// IsRateLimited reports whether err is an APIError with status 429; its RetryAfter says how long to wait.
func IsRateLimited(err error) bool { return hasStatus(err, http.StatusTooManyRequests) }

// IsUnauthorized reports whether err is an APIError with status 401: no token, or one the engine does not
// know or has revoked.
func IsUnauthorized(err error) bool { return hasStatus(err, http.StatusUnauthorized) }

// IsForbidden reports whether err is an APIError with status 403: the token's role may not do this (the
// Detail names the role needed).
func IsForbidden(err error) bool { return hasStatus(err, http.StatusForbidden) }

func hasStatus(err error, status int) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == status
}

// maxErrorBody bounds how much of an error answer is read.
const maxErrorBody = 64 << 10

// newAPIError turns an error answer into an *APIError; it reads and closes the body. This is the one place
// answers become errors.
func newAPIError(resp *http.Response) *APIError {
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	e := &APIError{
		StatusCode: resp.StatusCode,
		RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()),
		method:     resp.Request.Method,
		path:       resp.Request.URL.Path,
	}
	var p struct {
		Type   string       `json:"type"`
		Title  string       `json:"title"`
		Detail string       `json:"detail"`
		Errors []FieldError `json:"errors"`
	}
	if json.Unmarshal(body, &p) == nil && (p.Title != "" || p.Detail != "" || p.Type != "") {
		e.Type, e.Title, e.Detail, e.Errors = p.Type, p.Title, p.Detail, p.Errors
	} else {
		e.Detail = firstLine(string(body), 200)
	}
	if e.Title == "" {
		e.Title = http.StatusText(resp.StatusCode)
	}
	return e
}

// parseRetryAfter reads a Retry-After value: delay seconds or an HTTP date. It returns 0 when absent or bad.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return 0
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// firstLine is s's first line, trimmed and cut to at most n bytes.
func firstLine(s string, n int) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	if len(s) > n {
		s = s[:n] + "…"
	}
	return s
}
