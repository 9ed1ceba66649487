package org.cyberhealth.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.attack.Collusion;
import org.cyberhealth.tabular.attack.ColumnDeletion;
import org.cyberhealth.tabular.attack.ColumnReordering;
import org.cyberhealth.tabular.attack.RowDeletion;
import org.cyberhealth.tabular.attack.RowInsertion;
import org.cyberhealth.tabular.attack.RowShuffle;
import org.cyberhealth.tabular.attack.Rounding;
import org.cyberhealth.tabular.attack.SubsetSelection;
import org.cyberhealth.tabular.attack.TableAttack;
import org.cyberhealth.tabular.attack.ValuePerturbation;
import org.cyberhealth.tabular.io.TableLocation;
import org.cyberhealth.tabular.io.TableReader;
import org.cyberhealth.tabular.schema.ColumnSpec;
import org.cyberhealth.tabular.schema.SchemaFiles;
import org.cyberhealth.tabular.schema.TableSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cyberhealth table attack}: what a leaker might do, so users can test their own settings. */
@Command(name = "attack", mixinStandardHelpOptions = true,
        description = {"Attack a marked copy the way a leaker would, to test whether the mark survives your settings:",
            "delete (random rows), select (rows with given values), insert (fake rows), perturb (marked values),",
            "round, drop-columns, reorder-columns, shuffle, collude (merge copies of several recipients)."},
        footer = {"", "Example:", "  cyberhealth table attack lab42.csv --attack delete --fraction 0.9 --out attacked.csv",
            "  cyberhealth table attack lab42.csv --attack perturb --fraction 0.3 --schema m.json --out attacked.csv",
            "  cyberhealth table attack lab42.csv --attack collude --with lab43.csv,lab44.csv --strategy majority --out merged.csv",
            "  cyberhealth table detect attacked.csv --key hospital.key"})
final class TableAttackCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TABLE", description = "The (marked) table to attack.")
    String input;

    @Option(names = "--attack", required = true, description = "delete, select, insert, perturb, round, drop-columns, reorder-columns, shuffle or collude.")
    String kind;

    @Option(names = "--out", required = true, description = "The attacked table (a new file or table).")
    String out;

    @Option(names = "--fraction", description = "Share of rows to delete or insert, or of marked values to perturb (0..1).")
    Double fraction;

    @Option(names = "--schema", description = "The schema: which columns are marked (perturb, round) and the key (insert).")
    Path schemaFile;

    @Option(names = "--amplitude", description = "Perturbation: largest change in units of the last declared digit (default: the column's maxChange).")
    Long amplitude;

    @Option(names = "--digits", description = "Round: digits to keep after the point.")
    Integer digits;

    @Option(names = "--columns", split = ",", description = "Columns to drop, round, or (with select) the column to select on.")
    List<String> columns = new ArrayList<>();

    @Option(names = "--values", split = ",", description = "Select: the values to keep.")
    List<String> values = new ArrayList<>();

    @Option(names = "--with", split = ",", description = "Collude: the other copies to merge.")
    List<String> others = new ArrayList<>();

    @Option(names = "--strategy", defaultValue = "majority", description = "Collude: average, majority or interleave (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed, to replay an attack (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--force", description = "Replace an existing output.")
    boolean force;

    @Mixin
    Output output;

    @Override
    public Integer call() {
        TableLocation source = TableLocation.parse(input);
        TableLocation target = TableLocation.parse(out);
        if (source.equals(target)) {
            throw new BadInputException("the output must differ from the input");
        }
        SplittableRandom random = new SplittableRandom(seed);
        String description;
        if (kind.equals("collude")) {
            description = collude(source, target, random);
        } else {
            TableAttack attack = attack();
            description = attack.describe();
            try (TableReader reader = source.openReader()) {
                target.write(attack.header(reader.header()), force, sink -> attack.apply(reader, sink, random));
            }
        }
        output.print(JsonOutput.object("input", input, "attack", description, "output", target.describe(), "seed", seed),
                input + " -> " + target.describe() + ": " + description);
        return 0;
    }

    private String collude(TableLocation source, TableLocation target, SplittableRandom random) {
        if (others.isEmpty()) {
            throw new BadInputException("collude needs the other copies: --with copy2.csv,copy3.csv");
        }
        Collusion collusion = new Collusion(Collusion.Strategy.parse(strategy));
        List<TableReader> readers = new ArrayList<>();
        try {
            readers.add(source.openReader());
            for (String other : others) {
                readers.add(TableLocation.parse(other).openReader());
            }
            target.write(readers.get(0).header(), force, sink -> collusion.apply(readers, sink, random));
        } finally {
            readers.forEach(TableReader::close);
        }
        return collusion.describe(readers.size());
    }

    private TableAttack attack() {
        return switch (kind) {
            case "delete" -> new RowDeletion(required(fraction, "--fraction"));
            case "select" -> {
                if (columns.size() != 1 || values.isEmpty()) {
                    throw new BadInputException("select needs one --columns COLUMN and --values V1,V2,...");
                }
                yield new SubsetSelection(columns.get(0), new HashSet<>(values));
            }
            case "insert" -> new RowInsertion(required(fraction, "--fraction"), schema().key());
            case "perturb" -> perturbation();
            case "round" -> new Rounding(required(digits, "--digits"), columns.isEmpty() ? markedNames() : columns);
            case "drop-columns" -> {
                if (columns.isEmpty()) {
                    throw new BadInputException("drop-columns needs --columns A,B");
                }
                yield new ColumnDeletion(new HashSet<>(columns));
            }
            case "reorder-columns" -> new ColumnReordering(seed);
            case "shuffle" -> new RowShuffle(RowShuffle.DEFAULT_MAX_ROWS);
            default -> throw new BadInputException("unknown attack '" + kind + "' (see 'cyberhealth table attack --help')");
        };
    }

    private TableAttack perturbation() {
        List<ColumnSpec> marked = schema().markedColumns();
        long units = amplitude != null ? amplitude : marked.stream().mapToLong(ColumnSpec::maxChange).max().orElse(1);
        return new ValuePerturbation(required(fraction, "--fraction"), Math.max(1, units), marked);
    }

    private List<String> markedNames() {
        return schema().markedColumns().stream().map(ColumnSpec::name).toList();
    }

    private TableSchema schema() {
        if (schemaFile == null) {
            throw new BadInputException("attack " + kind + " needs --schema (which columns are marked, and the key)");
        }
        return SchemaFiles.read(schemaFile);
    }

    private static <T> T required(T value, String option) {
        if (value == null) {
            throw new BadInputException("this attack needs " + option);
        }
        return value;
    }
}
