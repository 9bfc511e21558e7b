package io.ossaat.engine.tools;

/**
 * What a person approving a step approves, fixed when the plan is made: the exact command the step runs, the
 * SHA-256 of the patch it applies. Null parts do not apply to the step's tool.
 *
 * @param command     a command from the request that the tool runs as given
 * @param patchSha256 SHA-256 (hex) of the UTF-8 bytes of {@code inputs.patch}
 */
public record ApprovalDetails(String command, String patchSha256) {
    public static final ApprovalDetails NONE = new ApprovalDetails(null, null);
}
