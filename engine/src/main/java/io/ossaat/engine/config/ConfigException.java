package io.ossaat.engine.config;

/** A setting with a bad value: says which setting and why, so start-up can print one clear line. */
public final class ConfigException extends RuntimeException {
    private final String setting;

    public ConfigException(String setting, String reason) {
        super("invalid setting '" + setting + "': " + reason);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}
