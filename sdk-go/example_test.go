package ossaat_test

// These examples run against a real engine that the test binary starts (see engine_test.go), which sets
// OSSAAT_URL and OSSAAT_TOKEN for them as you would in a shell.

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/ossaat/ossaat/sdk-go"
)

func ExampleNewClient() {
	// "" means OSSAAT_URL, else http://127.0.0.1:7070; the token comes from OSSAAT_TOKEN unless WithToken says.
	c, err := ossaat.NewClient("",
		ossaat.WithHTTPClient(&http.Client{Timeout: 30 * time.Second}),
		ossaat.WithUserAgent("my-tool/1.0"),
		ossaat.WithMaxRetries(5))
	if err != nil {
		log.Fatal(err)
	}
	r, err := c.Ready(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("ready:", r.IsReady())
	// Output: ready: true
}

func ExamplePlansService_Create() {
	ctx := context.Background()
	c, err := ossaat.NewClient("")
	if err != nil {
		log.Fatal(err)
	}
	plan, err := c.Plans.Create(ctx, &ossaat.CreatePlanRequest{
		Goal:  "add a README",
		Agent: "careful", // every step waits for a human
		// apply_changes applies the patch; the engine refuses a careful plan without one
		Inputs: map[string]any{"testCommand": "true", "patch": newFilePatch},
		Labels: map[string]string{"ticket": "OPS-42"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(plan.Agent, plan.State, plan.Labels["ticket"])
	first := plan.Steps[0] // steps run in order; the careful agent makes each wait for a human
	fmt.Println(first.ID, first.Tool, first.Capability, first.State)
	_, _ = c.Plans.Cancel(ctx, plan.ID)
	// Output:
	// careful waiting_approval OPS-42
	// index_repo repo_indexer repo.read waiting_approval
}

func ExamplePlansService_Create_idempotencyKey() {
	ctx := context.Background()
	c, err := ossaat.NewClient("")
	if err != nil {
		log.Fatal(err)
	}
	// Sending the same request with the same key again, from this process or after a restart, returns the plan
	// the first request created instead of a second one.
	key := fmt.Sprintf("nightly-review-%d", time.Now().UnixNano())
	req := &ossaat.CreatePlanRequest{Goal: "review the nightly build", Agent: "careful",
		Inputs: map[string]any{"patch": newFilePatch}, IdempotencyKey: key}
	first, err := c.Plans.Create(ctx, req)
	if err != nil {
		log.Fatal(err)
	}
	again, err := c.Plans.Create(ctx, req)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("same plan:", again.ID == first.ID)

	// The same key with a different request is a conflict.
	_, err = c.Plans.Create(ctx, &ossaat.CreatePlanRequest{Goal: "something else",
		Inputs: map[string]any{"patch": newFilePatch}, IdempotencyKey: key})
	fmt.Println("conflict:", ossaat.IsConflict(err))
	_, _ = c.Plans.Cancel(ctx, first.ID)
	// Output:
	// same plan: true
	// conflict: true
}

func ExamplePlansService_All() {
	ctx := context.Background()
	c, err := ossaat.NewClient("")
	if err != nil {
		log.Fatal(err)
	}
	mine, err := c.Plans.Create(ctx, &ossaat.CreatePlanRequest{Goal: "find me", Agent: "careful",
		Inputs: map[string]any{"patch": newFilePatch}})
	if err != nil {
		log.Fatal(err)
	}
	// Every plan that waits for a human, newest first, 2 a page; the pages are fetched as the loop goes.
	for plan, err := range c.Plans.All(ctx, &ossaat.ListPlansOptions{State: ossaat.PlanWaitingApproval, Limit: 2}) {
		if err != nil {
			log.Fatal(err)
		}
		if plan.ID == mine.ID {
			fmt.Println("found", plan.Goal)
			break // fetches no further page
		}
	}
	_, _ = c.Plans.Cancel(ctx, mine.ID)
	// Output: found find me
}

func ExampleEventsService_Stream() {
	ctx := context.Background()
	c, err := ossaat.NewClient("")
	if err != nil {
		log.Fatal(err)
	}
	plan, err := c.Plans.Create(ctx, &ossaat.CreatePlanRequest{Goal: "watch me", Agent: "careful",
		Inputs: map[string]any{"patch": newFilePatch}})
	if err != nil {
		log.Fatal(err)
	}
	// The plan's history, then its live events. Keep ev.ID to continue later with StreamOptions.After.
	for ev, err := range c.Events.Stream(ctx, ossaat.StreamOptions{PlanID: plan.ID}) {
		if err != nil {
			log.Fatal(err)
		}
		switch {
		case ev.StepID == "":
			fmt.Println("plan", ev.State)
		case ev.StepID == "index_repo":
			fmt.Println(ev.StepID, ev.State)
		}
		if ev.StepID == "index_repo" && ev.State == string(ossaat.StepWaitingApproval) {
			if _, err := c.Steps.Reject(ctx, plan.ID, ev.StepID, "not today"); err != nil {
				log.Fatal(err)
			}
		}
		if ev.StepID == "" && ossaat.PlanState(ev.State).Finished() {
			break // closes the stream
		}
	}
	// Output:
	// plan waiting_approval
	// index_repo waiting_approval
	// index_repo rejected
	// plan rejected
}

func ExampleStepsService_Approve() {
	ctx := context.Background()
	c, err := ossaat.NewClient("")
	if err != nil {
		log.Fatal(err)
	}
	plan, err := c.Plans.Create(ctx, &ossaat.CreatePlanRequest{Goal: "index me", Agent: "careful",
		Inputs: map[string]any{"patch": newFilePatch}})
	if err != nil {
		log.Fatal(err)
	}
	plan, err = c.Steps.Approve(ctx, plan.ID, "index_repo", "reading is harmless")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("index_repo waits:", plan.Step("index_repo").State == ossaat.StepWaitingApproval)

	// Deciding again is a conflict: the step no longer waits.
	_, err = c.Steps.Approve(ctx, plan.ID, "index_repo", "")
	fmt.Println("conflict:", ossaat.IsConflict(err))
	// Output:
	// index_repo waits: false
	// conflict: true
}

func ExampleAPIError() {
	c, err := ossaat.NewClient("")
	if err != nil {
		log.Fatal(err)
	}
	_, err = c.Plans.Get(context.Background(), "pl_does_not_exist")
	var apiErr *ossaat.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Title)
	}
	fmt.Println("not found:", ossaat.IsNotFound(err))
	// Output:
	// 404 Not Found
	// not found: true
}

func ExampleSLOService_Status() {
	c, err := ossaat.NewClient("")
	if err != nil {
		log.Fatal(err)
	}
	statuses, err := c.SLO.Status(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range statuses {
		if s.Name == "api-availability" {
			fmt.Printf("%s: objective %.3f, alert %s\n", s.Name, s.Objective, s.Alert)
		}
	}
	// Output: api-availability: objective 0.999, alert NONE
}

func ExampleTokensService_Create() {
	ctx := context.Background()
	c, err := ossaat.NewClient("") // with the owner token: only the owner manages tokens
	if err != nil {
		log.Fatal(err)
	}
	// A token for an LLM's tools: it may create plans, never approve them.
	tok, err := c.Tokens.Create(ctx, &ossaat.CreateTokenRequest{Role: ossaat.RoleAgent, Label: "claude in CI"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("store it now, it is shown once:", tok.Secret != "")
	agent, err := ossaat.NewClient("", ossaat.WithToken(tok.Secret))
	if err != nil {
		log.Fatal(err)
	}
	_, err = agent.Steps.Approve(ctx, "pl_any", "index_repo", "")
	fmt.Println("forbidden:", ossaat.IsForbidden(err))
	if err := c.Tokens.Revoke(ctx, tok.ID); err != nil {
		log.Fatal(err)
	}
	// Output:
	// store it now, it is shown once: true
	// forbidden: true
}
