package ossaat

import (
	"context"
	"net/http"
)

// StepsService approves and rejects steps that wait for a human
// (/v1/plans/{id}/steps/{stepId}/approve and .../reject).
type StepsService service

// decision is the body of an approval or a rejection.
type decision struct {
	Rationale string `json:"rationale,omitempty"`
}

// Approve lets a step that waits for approval run, recording rationale (may be empty) with who decided and
// when. It returns the plan as it is after the decision. A step that does not wait for approval is a conflict
// (IsConflict). An approval is not sent again once it may have reached the engine.
func (s *StepsService) Approve(ctx context.Context, planID, stepID, rationale string) (*Plan, error) {
	return s.decide(ctx, planID, stepID, "approve", rationale)
}

// Reject stops a step that waits for approval, and with it the plan (which becomes rejected). It returns the
// plan as it is after the decision. A step that does not wait for approval is a conflict (IsConflict). A
// rejection is not sent again once it may have reached the engine.
func (s *StepsService) Reject(ctx context.Context, planID, stepID, rationale string) (*Plan, error) {
	return s.decide(ctx, planID, stepID, "reject", rationale)
}

func (s *StepsService) decide(ctx context.Context, planID, stepID, verb, rationale string) (*Plan, error) {
	if err := requireID("plan id", planID); err != nil {
		return nil, err
	}
	if err := requireID("step id", stepID); err != nil {
		return nil, err
	}
	return call[Plan](ctx, s.client, http.MethodPost, pathf("v1/plans/%s/steps/%s/", planID, stepID)+verb,
		decision{Rationale: rationale})
}
