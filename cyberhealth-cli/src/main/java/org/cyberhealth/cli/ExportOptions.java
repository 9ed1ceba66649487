package org.cyberhealth.cli;

import java.util.UUID;
import picocli.CommandLine.Option;

/** Who a marked copy is for, and why: the options every mark command shares. */
final class ExportOptions {

    @Option(names = "--recipient", required = true, description = "Who receives this copy (a short id, e.g. lab-42).")
    String recipient;

    @Option(names = "--purpose", defaultValue = "", description = "Why the copy is handed out (recorded with the export).")
    String purpose;

    @Option(names = "--export-id", description = "An id for this export (default: a random UUID).")
    String exportId;

    /** The export id given, or a fresh random one (the same for every file of one run). */
    String exportIdOrNew() {
        if (exportId == null) {
            exportId = UUID.randomUUID().toString();
        }
        return exportId;
    }
}
