package ossaat_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ossaat/ossaat/sdk-go"
)

// These tests talk to the real engine TestMain started: nothing here is mocked.

func newClient(t *testing.T, e *engine, opts ...ossaat.Option) *ossaat.Client {
	t.Helper()
	c, err := ossaat.NewClient(e.url, append([]ossaat.Option{ossaat.WithToken(e.token)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

func randomKey(t *testing.T) string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return "it-" + hex.EncodeToString(b)
}

// watch streams a plan's events until the plan's own event says it finished, calling on for each event.
func watch(t *testing.T, c *ossaat.Client, opts ossaat.StreamOptions, on func(ossaat.Event)) []ossaat.Event {
	t.Helper()
	var events []ossaat.Event
	for ev, err := range c.Events.Stream(testContext(t), opts) {
		if err != nil {
			t.Fatalf("stream after %d events: %v", len(events), err)
		}
		events = append(events, ev)
		on(ev)
		if ev.StepID == "" && ossaat.PlanState(ev.State).Finished() {
			break
		}
	}
	return events
}

func TestIntegration_planLifecycle(t *testing.T) {
	e := needEngine(t)
	c := newClient(t, e)
	ctx := testContext(t)

	if err := c.Health(ctx); err != nil {
		t.Fatalf("Health: %v", err)
	}
	if r, err := c.Ready(ctx); err != nil || !r.IsReady() || r.Components["postgres"] != "up" {
		t.Fatalf("Ready = %+v, %v", r, err)
	}

	// Create with a key twice: one plan.
	req := &ossaat.CreatePlanRequest{Goal: "integration: approve", Agent: "careful",
		Inputs: map[string]any{"testCommand": "true", "patch": newFilePatch}, Labels: map[string]string{"suite": "sdk-go"}, IdempotencyKey: randomKey(t)}
	plan, err := c.Plans.Create(ctx, req)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	again, err := c.Plans.Create(ctx, req)
	if err != nil || again.ID != plan.ID {
		t.Fatalf("Create with the same key = %v, %v; want plan %s again", again, err, plan.ID)
	}
	if plan.State != ossaat.PlanWaitingApproval || plan.Agent != "careful" || plan.Labels["suite"] != "sdk-go" ||
		plan.Step("index_repo") == nil || plan.Step("index_repo").State != ossaat.StepWaitingApproval {
		t.Fatalf("created plan = %+v", plan)
	}

	// List: the plan is there exactly once, across real pages of 2.
	seen := 0
	for p, err := range c.Plans.All(ctx, &ossaat.ListPlansOptions{Limit: 2}) {
		if err != nil {
			t.Fatalf("All: %v", err)
		}
		if p.ID == plan.ID {
			seen++
		}
	}
	if seen != 1 {
		t.Errorf("All listed plan %s %d times, want once", plan.ID, seen)
	}
	page, err := c.Plans.List(ctx, &ossaat.ListPlansOptions{State: ossaat.PlanWaitingApproval, Limit: 200})
	if err != nil || !slices.ContainsFunc(page.Items, func(p *ossaat.Plan) bool { return p.ID == plan.ID }) {
		t.Errorf("List(waiting_approval) = %v, %v; want it to hold %s", page, err, plan.ID)
	}

	// Stream its events; approve the first step when the stream shows it waiting.
	approved := false
	events := watch(t, c, ossaat.StreamOptions{PlanID: plan.ID}, func(ev ossaat.Event) {
		if ev.StepID == "index_repo" && ev.State == string(ossaat.StepWaitingApproval) && !approved {
			approved = true
			if _, err := c.Steps.Approve(ctx, plan.ID, "index_repo", "integration test"); err != nil {
				t.Fatalf("Approve: %v", err)
			}
		}
	})
	var ids []string
	sawApproval := false
	for _, ev := range events {
		if ev.ID == "" || ev.PlanID != plan.ID || ev.OccurredAt.IsZero() {
			t.Errorf("event %+v: want an id, the plan id and a time", ev)
		}
		ids = append(ids, ev.ID)
		sawApproval = sawApproval || (ev.StepID == "index_repo" && ev.State == string(ossaat.StepQueued) &&
			strings.Contains(ev.Summary, "integration test"))
	}
	unique := map[string]bool{}
	for _, id := range ids {
		unique[id] = true
	}
	if len(unique) != len(ids) {
		t.Errorf("event ids %v repeat", ids)
	}
	if !sawApproval {
		t.Errorf("no event shows index_repo queued by the approval: %+v", events)
	}

	// Resume after the third event: exactly the rest, in order.
	var rest []string
	watch(t, c, ossaat.StreamOptions{PlanID: plan.ID, After: ids[2]}, func(ev ossaat.Event) { rest = append(rest, ev.ID) })
	if !slices.Equal(rest, ids[3:]) {
		t.Errorf("after %s the stream yielded %v, want %v", ids[2], rest, ids[3:])
	}

	// The stream of every plan holds this plan's events too.
	n := 0
	for ev, err := range c.Events.Stream(ctx, ossaat.StreamOptions{After: ids[0]}) {
		if err != nil {
			t.Fatalf("all-plans stream: %v", err)
		}
		if ev.ID == ids[1] {
			break
		}
		if n++; n > 10000 {
			t.Fatalf("all-plans stream: event %s never came", ids[1])
		}
	}
}

func TestIntegration_rejectAndCancel(t *testing.T) {
	e := needEngine(t)
	c := newClient(t, e)
	ctx := testContext(t)

	plan, err := c.Plans.Create(ctx, &ossaat.CreatePlanRequest{Goal: "integration: reject", Agent: "careful",
		Inputs: map[string]any{"patch": newFilePatch}})
	if err != nil {
		t.Fatal(err)
	}
	rejected, err := c.Steps.Reject(ctx, plan.ID, "index_repo", "not today")
	if err != nil || rejected.State != ossaat.PlanRejected || rejected.Step("index_repo").State != ossaat.StepRejected {
		t.Fatalf("Reject = %+v, %v; want a rejected plan", rejected, err)
	}
	if e.hasTokenRoutes() { // the same change records decisions on the step
		a := rejected.Step("index_repo").Approval
		if a == nil || a.Decision != "rejected" || a.Rationale != "not today" || a.DecidedByRole != ossaat.RoleOwner || a.DecidedAt == nil {
			t.Errorf("index_repo's approval after the rejection = %+v", a)
		}
	}
	if _, err := c.Steps.Reject(ctx, plan.ID, "index_repo", ""); !ossaat.IsConflict(err) {
		t.Errorf("second Reject = %v, want a conflict", err)
	}
	if _, err := c.Plans.Cancel(ctx, plan.ID); !ossaat.IsConflict(err) {
		t.Errorf("Cancel of a rejected plan = %v, want a conflict", err)
	}

	plan, err = c.Plans.Create(ctx, &ossaat.CreatePlanRequest{Goal: "integration: cancel", Agent: "careful",
		Inputs: map[string]any{"patch": newFilePatch}})
	if err != nil {
		t.Fatal(err)
	}
	cancelled, err := c.Plans.Cancel(ctx, plan.ID)
	if err != nil || cancelled.State != ossaat.PlanCancelled {
		t.Fatalf("Cancel = %+v, %v", cancelled, err)
	}
	got, err := c.Plans.Get(ctx, plan.ID)
	if err != nil || got.State != ossaat.PlanCancelled || got.Reason == "" {
		t.Errorf("Get after Cancel = %+v, %v; want cancelled with a reason", got, err)
	}
}

func TestIntegration_errors(t *testing.T) {
	e := needEngine(t)
	c := newClient(t, e)
	ctx := testContext(t)

	_, err := c.Plans.Get(ctx, "pl_does_not_exist")
	var apiErr *ossaat.APIError
	if !errors.As(err, &apiErr) || !ossaat.IsNotFound(err) || apiErr.Title != "Not Found" || !strings.Contains(apiErr.Detail, "pl_does_not_exist") {
		t.Errorf("Get(unknown) = %v, want a 404 APIError naming the plan", err)
	}

	_, err = c.Plans.Create(ctx, &ossaat.CreatePlanRequest{Goal: ""})
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || len(apiErr.Errors) == 0 || apiErr.Errors[0].Field != "goal" {
		t.Errorf("Create without a goal = %v, want a 400 naming the field goal", err)
	}

	_, err = c.Plans.Create(ctx, &ossaat.CreatePlanRequest{Goal: "no patch", Agent: "careful"})
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || len(apiErr.Errors) == 0 || apiErr.Errors[0].Field != "inputs.patch" {
		t.Errorf("Create for careful without a patch = %v, want a 400 naming inputs.patch", err)
	}

	_, err = c.Plans.List(ctx, &ossaat.ListPlansOptions{Limit: 1000})
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || apiErr.Errors[0].Field != "limit" {
		t.Errorf("List with limit 1000 = %v, want a 400 naming limit", err)
	}

	stranger := newClient(t, e, ossaat.WithToken("not-the-token"))
	if _, err := stranger.Plans.List(ctx, nil); !ossaat.IsUnauthorized(err) {
		t.Errorf("List with a bad token = %v, want 401", err)
	}
	for _, err := range stranger.Events.Stream(ctx, ossaat.StreamOptions{}) {
		if !ossaat.IsUnauthorized(err) {
			t.Errorf("Stream with a bad token = %v, want 401", err)
		}
		break
	}
}

func TestIntegration_catalogAndSLO(t *testing.T) {
	e := needEngine(t)
	c := newClient(t, e)
	ctx := testContext(t)

	agents, err := c.Agents.List(ctx)
	if err != nil || !slices.ContainsFunc(agents, func(a ossaat.Agent) bool { return a.Name == "careful" }) {
		t.Errorf("Agents.List = %+v, %v; want the careful agent", agents, err)
	}
	tools, err := c.Tools.List(ctx)
	if err != nil || !slices.ContainsFunc(tools, func(tl ossaat.Tool) bool { return tl.Name == "repo_indexer" }) {
		t.Errorf("Tools.List = %+v, %v; want repo_indexer", tools, err)
	}
	statuses, err := c.SLO.Status(ctx)
	if err != nil || len(statuses) == 0 || statuses[0].Objective <= 0 {
		t.Fatalf("SLO.Status = %+v, %v", statuses, err)
	}
	detail, err := c.SLO.Get(ctx, statuses[0].Name, 30*time.Minute)
	if err != nil || detail.Status.Name != statuses[0].Name || len(detail.Points) == 0 {
		t.Errorf("SLO.Get = %+v, %v", detail, err)
	}
	if _, err := c.SLO.Get(ctx, "no-such-slo", 0); !ossaat.IsNotFound(err) {
		t.Errorf("SLO.Get(unknown) = %v, want not found", err)
	}
	for snapshot, err := range c.SLO.Stream(ctx) {
		if err != nil || len(snapshot) != len(statuses) {
			t.Errorf("SLO.Stream = %d statuses, %v; want %d", len(snapshot), err, len(statuses))
		}
		break
	}
	if rules, err := c.SLO.Rules(ctx); err != nil || !strings.Contains(rules, "groups:") {
		t.Errorf("SLO.Rules = %.80q, %v", rules, err)
	}
	if m, err := c.Metrics(ctx); err != nil || !strings.Contains(m, "ossaat_slo_sli") {
		t.Errorf("Metrics = %.80q, %v", m, err)
	}
	if doc, err := c.OpenAPI(ctx); err != nil || !strings.HasPrefix(string(doc), "openapi:") {
		t.Errorf("OpenAPI = %.80q, %v", doc, err)
	}
}

func TestIntegration_tokens(t *testing.T) {
	e := needEngine(t)
	c := newClient(t, e)
	ctx := testContext(t)
	if !e.hasTokenRoutes() {
		t.Skip("this engine has no /v1/tokens routes yet; the unit tests cover TokensService")
	}
	tok, err := c.Tokens.Create(ctx, &ossaat.CreateTokenRequest{Role: ossaat.RoleViewer, Label: "sdk-go integration"})
	if err != nil || tok.Secret == "" || tok.Role != ossaat.RoleViewer {
		t.Fatalf("Tokens.Create = %+v, %v", tok, err)
	}
	viewer := newClient(t, e, ossaat.WithToken(tok.Secret))
	if _, err := viewer.Plans.List(ctx, &ossaat.ListPlansOptions{Limit: 1}); err != nil {
		t.Errorf("a viewer lists plans: %v", err)
	}
	if _, err := viewer.Plans.Create(ctx, &ossaat.CreatePlanRequest{Goal: "a viewer may not"}); !ossaat.IsForbidden(err) {
		t.Errorf("a viewer creates a plan: %v, want 403", err)
	}
	if _, err := viewer.Tokens.List(ctx); !ossaat.IsForbidden(err) {
		t.Errorf("a viewer lists tokens: %v, want 403", err)
	}
	list, err := c.Tokens.List(ctx)
	if err != nil || !slices.ContainsFunc(list, func(x ossaat.Token) bool { return x.ID == tok.ID && x.RevokedAt == nil }) {
		t.Errorf("Tokens.List = %+v, %v; want the new token", list, err)
	}
	if err := c.Tokens.Revoke(ctx, tok.ID); err != nil {
		t.Fatalf("Tokens.Revoke: %v", err)
	}
	if _, err := viewer.Plans.List(ctx, nil); !ossaat.IsUnauthorized(err) {
		t.Errorf("a revoked token lists plans: %v, want 401", err)
	}
}

// TestIntegration_quickStart runs the README's quick start as a user would: go run, with OSSAAT_URL and
// OSSAAT_TOKEN in the environment.
func TestIntegration_quickStart(t *testing.T) {
	e := needEngine(t)
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH to run the quick start with")
	}
	ctx := testContext(t)
	cmd := exec.CommandContext(ctx, goBin, "run", "./examples/quickstart")
	cmd.Env = append(os.Environ(), "OSSAAT_URL="+e.url, "OSSAAT_TOKEN="+e.token)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run ./examples/quickstart: %v\n%s", err, out)
	}
	for _, want := range []string{"index_repo waiting_approval", "index_repo rejected", " rejected step index_repo rejected"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the quick start printed\n%s\nwithout %q", out, want)
		}
	}
}

// The engine closes a connection that has waited about 30 s for a request (counted from the start of the last
// one). A call sent on it as it closes fails with EOF, and net/http sends again only what is safe to repeat: a
// cancel, an approval or a rejection failed. Calls 29.5-31.5 s after the last one, spread so that some meet the
// close, must all be answered (with net/http's default 90 s idle timeout, 24 of the 41 failed at load 25).
func TestIntegration_callsWhenTheEngineClosesIdleConnections(t *testing.T) {
	e := needEngine(t)
	t.Parallel()
	var wg sync.WaitGroup
	for i := range 41 {
		idle := 29500*time.Millisecond + time.Duration(i)*50*time.Millisecond
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newClient(t, e)
			ctx := testContext(t)
			if err := c.Health(ctx); err != nil {
				t.Errorf("health: %v", err)
				return
			}
			time.Sleep(idle)
			if _, err := c.Plans.Cancel(ctx, "pl_never_made"); !ossaat.IsNotFound(err) {
				t.Errorf("a cancel %v after the last call: want the engine's 404, got %v", idle, err)
			}
		}()
	}
	wg.Wait()
}
