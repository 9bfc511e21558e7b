package io.ossaat.engine.auth;

/** What a request does, as far as who may do it is concerned. Each route and MCP tool needs one. */
public enum Permission {
    /** Open to everyone, without a token: the probes and the metrics. */
    NONE("this"),
    READ("reading plans, events, SLOs, tools and agents"),
    CREATE_PLANS("creating plans"),
    DECIDE("approving or rejecting a step"),
    CANCEL("cancelling a plan"),
    MANAGE_TOKENS("managing API tokens");

    private final String doing;

    Permission(String doing) {
        this.doing = doing;
    }

    /** The action in words, for a 403's detail. */
    public String doing() {
        return doing;
    }
}
