package ossaat

import (
	"context"
	"io"
	"net/http"
	"testing"
)

func TestTokensService(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.mux.HandleFunc("POST /v1/tokens", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if string(b) != `{"role":"approver","label":"ci"}` {
			t.Errorf("body %s", b)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(201)
		io.WriteString(w, `{"id":"tok_1","role":"approver","label":"ci","createdAt":"2026-12-01T14:00:00Z","token":"oss_secret"}`)
	})
	f.mux.HandleFunc("GET /v1/tokens", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"items":[{"id":"tok_1","role":"approver","label":"ci","createdAt":"2026-12-01T14:00:00Z",
			"lastUsedAt":"2026-12-01T14:05:00Z"},{"id":"tok_0","role":"viewer","label":"old",
			"createdAt":"2026-11-01T10:00:00Z","revokedAt":"2026-11-02T10:00:00Z"}]}`)
	})
	f.mux.HandleFunc("DELETE /v1/tokens/tok_1", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) })
	f.mux.HandleFunc("DELETE /v1/tokens/nope", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, 404, "no token 'nope'")
	})
	ctx := context.Background()
	tok, err := f.client.Tokens.Create(ctx, &CreateTokenRequest{Role: RoleApprover, Label: "ci"})
	if err != nil || tok.ID != "tok_1" || tok.Role != RoleApprover || tok.Secret != "oss_secret" || tok.CreatedAt.IsZero() {
		t.Errorf("Create = %+v, %v", tok, err)
	}
	list, err := f.client.Tokens.List(ctx)
	if err != nil || len(list) != 2 || list[0].LastUsedAt == nil || list[0].RevokedAt != nil || list[1].RevokedAt == nil {
		t.Errorf("List = %+v, %v", list, err)
	}
	if err := f.client.Tokens.Revoke(ctx, "tok_1"); err != nil {
		t.Errorf("Revoke = %v", err)
	}
	if err := f.client.Tokens.Revoke(ctx, "nope"); !IsNotFound(err) {
		t.Errorf("Revoke(nope) = %v, want not found", err)
	}
	if _, err := f.client.Tokens.Create(ctx, nil); err == nil {
		t.Error("Create(nil) sent a request")
	}
	if err := f.client.Tokens.Revoke(ctx, ""); err == nil {
		t.Error("Revoke(\"\") sent a request")
	}
}

func TestTokensService_forbiddenForOtherRoles(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.mux.HandleFunc("GET /v1/tokens", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, 403, "this route needs the role owner")
	})
	if _, err := f.client.Tokens.List(context.Background()); !IsForbidden(err) {
		t.Errorf("List = %v, want forbidden", err)
	}
}
