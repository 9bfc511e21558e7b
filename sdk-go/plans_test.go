package ossaat

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestPlansService_Create(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.mux.HandleFunc("POST /v1/plans", func(w http.ResponseWriter, r *http.Request) {
		if ct := r.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type = %q", ct)
		}
		if key := r.Header.Get("Idempotency-Key"); key != "my-key" {
			t.Errorf("Idempotency-Key = %q, want the caller's", key)
		}
		var body map[string]any
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			t.Error(err)
		}
		want := `map[agent:careful goal:try inputs:map[testCommand:true] labels:map[team:a] workspace:/src/repo]`
		if got := fmt.Sprint(body); got != want {
			t.Errorf("body = %s, want %s", got, want)
		}
		writePlan(w, 201)
	})
	plan, err := f.client.Plans.Create(context.Background(), &CreatePlanRequest{
		Goal: "try", Agent: "careful", Workspace: "/src/repo", Inputs: map[string]any{"testCommand": "true"},
		Labels: map[string]string{"team": "a"}, IdempotencyKey: "my-key",
	})
	if err != nil {
		t.Fatal(err)
	}
	if plan.ID != "pl_1" || plan.State != PlanWaitingApproval || plan.Labels["team"] != "a" || len(plan.Steps) != 2 {
		t.Errorf("plan = %+v", plan)
	}
	if want := time.Date(2026, 12, 1, 14, 6, 14, 268972000, time.UTC); !plan.CreatedAt.Equal(want) {
		t.Errorf("CreatedAt = %s, want %s", plan.CreatedAt, want)
	}
	step := plan.Step("index_repo")
	if step == nil || step.State != StepCompleted || step.Attempt != 1 || string(step.Output) != `{"files":3}` ||
		step.StartedAt == nil || step.FinishedAt == nil || !step.ApprovalRequired || step.TimeoutSeconds != 120 {
		t.Errorf("index_repo = %+v", step)
	}
	if s := plan.Step("apply_changes"); s == nil || s.StartedAt != nil || s.DependsOn[0] != "index_repo" {
		t.Errorf("apply_changes = %+v", s)
	}
	if a := plan.Step("apply_changes").Approval; a == nil || a.Command != "make test" || a.PatchSHA256 != "ab12" ||
		a.Decision != "approved" || a.DecidedBy != "ci bot" || a.DecidedByRole != RoleApprover || a.DecidedAt == nil {
		t.Errorf("apply_changes approval = %+v", a)
	}
	if step.Approval != nil {
		t.Errorf("index_repo has an approval %+v; the engine sent none", step.Approval)
	}
	if plan.Step("nope") != nil {
		t.Error("Step(unknown) is not nil")
	}
}

func TestPlansService_Create_makesAKeyPerCallWhenNoneIsGiven(t *testing.T) {
	t.Parallel()
	f := setup(t)
	var mu sync.Mutex
	var keys []string
	f.mux.HandleFunc("POST /v1/plans", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if string(b) != `{"goal":"g"}` {
			t.Errorf("body %s: the empty fields are sent", b)
		}
		mu.Lock()
		keys = append(keys, r.Header.Get("Idempotency-Key"))
		mu.Unlock()
		writePlan(w, 201)
	})
	req := &CreatePlanRequest{Goal: "g"}
	for range 2 {
		if _, err := f.client.Plans.Create(context.Background(), req); err != nil {
			t.Fatal(err)
		}
	}
	if len(keys[0]) < 32 || keys[0] == keys[1] {
		t.Errorf("keys %q: want a fresh random key per call", keys)
	}
	if req.IdempotencyKey != "" {
		t.Errorf("Create changed the caller's request: IdempotencyKey = %q", req.IdempotencyKey)
	}
}

func TestPlansService_Create_conflictingKey(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.mux.HandleFunc("POST /v1/plans", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, 409, "Idempotency-Key 'k' was already used for plan pl_1 with a different request")
	})
	_, err := f.client.Plans.Create(context.Background(), &CreatePlanRequest{Goal: "g", IdempotencyKey: "k"})
	if !IsConflict(err) {
		t.Errorf("Create = %v, want a conflict", err)
	}
}

func TestPlansService_argumentsAreCheckedBeforeSending(t *testing.T) {
	t.Parallel()
	f := setup(t)
	var calls atomic.Int32
	f.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { calls.Add(1) })
	ctx := context.Background()
	_, err1 := f.client.Plans.Create(ctx, nil)
	_, err2 := f.client.Plans.Get(ctx, "")
	_, err3 := f.client.Plans.Cancel(ctx, "")
	_, err4 := f.client.Steps.Approve(ctx, "", "s", "")
	_, err5 := f.client.Steps.Reject(ctx, "p", "", "")
	for i, err := range []error{err1, err2, err3, err4, err5} {
		if !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("call %d: error = %v, want ErrInvalidArgument", i+1, err)
		}
	}
	if calls.Load() != 0 {
		t.Errorf("%d requests were sent", calls.Load())
	}
}

func TestPlansService_Get(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.mux.HandleFunc("GET /v1/plans/pl_1", func(w http.ResponseWriter, r *http.Request) { writePlan(w, 200) })
	f.mux.HandleFunc("GET /v1/plans/nope", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, 404, "plan 'nope' does not exist")
	})
	plan, err := f.client.Plans.Get(context.Background(), "pl_1")
	if err != nil || plan.Goal != "try" || plan.Agent != "careful" || plan.Inputs["testCommand"] != "true" {
		t.Errorf("Get = %+v, %v", plan, err)
	}
	_, err = f.client.Plans.Get(context.Background(), "nope")
	var apiErr *APIError
	if !IsNotFound(err) || !errors.As(err, &apiErr) || apiErr.Detail != "plan 'nope' does not exist" {
		t.Errorf("Get(nope) = %v, want a 404 APIError", err)
	}
}

func TestPlansService_Cancel(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.mux.HandleFunc("POST /v1/plans/pl_1/cancel", func(w http.ResponseWriter, r *http.Request) { writePlan(w, 200) })
	f.mux.HandleFunc("POST /v1/plans/done/cancel", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, 409, "plan 'done' is already completed")
	})
	if plan, err := f.client.Plans.Cancel(context.Background(), "pl_1"); err != nil || plan.ID != "pl_1" {
		t.Errorf("Cancel = %v, %v", plan, err)
	}
	if _, err := f.client.Plans.Cancel(context.Background(), "done"); !IsConflict(err) {
		t.Errorf("Cancel(done) = %v, want a conflict", err)
	}
}

func TestPlansService_List(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.mux.HandleFunc("GET /v1/plans", func(w http.ResponseWriter, r *http.Request) {
		if got, want := r.URL.RawQuery, "cursor=c%2B1&limit=10&state=waiting_approval"; got != want {
			t.Errorf("query = %q, want %q", got, want)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"items":[%s],"nextCursor":"c2"}`, planJSON)
	})
	page, err := f.client.Plans.List(context.Background(), &ListPlansOptions{State: PlanWaitingApproval, Limit: 10, Cursor: "c+1"})
	if err != nil || len(page.Items) != 1 || page.Items[0].ID != "pl_1" || page.NextCursor != "c2" {
		t.Errorf("List = %+v, %v", page, err)
	}
}

func TestPlansService_List_nilOptionsSendNoQuery(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.mux.HandleFunc("GET /v1/plans", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery != "" {
			t.Errorf("query = %q, want none", r.URL.RawQuery)
		}
		writeJSON(w, 200, map[string]any{"items": []any{}})
	})
	page, err := f.client.Plans.List(context.Background(), nil)
	if err != nil || len(page.Items) != 0 || page.NextCursor != "" {
		t.Errorf("List = %+v, %v", page, err)
	}
}

// pagedPlans serves plans p0..p(n-1), size a page, with cursors "after-<index>", and counts the pages served.
func pagedPlans(t *testing.T, f *fixture, n, size int, failAt string) *atomic.Int32 {
	var pages atomic.Int32
	f.mux.HandleFunc("GET /v1/plans", func(w http.ResponseWriter, r *http.Request) {
		pages.Add(1)
		cursor := r.URL.Query().Get("cursor")
		if cursor != "" && cursor == failAt {
			writeProblem(w, 400, "cursor: is not a cursor this API handed out")
			return
		}
		start := 0
		if cursor != "" {
			fmt.Sscanf(cursor, "after-%d", &start)
			start++
		}
		var page PlanList
		for i := start; i < n && i < start+size; i++ {
			page.Items = append(page.Items, &Plan{ID: fmt.Sprintf("p%d", i), State: PlanRunning})
		}
		if last := start + size - 1; last < n-1 {
			page.NextCursor = fmt.Sprintf("after-%d", last)
		}
		writeJSON(w, 200, page)
	})
	return &pages
}

func TestPlansService_All_walksEveryPage(t *testing.T) {
	t.Parallel()
	f := setup(t)
	pages := pagedPlans(t, f, 7, 3, "")
	var ids []string
	for p, err := range f.client.Plans.All(context.Background(), &ListPlansOptions{Limit: 3}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	if got := fmt.Sprint(ids); got != "[p0 p1 p2 p3 p4 p5 p6]" {
		t.Errorf("All yielded %s", got)
	}
	if pages.Load() != 3 {
		t.Errorf("%d pages fetched, want 3", pages.Load())
	}
}

func TestPlansService_All_earlyBreakFetchesNoFurtherPage(t *testing.T) {
	t.Parallel()
	f := setup(t)
	pages := pagedPlans(t, f, 100, 3, "")
	n := 0
	for _, err := range f.client.Plans.All(context.Background(), &ListPlansOptions{Limit: 3}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 4 {
			break
		}
	}
	if pages.Load() != 2 {
		t.Errorf("%d pages fetched for 4 plans of 3 a page, want 2", pages.Load())
	}
}

func TestPlansService_All_yieldsAnErrorOnceAndStops(t *testing.T) {
	t.Parallel()
	f := setup(t)
	pagedPlans(t, f, 7, 3, "after-2")
	var ids []string
	var errs []error
	for p, err := range f.client.Plans.All(context.Background(), &ListPlansOptions{Limit: 3}) {
		if err != nil {
			errs = append(errs, err)
			continue // a careless caller: the iterator must still stop
		}
		ids = append(ids, p.ID)
	}
	if fmt.Sprint(ids) != "[p0 p1 p2]" || len(errs) != 1 || !hasStatus(errs[0], 400) {
		t.Errorf("All yielded %v and errors %v; want the first page, then one 400", ids, errs)
	}
}

func TestPlanState_Finished(t *testing.T) {
	t.Parallel()
	for s, want := range map[PlanState]bool{PlanRunning: false, PlanWaitingApproval: false, PlanCompleted: true,
		PlanFailed: true, PlanRejected: true, PlanCancelled: true} {
		if s.Finished() != want {
			t.Errorf("%s.Finished() = %v", s, !want)
		}
	}
}
