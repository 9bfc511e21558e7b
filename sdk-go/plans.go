package ossaat

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// PlansService creates, reads, lists and cancels plans (/v1/plans).
type PlansService service

// PlanState is where a plan stands.
type PlanState string

// The plan states.
const (
	PlanRunning         PlanState = "running"
	PlanWaitingApproval PlanState = "waiting_approval"
	PlanCompleted       PlanState = "completed"
	PlanFailed          PlanState = "failed"
	PlanRejected        PlanState = "rejected"
	PlanCancelled       PlanState = "cancelled"
)

// Finished reports whether the plan can change no more (completed, failed, rejected or cancelled).
func (s PlanState) Finished() bool {
	switch s {
	case PlanCompleted, PlanFailed, PlanRejected, PlanCancelled:
		return true
	}
	return false
}

// StepState is where a step stands.
type StepState string

// The step states.
const (
	StepPending         StepState = "pending"
	StepWaitingApproval StepState = "waiting_approval"
	StepQueued          StepState = "queued"
	StepRunning         StepState = "running"
	StepRetrying        StepState = "retrying"
	StepCompleted       StepState = "completed"
	StepFailed          StepState = "failed"
	StepRejected        StepState = "rejected"
	StepDeadLettered    StepState = "dead_lettered"
	StepCancelled       StepState = "cancelled"
)

// Plan is a goal broken into steps.
type Plan struct {
	ID        string            `json:"id"`
	Goal      string            `json:"goal"`
	Agent     string            `json:"agent"`
	Workspace string            `json:"workspace,omitempty"`
	Inputs    map[string]any    `json:"inputs"`
	Labels    map[string]string `json:"labels,omitempty"`
	State     PlanState         `json:"state"`
	// Reason says why the plan stopped, when it did.
	Reason    string    `json:"reason,omitempty"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
	Steps     []Step    `json:"steps"`
}

// Step returns the step with the given id, or nil.
func (p *Plan) Step(id string) *Step {
	for i := range p.Steps {
		if p.Steps[i].ID == id {
			return &p.Steps[i]
		}
	}
	return nil
}

// Step is one action of a plan, run by a tool under a capability.
type Step struct {
	ID               string         `json:"id"`
	Action           string         `json:"action"`
	Tool             string         `json:"tool"`
	Capability       string         `json:"capability"`
	CapabilityLabel  string         `json:"capabilityLabel"`
	ApprovalRequired bool           `json:"approvalRequired"`
	TimeoutSeconds   int            `json:"timeoutSeconds"`
	DependsOn        []string       `json:"dependsOn,omitempty"`
	State            StepState      `json:"state"`
	Attempt          int            `json:"attempt"`
	Input            map[string]any `json:"input,omitempty"`
	// Output is what the tool returned, as the engine sent it (any JSON value); decode it into your own type.
	Output     json.RawMessage `json:"output,omitempty"`
	Summary    string          `json:"summary,omitempty"`
	StartedAt  *time.Time      `json:"startedAt,omitempty"`
	FinishedAt *time.Time      `json:"finishedAt,omitempty"`
	// Approval is set on a step that waits for a human or was decided; nil on engines without it.
	Approval *Approval `json:"approval,omitempty"`
}

// Approval is what a human approves on a step (fixed when the plan was made) and the last decision on it.
type Approval struct {
	// Command is the exact command (from inputs.testCommand) the step runs, when it runs one.
	Command string `json:"command,omitempty"`
	// PatchSHA256 is the hex SHA-256 of inputs.patch, when the step applies it.
	PatchSHA256 string `json:"patchSha256,omitempty"`
	// Decision is "approved" or "rejected"; empty until someone decides.
	Decision string `json:"decision,omitempty"`
	// DecidedBy is the deciding token's label, DecidedByRole its role.
	DecidedBy     string     `json:"decidedBy,omitempty"`
	DecidedByRole Role       `json:"decidedByRole,omitempty"`
	Rationale     string     `json:"rationale,omitempty"`
	DecidedAt     *time.Time `json:"decidedAt,omitempty"`
}

// CreatePlanRequest is a new plan: a goal, and optionally the agent that plans it, the workspace folder (on the
// engine's machine) its tools work in, the tools' parameters and labels.
type CreatePlanRequest struct {
	Goal      string            `json:"goal"`
	Agent     string            `json:"agent,omitempty"`
	Workspace string            `json:"workspace,omitempty"`
	Inputs    map[string]any    `json:"inputs,omitempty"`
	Labels    map[string]string `json:"labels,omitempty"`
	// IdempotencyKey makes sending the same request again return the plan the first one created. When empty,
	// Create makes a random key for this call, so its own retries never create two plans.
	IdempotencyKey string `json:"-"`
}

// Create creates a plan (POST /v1/plans). A key the engine has seen with the same request returns the plan
// created then; with a different request it is a conflict (IsConflict).
func (s *PlansService) Create(ctx context.Context, r *CreatePlanRequest) (*Plan, error) {
	if r == nil {
		return nil, fmt.Errorf("ossaat: %w: the CreatePlanRequest is nil", ErrInvalidArgument)
	}
	key := r.IdempotencyKey
	if key == "" {
		var err error
		if key, err = newIdempotencyKey(); err != nil {
			return nil, err
		}
	}
	req, err := s.client.newRequest(ctx, http.MethodPost, "v1/plans", nil, r)
	if err != nil {
		return nil, err
	}
	req.Header.Set(headerIdempotency, key)
	plan := new(Plan)
	if err := s.client.do(req, plan); err != nil {
		return nil, err
	}
	return plan, nil
}

// newIdempotencyKey is 128 random bits.
func newIdempotencyKey() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("ossaat: make an idempotency key: %w", err)
	}
	return "ossaat-go-" + hex.EncodeToString(b), nil
}

// Get returns one plan with its steps (GET /v1/plans/{id}).
func (s *PlansService) Get(ctx context.Context, id string) (*Plan, error) {
	return s.plan(ctx, http.MethodGet, "plan id", id, "v1/plans/%s")
}

// Cancel cancels what has not finished of a plan and interrupts a running tool (POST /v1/plans/{id}/cancel).
// A plan that has finished already is a conflict (IsConflict). It is not sent again once it may have reached
// the engine.
func (s *PlansService) Cancel(ctx context.Context, id string) (*Plan, error) {
	return s.plan(ctx, http.MethodPost, "plan id", id, "v1/plans/%s/cancel")
}

// plan sends a body-less request to a route of one plan and decodes the plan it answers with.
func (s *PlansService) plan(ctx context.Context, method, what, id, route string) (*Plan, error) {
	if err := requireID(what, id); err != nil {
		return nil, err
	}
	return call[Plan](ctx, s.client, method, pathf(route, id), nil)
}

// ListPlansOptions filters and pages List and All. The zero value lists every plan, 50 a page.
type ListPlansOptions struct {
	// State keeps only plans in this state.
	State PlanState
	// Limit is the page size, 1 to 200 (0: the engine's default, 50).
	Limit int
	// Cursor is the NextCursor of the previous page ("" for the first).
	Cursor string
}

// PlanList is one page of plans, newest first.
type PlanList struct {
	Items []*Plan `json:"items"`
	// NextCursor fetches the next page; "" on the last page.
	NextCursor string `json:"nextCursor,omitempty"`
}

// List returns one page of plans, newest first (GET /v1/plans). opts may be nil.
func (s *PlansService) List(ctx context.Context, opts *ListPlansOptions) (*PlanList, error) {
	q := url.Values{}
	if opts != nil {
		if opts.State != "" {
			q.Set("state", string(opts.State))
		}
		if opts.Limit != 0 {
			q.Set("limit", strconv.Itoa(opts.Limit))
		}
		if opts.Cursor != "" {
			q.Set("cursor", opts.Cursor)
		}
	}
	page := new(PlanList)
	if err := s.client.getJSON(ctx, "v1/plans", q, page); err != nil {
		return nil, err
	}
	return page, nil
}

// All yields every plan from opts.Cursor on, fetching the pages lazily, newest first. After an error it yields
// (nil, err) once and stops; breaking out of the loop fetches no further page. opts may be nil.
func (s *PlansService) All(ctx context.Context, opts *ListPlansOptions) iter.Seq2[*Plan, error] {
	var o ListPlansOptions
	if opts != nil {
		o = *opts
	}
	return func(yield func(*Plan, error) bool) {
		for {
			page, err := s.List(ctx, &o)
			if err != nil {
				yield(nil, err)
				return
			}
			for _, p := range page.Items {
				if !yield(p, nil) {
					return
				}
			}
			if page.NextCursor == "" || page.NextCursor == o.Cursor || len(page.Items) == 0 {
				return
			}
			o.Cursor = page.NextCursor
		}
	}
}
