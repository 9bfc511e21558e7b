package io.ossaat.engine.auth;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A token as {@code GET /v1/tokens} lists it: never its secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiToken(String id, String role, String label, Instant createdAt, Instant lastUsedAt,
                       Instant revokedAt) {
}
