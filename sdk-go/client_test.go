package ossaat

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fixture is a client wired to an httptest server whose routes the test registers on mux. Retry waits are
// recorded instead of slept.
type fixture struct {
	client *Client
	mux    *http.ServeMux
	server *httptest.Server

	mu    sync.Mutex
	waits []time.Duration
}

func setup(t *testing.T, opts ...Option) *fixture {
	t.Helper()
	f := &fixture{mux: http.NewServeMux()}
	f.server = httptest.NewServer(f.mux)
	t.Cleanup(f.server.Close)
	// The server's own client: other tests closing their servers close http.DefaultTransport's idle
	// connections, which would break a request of this one that picked one of them up.
	base := []Option{WithToken("test-token"), WithHTTPClient(f.server.Client())}
	c, err := NewClient(f.server.URL, append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	c.retry.jitter = func() float64 { return 0 }
	c.retry.sleep = func(ctx context.Context, d time.Duration) error {
		f.mu.Lock()
		f.waits = append(f.waits, d)
		f.mu.Unlock()
		return ctx.Err()
	}
	f.client = c
	return f
}

func (f *fixture) recordedWaits() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.waits...)
}

// writeJSON answers with status and v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeProblem answers with an RFC 9457 problem as the engine does.
func writeProblem(w http.ResponseWriter, status int, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"type":"about:blank","title":%q,"status":%d,"detail":%q}`, http.StatusText(status), status, detail)
}

// planJSON is a plan as the engine sends it.
const planJSON = `{"id":"pl_1","goal":"try","agent":"careful","inputs":{"testCommand":"true"},"labels":{"team":"a"},
"state":"waiting_approval","createdAt":"2026-12-01T14:06:14.268972Z","updatedAt":"2026-12-01T14:06:15Z",
"steps":[{"id":"index_repo","action":"index_repo","tool":"repo_indexer","capability":"repo.read",
"capabilityLabel":"Read the repository","approvalRequired":true,"timeoutSeconds":120,"dependsOn":[],
"state":"completed","attempt":1,"input":{"testCommand":"true"},"output":{"files":3},"summary":"indexed",
"startedAt":"2026-12-01T14:06:25.657282Z","finishedAt":"2026-12-01T14:06:25.694977Z"},
{"id":"apply_changes","action":"apply_changes","tool":"code_writer","capability":"repo.write",
"capabilityLabel":"Change files","approvalRequired":true,"timeoutSeconds":120,"dependsOn":["index_repo"],
"state":"waiting_approval","attempt":0,"input":{},"approval":{"command":"make test","patchSha256":"ab12",
"decision":"approved","decidedBy":"ci bot","decidedByRole":"approver","rationale":"fine","decidedAt":"2026-12-01T14:07:00Z"}}]}`

func writePlan(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, planJSON)
}

func TestNewClient_defaultsFromEnvironment(t *testing.T) {
	t.Setenv("OSSAAT_URL", "http://engine.example:9000/base")
	t.Setenv("OSSAAT_TOKEN", "env-token")
	c, err := NewClient("")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.BaseURL(), "http://engine.example:9000/base/"; got != want {
		t.Errorf("BaseURL() = %q, want %q", got, want)
	}
	if c.token != "env-token" || c.maxRetries != 3 || c.userAgent != "ossaat-go/"+Version {
		t.Errorf("token %q, retries %d, user agent %q", c.token, c.maxRetries, c.userAgent)
	}

	t.Setenv("OSSAAT_URL", "")
	c, err = NewClient("", WithToken("explicit"))
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL() != DefaultURL+"/" || c.token != "explicit" {
		t.Errorf("BaseURL() = %q, token %q; want the default URL and the explicit token", c.BaseURL(), c.token)
	}
}

func TestNewClient_rejectsBadSettings(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		url  string
		opts []Option
	}{
		"relative URL":       {url: "localhost:7070"},
		"other scheme":       {url: "ftp://127.0.0.1:7070"},
		"unparsable URL":     {url: "http://[::1"},
		"nil http.Client":    {url: DefaultURL, opts: []Option{WithHTTPClient(nil)}},
		"negative retries":   {url: DefaultURL, opts: []Option{WithMaxRetries(-1)}},
		"token with newline": {url: DefaultURL, opts: []Option{WithToken("a\r\nX-Evil: 1")}},
		"empty user agent":   {url: DefaultURL, opts: []Option{WithUserAgent("")}},
	} {
		if _, err := NewClient(tc.url, tc.opts...); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s: NewClient error = %v, want ErrInvalidArgument", name, err)
		}
	}
}

// countingTransport counts requests and passes them on.
type countingTransport struct {
	n    atomic.Int32
	next http.RoundTripper
}

func (t *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.n.Add(1)
	return t.next.RoundTrip(r)
}

func TestWithHTTPClient_usesButNeverChangesIt(t *testing.T) {
	t.Parallel()
	transport := &countingTransport{next: http.DefaultTransport.(*http.Transport).Clone()}
	hc := &http.Client{Transport: transport, Timeout: 7 * time.Second}
	before := *hc
	f := setup(t, WithHTTPClient(hc), WithUserAgent("my-tool/2"))
	f.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("User-Agent") != "my-tool/2" {
			t.Errorf("User-Agent = %q", r.Header.Get("User-Agent"))
		}
		writeJSON(w, 200, map[string]string{"status": "ok"})
	})
	f.mux.HandleFunc("GET /v1/events", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "id:1\nevent:plan.step\ndata:{\"planId\":\"p\",\"state\":\"running\"}\n\n")
	})
	if err := f.client.Health(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, err := range f.client.Events.Stream(context.Background(), StreamOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		break
	}
	if n := transport.n.Load(); n != 2 {
		t.Errorf("the transport saw %d requests, want 2", n)
	}
	if hc.Timeout != before.Timeout || hc.Transport != before.Transport || hc.Jar != before.Jar || hc.CheckRedirect != nil {
		t.Errorf("the passed-in http.Client was changed: %+v, was %+v", *hc, before)
	}
	if f.client.streamHTTP.Timeout != 0 {
		t.Errorf("streams keep the Timeout %s; they must stay open", f.client.streamHTTP.Timeout)
	}
}

func TestClient_sendsTokenUserAgentAndKeepsTheBasePath(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	mux.HandleFunc("GET /engine/v1/plans/{id}", func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("Authorization"); got != "Bearer s3cret" {
			t.Errorf("Authorization = %q", got)
		}
		if got := r.Header.Get("User-Agent"); got != "ossaat-go/"+Version {
			t.Errorf("User-Agent = %q", got)
		}
		if got := r.Header.Get("Accept"); got != "application/json" {
			t.Errorf("Accept = %q", got)
		}
		if got := r.PathValue("id"); got != "a/b c" {
			t.Errorf("id = %q, want the escaped id back", got)
		}
		writePlan(w, 200)
	})
	c, err := NewClient(srv.URL+"/engine", WithToken("s3cret"), WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Plans.Get(context.Background(), "a/b c"); err != nil {
		t.Fatal(err)
	}
}

func TestClient_withoutTokenSendsNoAuthorization(t *testing.T) {
	t.Setenv("OSSAAT_TOKEN", "")
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if _, ok := r.Header["Authorization"]; ok {
			t.Error("sent an Authorization header without a token")
		}
		writeJSON(w, 200, map[string]string{"status": "ok"})
	})
	c, err := NewClient(srv.URL, WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Health(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestClient_Health(t *testing.T) {
	t.Parallel()
	f := setup(t, WithMaxRetries(0))
	var status atomic.Int32
	status.Store(200)
	f.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if s := int(status.Load()); s != 200 {
			writeProblem(w, s, "stopping")
			return
		}
		writeJSON(w, 200, map[string]string{"status": "ok"})
	})
	if err := f.client.Health(context.Background()); err != nil {
		t.Fatalf("Health() = %v", err)
	}
	status.Store(503)
	var apiErr *APIError
	if err := f.client.Health(context.Background()); !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
		t.Fatalf("Health() = %v, want a 503 APIError", err)
	}
}

func TestClient_Ready_notReadyIsAnAnswerNotAnError(t *testing.T) {
	t.Parallel()
	f := setup(t)
	var calls atomic.Int32
	f.mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			writeJSON(w, 200, map[string]any{"status": "ready", "components": map[string]string{"postgres": "up", "redis": "up"}})
			return
		}
		writeJSON(w, 503, map[string]any{"status": "not_ready", "components": map[string]string{"postgres": "down", "redis": "up"}})
	})
	r, err := f.client.Ready(context.Background())
	if err != nil || !r.IsReady() || r.Components["postgres"] != "up" {
		t.Fatalf("Ready() = %+v, %v; want ready with postgres up", r, err)
	}
	r, err = f.client.Ready(context.Background())
	if err != nil || r.IsReady() || r.Components["postgres"] != "down" {
		t.Fatalf("Ready() = %+v, %v; want not ready with postgres down", r, err)
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("the engine saw %d requests, want 2: a not-ready answer is not retried", n)
	}
}

func TestClient_MetricsAndOpenAPI(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4")
		io.WriteString(w, "# TYPE ossaat_slo_sli gauge\nossaat_slo_sli 1\n")
	})
	f.mux.HandleFunc("GET /openapi", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/yaml")
		io.WriteString(w, "openapi: 3.1.0\n")
	})
	m, err := f.client.Metrics(context.Background())
	if err != nil || !strings.Contains(m, "ossaat_slo_sli 1") {
		t.Errorf("Metrics() = %q, %v", m, err)
	}
	doc, err := f.client.OpenAPI(context.Background())
	if err != nil || string(doc) != "openapi: 3.1.0\n" {
		t.Errorf("OpenAPI() = %q, %v", doc, err)
	}
}
