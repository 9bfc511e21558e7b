package ossaat

import "context"

// ToolsService lists the registered tools (/v1/tools).
type ToolsService service

// Tool is a registered tool and the capabilities it declares.
type Tool struct {
	Name         string   `json:"name"`
	Capabilities []string `json:"capabilities"`
	Description  string   `json:"description"`
}

// List returns the registered tools (GET /v1/tools).
func (s *ToolsService) List(ctx context.Context) ([]Tool, error) {
	var list struct {
		Items []Tool `json:"items"`
	}
	if err := s.client.getJSON(ctx, "v1/tools", nil, &list); err != nil {
		return nil, err
	}
	return list.Items, nil
}
