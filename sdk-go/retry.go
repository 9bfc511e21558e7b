package ossaat

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"slices"
	"time"
)

// retryPolicy says how long to wait between attempts. Its clock and randomness are fields so tests can run
// it without waiting.
type retryPolicy struct {
	base          time.Duration // the first backoff; it doubles per attempt
	max           time.Duration // the longest backoff
	maxRetryAfter time.Duration // a longer Retry-After is returned to the caller instead of waited out
	jitter        func() float64
	sleep         func(ctx context.Context, d time.Duration) error
}

func defaultRetryPolicy() retryPolicy {
	return retryPolicy{
		base:          250 * time.Millisecond,
		max:           8 * time.Second,
		maxRetryAfter: time.Minute,
		jitter:        rand.Float64,
		sleep:         sleep,
	}
}

// backoff is the wait before retry number n (0 for the first): base·2ⁿ capped at max, of which the upper half
// is random so that clients that failed together do not come back together.
func (p retryPolicy) backoff(n int) time.Duration {
	d := p.max
	if n < 30 && p.base<<n < p.max {
		d = p.base << n
	}
	return d/2 + time.Duration(p.jitter()*float64(d/2))
}

// sleep waits d or until ctx is done, whichever comes first.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// retryableStatus: the engine did not act on the request and may accept it later.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// neverSent reports whether err happened before the request could reach the engine (no connection was made),
// so that even a request that must not run twice can be sent again.
func neverSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// send sends req and returns a response with a 2xx status or one of answers; any other status becomes an
// *APIError. A request that is safe to repeat (a GET, or one with an Idempotency-Key) is sent again after a
// retryable status or a connection error, up to the client's max retries; any request is sent again when the
// connection could not even be opened.
func (c *Client) send(req *http.Request, answers ...int) (*http.Response, error) {
	ctx := req.Context()
	repeatable := req.Method == http.MethodGet || req.Header.Get(headerIdempotency) != ""
	for attempt := 0; ; attempt++ {
		var wait time.Duration
		resp, err := c.httpClient.Do(req)
		switch {
		case err != nil:
			if ctx.Err() != nil || attempt >= c.maxRetries || !(repeatable || neverSent(err)) {
				return nil, fmt.Errorf("ossaat: %w", err)
			}
			wait = c.retry.backoff(attempt)
		case resp.StatusCode < 300 || slices.Contains(answers, resp.StatusCode):
			return resp, nil
		default:
			apiErr := newAPIError(resp)
			if attempt >= c.maxRetries || !repeatable || !retryableStatus(resp.StatusCode) ||
				apiErr.RetryAfter > c.retry.maxRetryAfter {
				return nil, apiErr
			}
			wait = max(apiErr.RetryAfter, c.retry.backoff(attempt))
		}
		if err := c.retry.sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("ossaat: %s %s: %w", req.Method, req.URL.Path, err)
		}
		if req, err = rewind(req); err != nil {
			return nil, err
		}
	}
}

// rewind returns a copy of req, which was sent already, with a fresh body.
func rewind(req *http.Request) (*http.Request, error) {
	r := req.Clone(req.Context())
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, fmt.Errorf("ossaat: %s %s: rewind the body: %w", req.Method, req.URL.Path, err)
		}
		r.Body = body
	}
	return r, nil
}
