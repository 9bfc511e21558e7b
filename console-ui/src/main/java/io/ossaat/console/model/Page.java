package io.ossaat.console.model;

/** The pages of the console, in navigation order (Ctrl+1 .. Ctrl+5). */
public enum Page {
    OVERVIEW("Overview", "SLOs and live charts"),
    PLANS("Plans", "Plans, steps and approvals"),
    EVENTS("Events", "Live event log"),
    ENGINE("Engine", "Connection, components and logs"),
    SLO("SLO detail", "One SLO over a range");

    private final String title;
    private final String subtitle;

    Page(String title, String subtitle) {
        this.title = title;
        this.subtitle = subtitle;
    }

    public String title() {
        return title;
    }

    public String subtitle() {
        return subtitle;
    }
}
