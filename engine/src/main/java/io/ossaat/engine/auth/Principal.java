package io.ossaat.engine.auth;

import io.ossaat.engine.problems.ApiProblem;

/**
 * Who sent a request: the token's label and role ({@code tokenId} null for the data dir's token and for
 * {@code --insecure-no-auth}). Decisions are recorded under the label and role.
 */
public record Principal(String label, Role role, String tokenId) {
    /** The data dir's token. */
    public static final Principal OWNER = new Principal("owner", Role.OWNER, null);
    /** Everyone, when the engine runs with {@code --insecure-no-auth}. */
    public static final Principal ANONYMOUS = new Principal("anonymous", Role.OWNER, null);

    /** Tells callers apart for per-caller limits: the token's id, or the label of the data dir's token. */
    public String key() {
        return tokenId != null ? tokenId : label;
    }

    public boolean may(Permission p) {
        return role.may(p);
    }

    /** @throws ApiProblem.Forbidden naming the roles that may, when this principal may not */
    public void require(Permission p) {
        if (!may(p)) {
            throw new ApiProblem.Forbidden(capitalized(p.doing()) + " needs the role " + Role.thatMay(p)
                    + "; this token ('" + label + "') has the role " + role.wire());
        }
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
