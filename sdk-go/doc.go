// Package ossaat is the Go client of the ossaat engine's HTTP API v1.
//
// A goal becomes a plan of steps; steps run tools under capabilities; risky steps wait for a human; every
// transition is an event. The client groups the API by resource, the way go-github does:
//
//	c, err := ossaat.NewClient("") // OSSAAT_URL, else http://127.0.0.1:7070; the token from OSSAAT_TOKEN
//	plan, err := c.Plans.Create(ctx, &ossaat.CreatePlanRequest{Goal: "add a README", Agent: "careful"})
//	for ev, err := range c.Events.Stream(ctx, ossaat.StreamOptions{PlanID: plan.ID}) { ... }
//	plan, err = c.Steps.Approve(ctx, plan.ID, "index_repo", "looks right")
//
// Every method takes a context first and returns a value and an error. Errors the engine answers with are
// *APIError values (decoded from RFC 9457 problem+json); match them with errors.As or IsNotFound,
// IsConflict, IsRateLimited, IsForbidden and IsUnauthorized.
//
// Retries: GET requests and plan creations (which always carry an Idempotency-Key, so a retry can never make a
// second plan) are sent again after a 429, 502, 503 or 504 answer or a connection error, honouring Retry-After,
// with capped exponential backoff and jitter (WithMaxRetries sets how often). Approvals, rejections,
// cancellations and token changes are never sent twice once the request may have reached the engine. A
// cancelled context stops at once.
//
// Event streams (Events.Stream) yield the history first and then live events; after a dropped connection they
// reconnect with Last-Event-ID, so no event is yielded twice and none is lost. Breaking out of the range loop
// closes the stream.
package ossaat
