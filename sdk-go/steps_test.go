package ossaat

import (
	"context"
	"io"
	"net/http"
	"testing"
)

func TestStepsService_ApproveAndReject(t *testing.T) {
	t.Parallel()
	f := setup(t)
	for _, verb := range []string{"approve", "reject"} {
		f.mux.HandleFunc("POST /v1/plans/pl_1/steps/{step}/"+verb, func(w http.ResponseWriter, r *http.Request) {
			b, _ := io.ReadAll(r.Body)
			want := map[string]string{"index_repo": `{"rationale":"looks right"}`, "open_pr": `{}`}[r.PathValue("step")]
			if string(b) != want || r.Header.Get("Content-Type") != "application/json" {
				t.Errorf("%s %s: body %s (%s), want %s", verb, r.PathValue("step"), b, r.Header.Get("Content-Type"), want)
			}
			writePlan(w, 200)
		})
	}
	ctx := context.Background()
	if plan, err := f.client.Steps.Approve(ctx, "pl_1", "index_repo", "looks right"); err != nil || plan.ID != "pl_1" {
		t.Errorf("Approve = %v, %v", plan, err)
	}
	if _, err := f.client.Steps.Approve(ctx, "pl_1", "open_pr", ""); err != nil {
		t.Errorf("Approve without rationale = %v", err)
	}
	if plan, err := f.client.Steps.Reject(ctx, "pl_1", "index_repo", "looks right"); err != nil || plan.ID != "pl_1" {
		t.Errorf("Reject = %v, %v", plan, err)
	}
}

func TestStepsService_Approve_stepNotWaiting(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.mux.HandleFunc("POST /v1/plans/pl_1/steps/apply_changes/approve", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, 409, "step 'apply_changes' is pending, not waiting for approval")
	})
	f.mux.HandleFunc("POST /v1/plans/pl_1/steps/apply_changes/reject", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, 403, "rejecting needs the role approver; this token is agent")
	})
	if _, err := f.client.Steps.Approve(context.Background(), "pl_1", "apply_changes", ""); !IsConflict(err) {
		t.Errorf("Approve = %v, want a conflict", err)
	}
	if _, err := f.client.Steps.Reject(context.Background(), "pl_1", "apply_changes", ""); !IsForbidden(err) {
		t.Errorf("Reject = %v, want forbidden", err)
	}
}
