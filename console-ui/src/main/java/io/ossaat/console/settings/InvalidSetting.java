package io.ossaat.console.settings;

/** A setting the console refuses, with the field it is about and a reason the user can act on. */
public final class InvalidSetting extends IllegalArgumentException {
    private final String field;
    private final String reason;

    public InvalidSetting(String field, String reason) {
        super(field + " " + reason);
        this.field = field;
        this.reason = reason;
    }

    /** The setting's key in the settings file ({@code attach-url}); the dialog names its fields after them. */
    public String field() {
        return field;
    }

    /** What is wrong, without the field's name: "must be between 0 and 65535, was 70000". */
    public String reason() {
        return reason;
    }
}
