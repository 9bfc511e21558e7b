package io.ossaat.console.client;

import java.util.List;

/** An RFC 9457 problem document ({@code application/problem+json}). */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public record FieldError(String field, String message) {
    }

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** One line for a human: detail, else title, plus the field errors. */
    public String message() {
        StringBuilder sb = new StringBuilder(detail != null && !detail.isBlank() ? detail
                : title != null ? title : "HTTP " + status);
        for (FieldError e : errors) {
            sb.append("; ").append(e.field()).append(": ").append(e.message());
        }
        return sb.toString();
    }
}
