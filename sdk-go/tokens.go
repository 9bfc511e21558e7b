package ossaat

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// TokensService manages the engine's API tokens (/v1/tokens). Only the owner token (the one in
// <data-dir>/token) may use it; any other role gets a 403 (IsForbidden).
type TokensService service

// Role is what a token may do.
type Role string

// The token roles.
const (
	// RoleOwner may do everything, including managing tokens. Only the data dir's token has it: Create makes
	// the other three.
	RoleOwner Role = "owner"
	// RoleApprover may read, approve, reject and cancel.
	RoleApprover Role = "approver"
	// RoleAgent may create, read and cancel plans, never approve: the role to give an LLM's tools.
	RoleAgent Role = "agent"
	// RoleViewer may only read.
	RoleViewer Role = "viewer"
)

// Token describes an API token; its secret is shown only once, by Create.
type Token struct {
	ID         string     `json:"id"`
	Role       Role       `json:"role"`
	Label      string     `json:"label"`
	CreatedAt  time.Time  `json:"createdAt"`
	LastUsedAt *time.Time `json:"lastUsedAt,omitempty"`
	RevokedAt  *time.Time `json:"revokedAt,omitempty"`
}

// CreateTokenRequest asks for a new token with a role (approver, agent or viewer) and a label (1 to 64
// characters) that says who or what uses it; decisions record it.
type CreateTokenRequest struct {
	Role  Role   `json:"role"`
	Label string `json:"label,omitempty"`
}

// NewToken is a token just created, with its secret.
type NewToken struct {
	Token
	// Secret is the bearer token itself. The engine keeps only a hash: this is the one chance to store it.
	Secret string `json:"token"`
}

// Create makes a token (POST /v1/tokens). It is not sent again once it may have reached the engine.
func (s *TokensService) Create(ctx context.Context, r *CreateTokenRequest) (*NewToken, error) {
	if r == nil {
		return nil, fmt.Errorf("ossaat: %w: the CreateTokenRequest is nil", ErrInvalidArgument)
	}
	return call[NewToken](ctx, s.client, http.MethodPost, "v1/tokens", r)
}

// List returns every token, revoked ones included, without their secrets (GET /v1/tokens).
func (s *TokensService) List(ctx context.Context) ([]Token, error) {
	var list struct {
		Items []Token `json:"items"`
	}
	if err := s.client.getJSON(ctx, "v1/tokens", nil, &list); err != nil {
		return nil, err
	}
	return list.Items, nil
}

// Revoke revokes a token (DELETE /v1/tokens/{id}); requests with it get 401 from then on.
func (s *TokensService) Revoke(ctx context.Context, id string) error {
	if err := requireID("token id", id); err != nil {
		return err
	}
	req, err := s.client.newRequest(ctx, http.MethodDelete, pathf("v1/tokens/%s", id), nil, nil)
	if err != nil {
		return err
	}
	return s.client.do(req, nil)
}
