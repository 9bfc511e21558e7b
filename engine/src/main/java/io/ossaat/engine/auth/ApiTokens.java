package io.ossaat.engine.auth;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ossaat.engine.SecretFile;
import io.ossaat.engine.Sha256;
import io.ossaat.engine.problems.ApiProblem;
import io.ossaat.engine.storage.Transactions;

/**
 * The API tokens made with {@code ossaat token create} / {@code POST /v1/tokens}, kept in Postgres as the SHA-256
 * of their secret (a random 256-bit secret needs no slow hash). Every instance reads the same table, so a revoked
 * token stops working on all of them at once.
 */
public final class ApiTokens {
    public static final int MAX_LABEL = 64;
    /** {@code lastUsedAt} is written at most this often per token and instance, not on every request. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final Transactions tx;
    private final Clock clock;
    private final Map<String, Instant> lastUsedWritten = new ConcurrentHashMap<>();

    public ApiTokens(Transactions tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    /** A new token: what the list shows, plus its secret, shown this once. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Created(String id, String role, String label, Instant createdAt, String token) {
    }

    /** @throws ApiProblem.InvalidInput naming the field when the role or label is not acceptable */
    public Created create(String role, String label) {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        Optional<Role> r = Role.parse(role == null ? "" : role).filter(Role.ISSUED::contains);
        if (r.isEmpty()) {
            errors.add(new ApiProblem.FieldError("role", "must be one of "
                    + String.join(", ", Role.ISSUED.stream().map(Role::wire).toList())
                    + (Role.OWNER.wire().equals(role) ? " (the owner's token is the one in the data dir)" : "")));
        }
        String labelProblem = labelProblem(label);
        if (labelProblem != null) {
            errors.add(new ApiProblem.FieldError("label", labelProblem));
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem.InvalidInput(errors);
        }
        String id = "tok_" + SecretFile.randomHex(8);
        String secret = "oss_" + SecretFile.randomHex(32);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into api_tokens (id, role, label, secret_sha256, created_at) values (?, ?, ?, ?, ?)""")) {
                ps.setString(1, id);
                ps.setString(2, r.get().wire());
                ps.setString(3, label);
                ps.setString(4, Sha256.hex(secret));
                ps.setTimestamp(5, Timestamp.from(now));
                return ps.executeUpdate();
            }
        });
        return new Created(id, r.get().wire(), label, now, secret);
    }

    /** Every token, revoked ones too, newest first. */
    public List<ApiToken> list() {
        return tx.read(c -> {
            List<ApiToken> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select * from api_tokens order by created_at desc, id desc");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ApiToken(rs.getString("id"), rs.getString("role"), rs.getString("label"),
                            instant(rs, "created_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at")));
                }
            }
            return out;
        });
    }

    /**
     * Revokes the token; revoking it again changes nothing.
     *
     * @throws ApiProblem.NotFound when no token has this id
     */
    public void revoke(String id) {
        boolean found = tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update api_tokens set revoked_at = coalesce(revoked_at, ?) where id = ?")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                ps.setString(2, id);
                return ps.executeUpdate() == 1;
            }
        });
        if (!found) {
            throw new ApiProblem.NotFound("token '" + id + "' does not exist");
        }
    }

    /** The principal of a token that exists and is not revoked. */
    public Optional<Principal> authenticate(String secret) {
        if (!secret.startsWith("oss_")) {
            return Optional.empty();
        }
        Optional<Principal> found = tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select id, role, label from api_tokens where secret_sha256 = ? and revoked_at is null")) {
                ps.setString(1, Sha256.hex(secret));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Principal(rs.getString("label"),
                            Role.parse(rs.getString("role")).orElseThrow(), rs.getString("id"))) : Optional.empty();
                }
            }
        });
        found.ifPresent(p -> noteUse(p.tokenId()));
        return found;
    }

    private void noteUse(String id) {
        Instant now = clock.instant();
        Instant last = lastUsedWritten.get(id);
        if (last != null && last.plus(LAST_USED_RESOLUTION).isAfter(now)) {
            return;
        }
        lastUsedWritten.put(id, now);
        tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("update api_tokens set last_used_at = ? where id = ?")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setString(2, id);
                return ps.executeUpdate();
            }
        });
    }

    /** Null when the label is fine, else why not. */
    static String labelProblem(String label) {
        if (label == null || label.isBlank()) {
            return "is required: a name for who or what uses the token, e.g. 'alice' or 'claude-desktop'";
        }
        if (label.codePointCount(0, label.length()) > MAX_LABEL) {
            return "must be at most " + MAX_LABEL + " characters long";
        }
        if (label.chars().anyMatch(Character::isISOControl) || !label.equals(label.strip())) {
            return "must not hold control characters or start or end with spaces";
        }
        return null;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
