// Quickstart creates a plan with the careful agent, whose every step waits for a human, watches its events
// and rejects the first step that asks.
package main

import (
	"context"
	"fmt"
	"log"

	"github.com/ossaat/ossaat/sdk-go"
)

func main() {
	ctx := context.Background()
	c, err := ossaat.NewClient("") // OSSAAT_URL or http://127.0.0.1:7070; the token from OSSAAT_TOKEN
	check(err)
	// careful plans apply_changes, which applies this unified diff (the engine refuses the plan without one)
	patch := "--- /dev/null\n+++ b/NEW.md\n@@ -0,0 +1 @@\n+hello from Go\n"
	plan, err := c.Plans.Create(ctx, &ossaat.CreatePlanRequest{Goal: "try the Go SDK", Agent: "careful",
		Inputs: map[string]any{"patch": patch}})
	check(err)
	for ev, err := range c.Events.Stream(ctx, ossaat.StreamOptions{PlanID: plan.ID}) {
		check(err)
		fmt.Println(ev.ID, ev.StepID, ev.State, ev.Summary)
		if ev.StepID != "" && ev.State == string(ossaat.StepWaitingApproval) {
			_, err = c.Steps.Reject(ctx, plan.ID, ev.StepID, "only trying the SDK")
			check(err)
		}
		if ev.StepID == "" && ossaat.PlanState(ev.State).Finished() {
			break
		}
	}
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
