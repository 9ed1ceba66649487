package org.cyberhealth.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.io.AtomicOutput;
import org.cyberhealth.he.ckks.CkksParameters;
import org.cyberhealth.he.nn.EncryptedInference;
import org.cyberhealth.he.nn.HeModelFile;
import org.cyberhealth.he.remote.InferenceServer;
import org.cyberhealth.he.remote.RemoteInference;
import org.cyberhealth.tabular.io.TableLocation;
import org.cyberhealth.tabular.io.TableReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cyberhealth he}: predictions on encrypted data (CKKS), the model on a server that never sees the data. */
@Command(name = "he", mixinStandardHelpOptions = true,
        description = {"Encrypted inference with CKKS homomorphic encryption: a server holds the model and evaluation keys",
            "only; a client encrypts its samples, sends them, and alone can decrypt the predictions."},
        subcommands = {HeCommand.Serve.class, HeCommand.Predict.class},
        footer = {"", "Example:", "  cyberhealth he serve --model breast-cancer.he.json --port 8443",
            "  cyberhealth he predict --server http://127.0.0.1:8443 patients.csv --out predictions.csv"})
final class HeCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose 'he serve' or 'he predict'");
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Serve encrypted predictions of a model (cyberhealth-he-model/1 JSON) over HTTP until stopped.",
                "Parameters default to the smallest ring holding exactly the model's depth (CkksParameters.forDepth)."},
            footer = {"", "Example:", "  cyberhealth he serve --model breast-cancer.he.json --port 8443"})
    static final class Serve implements Callable<Integer> {

        @Option(names = "--model", required = true, description = "The model file.")
        Path model;

        @Option(names = "--params", description = "CKKS preset: depth2-n8192, depth7-n16384, depth18-n32768 (default: the smallest ring with exactly the model's depth).")
        String preset;

        @Option(names = "--port", defaultValue = "8443", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
        int port;

        @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
        String bind;

        @Mixin
        Output output;

        @Override
        public Integer call() throws Exception {
            HeModelFile.Described described = HeModelFile.read(model);
            int levels = EncryptedInference.levels(described.model());
            CkksParameters parameters;
            try {
                parameters = preset != null ? CkksParameters.preset(preset) : CkksParameters.forDepth(levels);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
            try (InferenceServer server = new InferenceServer(described, parameters, new InetSocketAddress(InetAddress.getByName(bind), port))) {
                String address = "http://" + bind + ":" + server.port();
                output.print(JsonOutput.object("serving", address, "model", described.name(), "levels", levels, "parameters", parameters.describe()),
                        "serving model " + described.name() + " on " + address + " (" + parameters.describe() + "); stop with Ctrl-C");
                new CountDownLatch(1).await();
            }
            return 0;
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = {"Encrypt the samples of a CSV file (one per row, the model's input columns), have the server",
                "predict on the ciphertexts, decrypt the predictions here. A fresh secret key is made for the run and",
                "never leaves this process; the server receives only evaluation keys and ciphertexts."},
            footer = {"", "Example:", "  cyberhealth he predict --server http://127.0.0.1:8443 patients.csv --out predictions.csv",
                "  cyberhealth he predict --server http://127.0.0.1:8443 patients.csv --columns age,bmi,bp --json"})
    static final class Predict implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "SAMPLES", description = "CSV file with a header line.")
        Path samples;

        @Option(names = "--server", required = true, description = "The server's address, e.g. http://127.0.0.1:8443.")
        URI server;

        @Option(names = "--columns", split = ",", description = "The input columns, in the model's order (default: every column).")
        List<String> columns;

        @Option(names = "--out", description = "Write the predictions here as CSV (default: print them).")
        Path out;

        @Option(names = "--force", description = "Replace an existing output file.")
        boolean force;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            double[][] rows = read();
            long start = System.nanoTime();
            RemoteInference client = new RemoteInference(server, new SecureRandom());
            double[][] predictions = client.predict(rows);
            double seconds = (System.nanoTime() - start) / 1e9;
            StringBuilder csv = new StringBuilder("row");
            List<String> names = new ArrayList<>(client.outputs());
            for (int i = names.size(); i < predictions[0].length; i++) {
                names.add("output" + i);
            }
            names.forEach(n -> csv.append(',').append(n));
            csv.append('\n');
            for (int r = 0; r < predictions.length; r++) {
                csv.append(r + 1);
                for (double v : predictions[r]) {
                    csv.append(',').append(String.format(Locale.ROOT, "%.6g", v));
                }
                csv.append('\n');
            }
            RemoteInference.Traffic traffic = client.traffic();
            String summary = String.format(Locale.ROOT, "%d samples predicted on encrypted data in %.1f s (%d MB sent, %d MB received)",
                    rows.length, seconds, traffic.bytesSent() >> 20, traffic.bytesReceived() >> 20);
            if (out != null) {
                AtomicOutput.write(out, force, csv.toString().getBytes(StandardCharsets.UTF_8));
            }
            if (output.json()) {
                output.print(JsonOutput.object("samples", rows.length, "seconds", seconds, "bytesSent", traffic.bytesSent(),
                        "bytesReceived", traffic.bytesReceived(), "outputs", names, "predictions", predictions, "out", out == null ? null : out.toString()), "");
            } else {
                output.print(null, out == null ? csv.toString().strip() : summary + " -> " + out);
                if (out == null) {
                    output.err().println(summary);
                }
            }
            return 0;
        }

        private double[][] read() {
            List<double[]> rows = new ArrayList<>();
            try (TableReader reader = TableLocation.parse(samples.toString()).openReader()) {
                List<String> header = reader.header().columns();
                List<String> chosen = columns != null ? columns : header;
                int[] indices = new int[chosen.size()];
                for (int i = 0; i < indices.length; i++) {
                    indices[i] = header.indexOf(chosen.get(i));
                    if (indices[i] < 0) {
                        throw new BadInputException(samples + " has no column " + chosen.get(i));
                    }
                }
                String[] row;
                while ((row = reader.next()) != null) {
                    double[] values = new double[indices.length];
                    for (int i = 0; i < indices.length; i++) {
                        try {
                            values[i] = Double.parseDouble(row[indices[i]]);
                        } catch (NumberFormatException | NullPointerException e) {
                            throw new BadInputException(samples + ", row " + (rows.size() + 1) + ": column " + chosen.get(i) + " is not a number");
                        }
                    }
                    rows.add(values);
                }
            }
            if (rows.isEmpty()) {
                throw new BadInputException(samples + " has no samples");
            }
            return rows.toArray(new double[0][]);
        }
    }
}
