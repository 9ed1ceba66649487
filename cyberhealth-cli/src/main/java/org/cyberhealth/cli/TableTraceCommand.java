package org.cyberhealth.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.TableProtection;
import org.cyberhealth.tabular.TableProtection.TraceResult;
import org.cyberhealth.tabular.fingerprint.Accusation;
import org.cyberhealth.tabular.io.TableLocation;
import org.cyberhealth.tabular.registry.RecipientRegistry;
import org.cyberhealth.tabular.watermark.OwnerMarkTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cyberhealth table trace}: who leaked this table. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Name the recipients a leaked table came from: reads the fingerprint (blind), scores every recipient",
            "in the registry with the symmetric Tardos score, and accuses those whose score an innocent would reach",
            "with probability at most --epsilon1 (the bound is printed for each). Works after row deletion, fake rows,",
            "perturbation and collusion of up to the campaign's number of colluders. Exit code 0 when someone is accused,",
            "1 when nobody is."},
        footer = {"", "Example:", "  cyberhealth table trace leaked.csv --key hospital.key --table measurement"})
final class TableTraceCommand implements Callable<Integer> {

    private static final int SHOWN_INNOCENT = 3;

    @Parameters(index = "0", paramLabel = "TABLE", description = "The leaked table.")
    String input;

    @Mixin
    TableCommand.KeyOptions keys;

    @Option(names = "--table", description = "Which marked table this is (default: the registry's only one).")
    String table;

    @Option(names = "--epsilon1", defaultValue = "1e-6", description = "Largest accepted probability of accusing a given innocent (default: ${DEFAULT-VALUE}).")
    double epsilon1;

    @Option(names = "--bound", defaultValue = "1e-9", description = "False-positive bound of the owner-mark test (default: ${DEFAULT-VALUE}).")
    double bound;

    @Mixin
    Output output;

    @Override
    public Integer call() {
        if (!(epsilon1 > 0 && epsilon1 < 1) || !(bound > 0 && bound < 1)) {
            throw new BadInputException("--epsilon1 and --bound must be between 0 and 1");
        }
        try (RecipientRegistry registry = keys.registry()) {
            TableProtection protection = new TableProtection(keys.key(), registry);
            String name = TableCommand.KeyOptions.tableOrOnly(table, protection);
            TraceResult result = TableCommand.withProgress(output, "trace",
                    progress -> protection.trace(TableLocation.parse(input), name, bound, epsilon1, progress));
            OwnerMarkTest.Result owner = result.detection().owner();
            List<Accusation> accused = result.trace().accused();
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "%s: owner mark of %s %s (p = %.3g); fingerprint read at %d of %d positions; %d recipients scored",
                    input, name, owner.detected() ? "found" : "NOT found", owner.pValue(), result.trace().positionsRead(),
                    result.codeLength(), result.candidates()));
            for (Accusation accusation : result.trace().ranking()) {
                if (accusation.accused() || lines.size() <= accused.size() + SHOWN_INNOCENT) {
                    lines.add(String.format(Locale.ROOT, "  %-9s %-24s score %8.2f  P(innocent scores this high) <= %.3g", accusation.accused() ? "ACCUSED" : "-",
                            accusation.recipient(), accusation.score(), accusation.innocentBound()));
                }
            }
            lines.add(accused.isEmpty() ? "nobody accused" : accused.size() + " recipient(s) accused; chance that any innocent among them is: <= "
                    + String.format(Locale.ROOT, "%.3g", accused.get(0).unionBound()));
            output.print(JsonOutput.object("table", name, "source", result.detection().source(), "ownerMarkFound", owner.detected(),
                    "ownerPValue", owner.pValue(), "positionsRead", result.trace().positionsRead(), "epsilon1", epsilon1,
                    "candidates", result.candidates(), "accused", accused, "ranking", result.trace().ranking()), lines.toArray(String[]::new));
            return accused.isEmpty() ? 1 : 0;
        }
    }
}
