package ossaat

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"
)

func TestAPIError_decodesTheProblem(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.mux.HandleFunc("POST /v1/plans", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(400)
		io.WriteString(w, `{"type":"about:blank","title":"Invalid request","status":400,"detail":"goal: is required",
			"errors":[{"field":"goal","message":"is required"}]}`)
	})
	_, err := f.client.Plans.Create(context.Background(), &CreatePlanRequest{})
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("Create error = %v, want an *APIError", err)
	}
	want := APIError{StatusCode: 400, Type: "about:blank", Title: "Invalid request", Detail: "goal: is required",
		Errors: []FieldError{{Field: "goal", Message: "is required"}}}
	if apiErr.StatusCode != want.StatusCode || apiErr.Type != want.Type || apiErr.Title != want.Title ||
		apiErr.Detail != want.Detail || len(apiErr.Errors) != 1 || apiErr.Errors[0] != want.Errors[0] {
		t.Errorf("APIError = %+v, want %+v", *apiErr, want)
	}
	if got, want := err.Error(), "ossaat: POST /v1/plans: 400 Invalid request: goal: is required"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestAPIError_statusHelpers(t *testing.T) {
	t.Parallel()
	f := setup(t, WithMaxRetries(0))
	f.mux.HandleFunc("GET /v1/plans/{id}", func(w http.ResponseWriter, r *http.Request) {
		var status int
		fmt.Sscan(r.PathValue("id"), &status)
		if status == 429 {
			w.Header().Set("Retry-After", "7")
		}
		writeProblem(w, status, "because")
	})
	for _, tc := range []struct {
		status int
		is     func(error) bool
		name   string
	}{
		{404, IsNotFound, "IsNotFound"},
		{409, IsConflict, "IsConflict"},
		{429, IsRateLimited, "IsRateLimited"},
		{401, IsUnauthorized, "IsUnauthorized"},
		{403, IsForbidden, "IsForbidden"},
	} {
		_, err := f.client.Plans.Get(context.Background(), fmt.Sprint(tc.status))
		if !tc.is(err) {
			t.Errorf("%s(%v) = false", tc.name, err)
		}
		if tc.status != 404 && IsNotFound(err) {
			t.Errorf("IsNotFound(%v) = true", err)
		}
		if wrapped := fmt.Errorf("listing: %w", err); !tc.is(wrapped) {
			t.Errorf("%s does not see through wrapping", tc.name)
		}
		var apiErr *APIError
		if errors.As(err, &apiErr) && tc.status == 429 && apiErr.RetryAfter != 7*time.Second {
			t.Errorf("RetryAfter = %s, want 7s", apiErr.RetryAfter)
		}
	}
	if IsNotFound(nil) || IsNotFound(errors.New("404")) {
		t.Error("IsNotFound is true for an error that is not an APIError")
	}
}

func TestAPIError_fromABodyThatIsNotAProblem(t *testing.T) {
	t.Parallel()
	f := setup(t, WithMaxRetries(0))
	f.mux.HandleFunc("GET /v1/plans/html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(502)
		io.WriteString(w, "<html>bad gateway from the proxy</html>\n<body>...</body>")
	})
	f.mux.HandleFunc("GET /v1/plans/empty", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(500)
	})
	f.mux.HandleFunc("GET /v1/plans/json", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 418, map[string]string{"message": "not a problem document"})
	})
	for id, want := range map[string]APIError{
		"html":  {StatusCode: 502, Title: "Bad Gateway", Detail: "<html>bad gateway from the proxy</html>"},
		"empty": {StatusCode: 500, Title: "Internal Server Error"},
		"json":  {StatusCode: 418, Title: "I'm a teapot", Detail: `{"message":"not a problem document"}`},
	} {
		_, err := f.client.Plans.Get(context.Background(), id)
		var apiErr *APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("%s: error = %v, want an *APIError", id, err)
		}
		if apiErr.StatusCode != want.StatusCode || apiErr.Title != want.Title || apiErr.Detail != want.Detail {
			t.Errorf("%s: APIError = %+v, want %+v", id, *apiErr, want)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"":                              0,
		"3":                             3 * time.Second,
		" 120 ":                         2 * time.Minute,
		"-1":                            0,
		"soon":                          0,
		"Tue, 01 Dec 2026 14:00:30 GMT": 30 * time.Second,
		"Tue, 01 Dec 2026 13:00:00 GMT": 0,
	} {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %s, want %s", in, got, want)
		}
	}
}
