package ossaat

import "context"

// AgentsService lists the agent profiles (/v1/agents).
type AgentsService service

// Agent is an agent profile: which capabilities its plans' steps may use and which of them wait for a human.
type Agent struct {
	Name         string   `json:"name"`
	Role         string   `json:"role"`
	Capabilities []string `json:"capabilities"`
	// ApprovalPolicy maps a capability (or "default") to "human" or "auto".
	ApprovalPolicy map[string]string `json:"approvalPolicy"`
	Constraints    []string          `json:"constraints"`
	// Source is where the profile was read from.
	Source string `json:"source"`
}

// List returns the agent profiles (GET /v1/agents).
func (s *AgentsService) List(ctx context.Context) ([]Agent, error) {
	var list struct {
		Items []Agent `json:"items"`
	}
	if err := s.client.getJSON(ctx, "v1/agents", nil, &list); err != nil {
		return nil, err
	}
	return list.Items, nil
}
