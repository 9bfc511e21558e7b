package ossaat

import (
	"context"
	"io"
	"net/http"
	"testing"
)

func TestAgentsService_List(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.mux.HandleFunc("GET /v1/agents", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"items":[{"name":"careful","role":"every step waits","capabilities":["repo.read"],
			"approvalPolicy":{"default":"human"},"constraints":["stay in the workspace"],"source":"classpath:agents/careful/agent.md"}]}`)
	})
	agents, err := f.client.Agents.List(context.Background())
	if err != nil || len(agents) != 1 || agents[0].Name != "careful" || agents[0].ApprovalPolicy["default"] != "human" ||
		agents[0].Capabilities[0] != "repo.read" || agents[0].Source == "" {
		t.Errorf("List = %+v, %v", agents, err)
	}
}

func TestToolsService_List(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.mux.HandleFunc("GET /v1/tools", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"items":[{"name":"repo_indexer","capabilities":["repo.read"],"description":"Counts files."}]}`)
	})
	tools, err := f.client.Tools.List(context.Background())
	if err != nil || len(tools) != 1 || tools[0].Name != "repo_indexer" || tools[0].Capabilities[0] != "repo.read" {
		t.Errorf("List = %+v, %v", tools, err)
	}
}
