package io.ossaat.engine.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a token may do. {@code owner} is the data dir's token; the others are made with {@code ossaat token create}.
 * An {@code agent} (what an LLM's MCP client should get) creates and cancels plans but never approves or rejects,
 * so a human stays between a plan and its risky steps.
 */
public enum Role {
    OWNER(EnumSet.allOf(Permission.class)),
    APPROVER(EnumSet.of(Permission.READ, Permission.DECIDE, Permission.CANCEL)),
    AGENT(EnumSet.of(Permission.READ, Permission.CREATE_PLANS, Permission.CANCEL)),
    VIEWER(EnumSet.of(Permission.READ));

    /** The roles {@code POST /v1/tokens} hands out: the owner's token is the data dir's alone. */
    public static final List<Role> ISSUED = List.of(APPROVER, AGENT, VIEWER);

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = EnumSet.copyOf(permissions);
        this.permissions.add(Permission.NONE);
    }

    public boolean may(Permission p) {
        return permissions.contains(p);
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String wire) {
        return Arrays.stream(values()).filter(r -> r.wire().equals(wire)).findFirst();
    }

    /** The roles that may do {@code p}, in words: "approver or owner". */
    public static String thatMay(Permission p) {
        // the owner may do everything: name it last
        List<String> names = java.util.stream.Stream.concat(Arrays.stream(values()).filter(r -> r != OWNER),
                java.util.stream.Stream.of(OWNER)).filter(r -> r.may(p)).map(Role::wire).toList();
        return names.size() == 1 ? names.getFirst()
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
    }
}
