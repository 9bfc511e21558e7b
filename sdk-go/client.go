package ossaat

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

// Version is this SDK's version; it is part of the default User-Agent.
const Version = "0.1.0"

// DefaultURL is the engine's address when neither NewClient's baseURL nor OSSAAT_URL gives one: the port that
// `ossaat serve` and the desktop console listen on by default.
const DefaultURL = "http://127.0.0.1:7070"

const (
	defaultUserAgent  = "ossaat-go/" + Version
	defaultMaxRetries = 3
	mediaTypeJSON     = "application/json"
	headerIdempotency = "Idempotency-Key"
)

// idleConnTimeout is how long an idle kept-alive connection is kept for the next request. The engine keeps one
// open at least 10 s after an answer (it says how long in Keep-Alive: timeout=N, or says Connection: close), and
// then closes it without a word: a request that goes out on a connection as the engine closes it fails with EOF,
// and only a request that is safe to repeat is sent again. Dropping idle connections well before that avoids it.
const idleConnTimeout = 5 * time.Second

// ErrInvalidArgument is wrapped by the errors methods return before sending anything, for an argument that
// cannot make a valid request (an empty plan id, a nil request).
var ErrInvalidArgument = errors.New("invalid argument")

// Client talks to one ossaat engine. It is safe for concurrent use. Create it with NewClient.
type Client struct {
	baseURL    *url.URL // always ends in "/"; request paths are appended to it
	token      string
	userAgent  string
	maxRetries int
	httpClient *http.Client
	streamHTTP *http.Client  // httpClient without its Timeout
	streamIdle time.Duration // a stream that sends nothing for this long is dropped and resumed
	retry      retryPolicy

	// Plans creates, reads, lists and cancels plans.
	Plans *PlansService
	// Steps approves and rejects steps that wait for a human.
	Steps *StepsService
	// Events streams the engine's event log.
	Events *EventsService
	// SLO reads the engine's service level objectives.
	SLO *SLOService
	// Tokens manages API tokens (owner only).
	Tokens *TokensService
	// Agents lists the agent profiles.
	Agents *AgentsService
	// Tools lists the registered tools.
	Tools *ToolsService
}

// service is what every resource service holds: the client it sends through.
type service struct {
	client *Client
}

// Option configures a Client in NewClient.
type Option func(*Client) error

// WithToken sets the bearer token sent on every request (default: the OSSAAT_TOKEN environment variable).
// The engine writes its owner token to <data-dir>/token.
func WithToken(token string) Option {
	return func(c *Client) error {
		if strings.ContainsAny(token, "\r\n") {
			return fmt.Errorf("ossaat: %w: the token contains a line break", ErrInvalidArgument)
		}
		c.token = token
		return nil
	}
}

// WithHTTPClient sends requests through hc instead of a new http.Client with no timeout. hc is never
// modified; event streams use a copy of it without its Timeout, since a stream is meant to stay open. Give
// hc's transport an IdleConnTimeout under 10 s (the default client's is 5 s): the engine closes idle
// connections soon after that, and a call that meets the close fails unless it is safe to repeat.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) error {
		if hc == nil {
			return fmt.Errorf("ossaat: %w: the http.Client is nil", ErrInvalidArgument)
		}
		c.httpClient = hc
		return nil
	}
}

// WithUserAgent sets the User-Agent header (default "ossaat-go/" + Version).
func WithUserAgent(ua string) Option {
	return func(c *Client) error {
		if ua == "" || strings.ContainsAny(ua, "\r\n") {
			return fmt.Errorf("ossaat: %w: the user agent is empty or contains a line break", ErrInvalidArgument)
		}
		c.userAgent = ua
		return nil
	}
}

// WithMaxRetries sets how many times a request that is safe to repeat is sent again after a 429, 502, 503,
// 504 or a connection error (default 3; 0 turns retries off). Event streams allow as many reconnection
// attempts in a row that get no answer before they give up.
func WithMaxRetries(n int) Option {
	return func(c *Client) error {
		if n < 0 {
			return fmt.Errorf("ossaat: %w: max retries must not be negative, got %d", ErrInvalidArgument, n)
		}
		c.maxRetries = n
		return nil
	}
}

// NewClient returns a client of the engine at baseURL. An empty baseURL means the OSSAAT_URL environment
// variable and then DefaultURL. The token defaults to OSSAAT_TOKEN; set it with WithToken.
func NewClient(baseURL string, opts ...Option) (*Client, error) {
	if baseURL == "" {
		baseURL = os.Getenv("OSSAAT_URL")
	}
	if baseURL == "" {
		baseURL = DefaultURL
	}
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("ossaat: %w: base URL %q: %v", ErrInvalidArgument, baseURL, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("ossaat: %w: base URL %q must be http(s)://host[:port][/path]", ErrInvalidArgument, baseURL)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment = "", ""

	c := &Client{
		baseURL:    u,
		token:      os.Getenv("OSSAAT_TOKEN"),
		userAgent:  defaultUserAgent,
		maxRetries: defaultMaxRetries,
		httpClient: &http.Client{Transport: newTransport()},
		streamIdle: defaultStreamIdle,
		retry:      defaultRetryPolicy(),
	}
	for _, opt := range opts {
		if err := opt(c); err != nil {
			return nil, err
		}
	}
	streamHTTP := *c.httpClient
	streamHTTP.Timeout = 0
	c.streamHTTP = &streamHTTP
	common := &service{client: c}
	c.Plans = (*PlansService)(common)
	c.Steps = (*StepsService)(common)
	c.Events = (*EventsService)(common)
	c.SLO = (*SLOService)(common)
	c.Tokens = (*TokensService)(common)
	c.Agents = (*AgentsService)(common)
	c.Tools = (*ToolsService)(common)
	return c, nil
}

// newTransport is net/http's default transport with idle connections dropped after idleConnTimeout.
func newTransport() http.RoundTripper {
	t, ok := http.DefaultTransport.(*http.Transport)
	if !ok { // a program replaced it: use a plain one
		t = &http.Transport{Proxy: http.ProxyFromEnvironment}
	}
	t = t.Clone()
	t.IdleConnTimeout = idleConnTimeout
	return t
}

// BaseURL returns the engine address the client sends to.
func (c *Client) BaseURL() string { return c.baseURL.String() }

// Health checks the engine's liveness (GET /healthz); nil means it answered 200.
func (c *Client) Health(ctx context.Context) error {
	return c.getJSON(ctx, "healthz", nil, nil)
}

// Readiness is the engine's answer to GET /readyz: its overall status and each component's ("postgres",
// "redis", "runner") state, "up" or "down".
type Readiness struct {
	Status     string            `json:"status"`
	Components map[string]string `json:"components"`
}

// IsReady reports whether the engine said it is ready to serve.
func (r *Readiness) IsReady() bool { return r.Status == "ready" }

// Ready asks the engine whether it can serve (GET /readyz). An engine that is up but not ready answers 503
// with its component states: that is returned as a Readiness whose IsReady is false, not as an error.
func (c *Client) Ready(ctx context.Context) (*Readiness, error) {
	req, err := c.newRequest(ctx, http.MethodGet, "readyz", nil, nil)
	if err != nil {
		return nil, err
	}
	r := new(Readiness)
	if err := c.do(req, r, http.StatusServiceUnavailable); err != nil {
		return nil, err
	}
	return r, nil
}

// Metrics returns the engine's Prometheus text exposition (GET /metrics).
func (c *Client) Metrics(ctx context.Context) (string, error) {
	return c.getText(ctx, "metrics", nil)
}

// OpenAPI returns the OpenAPI 3.1 document of the engine's API as YAML (GET /openapi).
func (c *Client) OpenAPI(ctx context.Context) ([]byte, error) {
	s, err := c.getText(ctx, "openapi", nil)
	return []byte(s), err
}

// newRequest builds a request to path (escaped, relative to the base URL, no leading slash) with body encoded
// as JSON when it is not nil.
func (c *Client) newRequest(ctx context.Context, method, path string, query url.Values, body any) (*http.Request, error) {
	u, err := url.Parse(c.baseURL.String() + path)
	if err != nil {
		return nil, fmt.Errorf("ossaat: %s %s: %w", method, path, err)
	}
	u.RawQuery = query.Encode()
	var buf io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, fmt.Errorf("ossaat: encode %s %s: %w", method, path, err)
		}
		buf = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), buf)
	if err != nil {
		return nil, fmt.Errorf("ossaat: %s %s: %w", method, path, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", mediaTypeJSON)
	}
	req.Header.Set("Accept", mediaTypeJSON)
	req.Header.Set("User-Agent", c.userAgent)
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	return req, nil
}

// do sends req (with retries where safe) and decodes a JSON answer into v unless v is nil. Statuses listed in
// answers are decoded like a 2xx instead of becoming an *APIError.
func (c *Client) do(req *http.Request, v any, answers ...int) error {
	resp, err := c.send(req, answers...)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if v == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		return nil
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("ossaat: decode the answer to %s %s: %w", req.Method, req.URL.Path, err)
	}
	return nil
}

// call sends method path with body as JSON (nil for none) and decodes the JSON answer into a new T.
func call[T any](ctx context.Context, c *Client, method, path string, body any) (*T, error) {
	req, err := c.newRequest(ctx, method, path, nil, body)
	if err != nil {
		return nil, err
	}
	v := new(T)
	if err := c.do(req, v); err != nil {
		return nil, err
	}
	return v, nil
}

// getJSON GETs path and decodes the JSON answer into v.
func (c *Client) getJSON(ctx context.Context, path string, query url.Values, v any) error {
	req, err := c.newRequest(ctx, http.MethodGet, path, query, nil)
	if err != nil {
		return err
	}
	return c.do(req, v)
}

// getText GETs path and returns the body as text.
func (c *Client) getText(ctx context.Context, path string, query url.Values) (string, error) {
	req, err := c.newRequest(ctx, http.MethodGet, path, query, nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("Accept", "*/*")
	resp, err := c.send(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", fmt.Errorf("ossaat: read the answer to GET %s: %w", req.URL.Path, err)
	}
	return string(b), nil
}

// pathf joins path segments, escaping each argument so an id can never change the route.
func pathf(format string, ids ...string) string {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = url.PathEscape(id)
	}
	return fmt.Sprintf(format, args...)
}

// requireID returns an ErrInvalidArgument error when id is empty.
func requireID(what, id string) error {
	if id == "" {
		return fmt.Errorf("ossaat: %w: %s is empty", ErrInvalidArgument, what)
	}
	return nil
}
