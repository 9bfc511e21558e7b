package ossaat

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"time"
)

// EventsService streams the engine's event log (/v1/events and /v1/plans/{id}/events).
type EventsService service

// Event is one transition of a plan or of one of its steps.
type Event struct {
	// ID is the event's id exactly as the server sent it (SSE id:). Treat it as opaque: pass it as
	// StreamOptions.After to continue after this event.
	ID string `json:"-"`
	// Type is the SSE event name, "plan.step" for plan and step transitions.
	Type   string `json:"-"`
	PlanID string `json:"planId"`
	// StepID is empty for an event of the plan itself.
	StepID string `json:"stepId,omitempty"`
	// State is the plan's state (a PlanState) for a plan event, the step's (a StepState) for a step event.
	State      string    `json:"state"`
	Attempt    int       `json:"attempt"`
	Summary    string    `json:"summary,omitempty"`
	OccurredAt time.Time `json:"occurredAt"`
}

// StreamOptions chooses the events of a stream.
type StreamOptions struct {
	// PlanID keeps only that plan's events; "" streams every plan's.
	PlanID string
	// After starts after the event with this ID (an Event.ID seen before); "" starts at the beginning.
	After string
}

// Stream yields events: the history first (after opts.After), then live ones as they happen, until ctx is done
// or the loop breaks (which closes the stream). A dropped connection is resumed with Last-Event-ID, so no event
// is yielded twice and none is lost; it gives up, yielding the error, after more failed reconnection attempts
// in a row than the client's max retries. An error answer (a plan that does not exist, a bad token) is yielded
// once and ends the stream; so does the end of ctx. A plan's stream stays open after the plan finishes: stop
// when you see the plan event with a finished state.
func (s *EventsService) Stream(ctx context.Context, opts StreamOptions) iter.Seq2[Event, error] {
	path := "v1/events"
	if opts.PlanID != "" {
		path = pathf("v1/plans/%s/events", opts.PlanID)
	}
	return func(yield func(Event, error) bool) {
		for raw, err := range s.client.stream(ctx, path, nil, true, opts.After) {
			if err != nil {
				yield(Event{}, err)
				return
			}
			ev := Event{ID: raw.id, Type: raw.typ}
			if err := json.Unmarshal([]byte(raw.data), &ev); err != nil {
				yield(Event{}, fmt.Errorf("ossaat: event %q of %s: %w", raw.id, path, err))
				return
			}
			if !yield(ev, nil) {
				return
			}
		}
	}
}
