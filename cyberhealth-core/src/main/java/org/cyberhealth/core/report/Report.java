package org.cyberhealth.core.report;

import java.util.List;

/**
 * A report for a reader who is not a specialist (a security officer, a regulator): a title, the facts
 * that identify what was assessed (model, data, date, budget), then one section per subject. Rendered to
 * HTML and JSON by {@link ReportFolder}; the report model holds no markup, so neither output can be
 * injected through a name or a number that came from the assessed files.
 */
public record Report(String title, List<Fact> facts, List<Section> sections) {

    public Report {
        facts = List.copyOf(facts);
        sections = List.copyOf(sections);
    }

    /** One identifying fact, shown as "label: value" at the top. */
    public record Fact(String label, String value) {}
}
