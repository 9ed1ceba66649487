package org.cyberhealth.cli;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.cyberhealth.he.ckks.Ciphertext;
import org.cyberhealth.he.ckks.CkksFormat;
import org.cyberhealth.he.ckks.CkksParameters;
import org.cyberhealth.he.ckks.Decryptor;
import org.cyberhealth.he.ckks.Encoder;
import org.cyberhealth.he.ckks.Evaluator;
import org.cyberhealth.he.ckks.KeySet;
import org.cyberhealth.he.ckks.PolynomialEvaluator;
import org.cyberhealth.he.ckks.SecretKeyEncryptor;
import org.cyberhealth.he.ckks.SeededCiphertext;
import org.cyberhealth.he.ckks.SwitchingKey;
import org.cyberhealth.he.more.EigenvectorAttack;
import org.cyberhealth.he.more.FloatMore;
import org.cyberhealth.he.more.KnownPlaintextAttack;
import org.cyberhealth.he.more.Matrix2;
import org.cyberhealth.he.more.ModularMore;
import org.cyberhealth.he.nn.EncryptedInference;
import org.cyberhealth.he.nn.FeatureMajorInference;
import org.cyberhealth.he.nn.HeModelFile;
import org.cyberhealth.he.nn.MoreInference;
import org.cyberhealth.he.remote.InferenceServer;
import org.cyberhealth.he.remote.RemoteInference;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.train.UseCase;

/**
 * The three use cases end to end: the trained model's held-out score in plain arithmetic, under CKKS
 * (client and server over HTTP on loopback, as {@code he serve} / {@code he predict} run), and under
 * MORE (floating point and Z_N), the largest output difference to plain arithmetic, latency, throughput,
 * bytes on the wire, and the attack on MORE run against the very ciphertexts of the benchmark.
 */
final class HeUseCaseBench {

    /** Z_N MORE is slow (BigInteger 2x2 products per weight): it runs on at most this many test samples. */
    static final int MODULAR_SAMPLES = 40;
    /** The side-by-side (diagonal) packing answers few samples per request: its speed is measured on at most this many requests. */
    static final int DIAGONAL_REQUESTS = 16;
    private static final int MODULUS_BITS = 1024;
    private static final int FRACTION_BITS = 24;

    record Row(String useCase, String metric, int samples, double plain, double ckks, int diagonalSamples, double moreFloat, double moreModular, double plainOnModularSamples, int modularSamples,
               double ckksMaxError, double moreMaxError, String parameters, int batch, double keysMegabytes, double requestKilobytes,
               double replyKilobytes, double sessionSeconds, double latencySeconds, double samplesPerSecond, double moreMillisPerSample,
               double knownPlaintextRecovered, double eigenvectorRecovered, FeatureMajor featureMajor) {}

    /** The one-sample-per-slot batch: its score, maximum difference to plain, speed and sizes. */
    record FeatureMajor(double score, double maxError, int samples, int slots, double serverSeconds, double keysMegabytes,
                        double requestMegabytes, double replyMegabytes) {}

    private HeUseCaseBench() {}

    static Row run(UseCase useCase, HeModelFile.Described model, Dataset test) throws Exception {
        double[][] inputs = test.features();
        // Standardised once: the plain model, MORE, the attacks and the one-per-slot batch all start from these
        // (the HTTP client standardises the raw inputs itself, as he predict does).
        double[][] standardised = new double[inputs.length][];
        double[][] plain = new double[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            standardised[i] = model.standardise(inputs[i]);
            plain[i] = model.model().predict(standardised[i]);
        }
        CkksParameters parameters = CkksParameters.forDepth(EncryptedInference.levels(model.model()));
        double[][] ckks;
        RemoteInference.Traffic keys;
        RemoteInference.Traffic afterAll;
        double sessionSeconds;
        double allSeconds;
        double latency;
        int batch;
        try (InferenceServer server = new InferenceServer(model, parameters, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            long start = System.nanoTime();
            RemoteInference client = new RemoteInference(URI.create("http://127.0.0.1:" + server.port()), new SecureRandom());
            sessionSeconds = (System.nanoTime() - start) / 1e9;
            keys = client.traffic();
            batch = client.batchCapacity();
            // The first request encodes the weights on the server (once per model): measured apart, as warm-up.
            client.predict(new double[][] {inputs[0]});
            RemoteInference.Traffic beforeAll = client.traffic();
            start = System.nanoTime();
            ckks = client.predict(java.util.Arrays.copyOf(inputs, Math.min(inputs.length, DIAGONAL_REQUESTS * batch)));
            allSeconds = (System.nanoTime() - start) / 1e9;
            afterAll = minus(client.traffic(), beforeAll);
            start = System.nanoTime();
            client.predict(new double[][] {inputs[0]});
            latency = (System.nanoTime() - start) / 1e9;
        }
        int requests = (ckks.length + batch - 1) / batch;
        SplittableRandom random = new SplittableRandom(useCase.ordinal() + 1L);
        FloatMore more = new FloatMore(random, 1.0);
        FloatMore.Key key = more.newKey();
        long start = System.nanoTime();
        double[][] moreFloat = new double[inputs.length][];
        List<List<Matrix2>> encryptedInputs = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            List<Matrix2> encrypted = new ArrayList<>();
            for (double v : standardised[i]) {
                encrypted.add(more.encrypt(key, v));
            }
            encryptedInputs.add(encrypted);
            List<Matrix2> out = MoreInference.evaluate(model.model(), encrypted, MoreInference.floating());
            moreFloat[i] = out.stream().mapToDouble(c -> more.decrypt(key, c)).toArray();
        }
        double moreMillis = (System.nanoTime() - start) / 1e6 / inputs.length;
        int modularSamples = Math.min(MODULAR_SAMPLES, inputs.length);
        double[][] moreModular = modular(model, standardised, modularSamples);
        String metric = test.isClassification() ? "accuracy %" : "RMSE";
        FeatureMajor featureMajor = featureMajor(model, parameters, standardised, plain, test);
        return new Row(useCase.id(), metric, inputs.length, score(plain, test, inputs.length), featureMajor.score(), ckks.length,
                score(moreFloat, test, inputs.length), score(moreModular, test, modularSamples), score(plain, test, modularSamples), modularSamples,
                Math.max(featureMajor.maxError(), maxDifference(ckks, plain)), Math.max(maxDifference(moreFloat, plain), maxDifference(moreModular, plain)),
                parameters.describe(), batch, keys.bytesSent() / 1e6, afterAll.bytesSent() / 1e3 / requests,
                afterAll.bytesReceived() / 1e3 / requests, sessionSeconds, latency, ckks.length / allSeconds, moreMillis,
                knownPlaintext(standardised, encryptedInputs), eigenvector(standardised, encryptedInputs), featureMajor);
    }

    /** Every test sample in one batch of feature ciphertexts (CryptoNets packing), client and server in this process. */
    private static FeatureMajor featureMajor(HeModelFile.Described model, CkksParameters parameters, double[][] standardised, double[][] plain,
            Dataset test) {
        KeySet keys = KeySet.generate(parameters, new SecureRandom());
        SwitchingKey relinearisation = keys.relinearisationKey();
        Encoder encoder = keys.encoder();
        SecretKeyEncryptor encryptor = keys.secretKeyEncryptor();
        Decryptor decryptor = keys.decryptor();
        Evaluator evaluator = new Evaluator(parameters, keys.ring());
        FeatureMajorInference server = new FeatureMajorInference(model.model(), parameters, evaluator,
                new PolynomialEvaluator(parameters, encoder, evaluator, relinearisation));
        long requestBytes = 0;
        List<Ciphertext> features = new ArrayList<>();
        for (double[] column : FeatureMajorInference.columns(standardised, model.model().inputSize(), parameters.slots())) {
            SeededCiphertext c = encryptor.encrypt(encoder.encode(column, parameters.maxLevel(), parameters.scale()));
            requestBytes += CkksFormat.write(parameters, c).length;
            features.add(c.ciphertext());
        }
        long start = System.nanoTime();
        List<Ciphertext> outputs = server.evaluate(features);
        double seconds = (System.nanoTime() - start) / 1e9;
        long replyBytes = 0;
        double[][] predictions = new double[standardised.length][outputs.size()];
        for (int o = 0; o < outputs.size(); o++) {
            replyBytes += CkksFormat.write(parameters, outputs.get(o)).length;
            double[] slots = encoder.decode(decryptor.decrypt(outputs.get(o)))[0];
            for (int i = 0; i < standardised.length; i++) {
                predictions[i][o] = slots[i];
            }
        }
        return new FeatureMajor(score(predictions, test, standardised.length), maxDifference(predictions, plain), standardised.length, parameters.slots(), seconds,
                CkksFormat.write(parameters, relinearisation).length / 1e6, requestBytes / 1e6, replyBytes / 1e6);
    }

    private static RemoteInference.Traffic minus(RemoteInference.Traffic a, RemoteInference.Traffic b) {
        return new RemoteInference.Traffic(a.bytesSent() - b.bytesSent(), a.bytesReceived() - b.bytesReceived(), a.serverSeconds() - b.serverSeconds());
    }

    private static double[][] modular(HeModelFile.Described model, double[][] standardised, int count) {
        ModularMore more = new ModularMore(new SecureRandom());
        ModularMore.Key key = more.newKey(MODULUS_BITS);
        BigInteger n = key.modulus();
        MoreInference.Arithmetic<MoreInference.Fixed> arithmetic = MoreInference.modular(n, FRACTION_BITS);
        double[][] out = new double[count][];
        for (int i = 0; i < count; i++) {
            List<MoreInference.Fixed> encrypted = new ArrayList<>();
            for (double v : standardised[i]) {
                encrypted.add(new MoreInference.Fixed(more.encrypt(key, MoreInference.fixed(v, FRACTION_BITS)), FRACTION_BITS));
            }
            List<MoreInference.Fixed> result = MoreInference.evaluate(model.model(), encrypted, arithmetic);
            out[i] = result.stream().mapToDouble(c -> MoreInference.real(more.decrypt(key, c.matrix()), n, c.bits())).toArray();
        }
        return out;
    }

    /** Share of all encrypted input values the known-plaintext attack recovers (within 1e-6) from one known pair. */
    private static double knownPlaintext(double[][] standardised, List<List<Matrix2>> encrypted) {
        KnownPlaintextAttack attack = new KnownPlaintextAttack(standardised[0][0], encrypted.get(0).get(0));
        long hit = 0;
        long all = 0;
        for (int i = 0; i < standardised.length; i++) {
            double[] x = standardised[i];
            for (int j = 0; j < x.length; j++) {
                all++;
                hit += Math.abs(attack.decrypt(encrypted.get(i).get(j)) - x[j]) < 1e-6 ? 1 : 0;
            }
        }
        return (double) hit / all;
    }

    /**
     * Share of input values the eigenvector attack recovers from ciphertexts alone once its one bit (which of
     * the two shared eigenvectors carries the message) is guessed right: the better of the two guesses.
     */
    private static double eigenvector(double[][] standardised, List<List<Matrix2>> encrypted) {
        EigenvectorAttack attack = new EigenvectorAttack(encrypted.get(0).get(0));
        long[] hits = new long[2];
        long all = 0;
        for (int i = 0; i < standardised.length; i++) {
            double[] x = standardised[i];
            for (int j = 0; j < x.length; j++) {
                double[] candidates = attack.candidates(encrypted.get(i).get(j));
                all++;
                for (int guess = 0; guess < 2; guess++) {
                    hits[guess] += Math.abs(candidates[guess] - x[j]) < 1e-6 ? 1 : 0;
                }
            }
        }
        return (double) Math.max(hits[0], hits[1]) / all;
    }

    private static double score(double[][] predictions, Dataset test, int count) {
        if (test.isClassification()) {
            int right = 0;
            for (int i = 0; i < count; i++) {
                right += argmax(predictions[i]) == (int) test.targets()[i] ? 1 : 0;
            }
            return 100.0 * right / count;
        }
        double squares = 0;
        for (int i = 0; i < count; i++) {
            squares += Math.pow(predictions[i][0] - test.targets()[i], 2);
        }
        return Math.sqrt(squares / count);
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            best = values[i] > values[best] ? i : best;
        }
        return best;
    }

    private static double maxDifference(double[][] a, double[][] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                worst = Math.max(worst, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return worst;
    }

    static String toMarkdown(List<Row> rows) {
        StringBuilder md = new StringBuilder();
        md.append("| use case | metric (held-out samples) | plain | CKKS | MORE float | MORE Z_N / plain on its first samples | max abs diff CKKS / MORE |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s (%d) | %s | %s | %s | %s / %s (%d) | %.1e / %.1e |%n", r.useCase(), r.metric(), r.samples(),
                    number(r.plain()), number(r.ckks()), number(r.moreFloat()), number(r.moreModular()), number(r.plainOnModularSamples()),
                    r.modularSamples(), r.ckksMaxError(),
                    r.moreMaxError()));
        }
        md.append("\n| use case | CKKS parameters | samples per ciphertext (scored) | evaluation keys sent | request / reply per ciphertext | session set-up | latency (1 sample) | throughput (batched) | MORE float per sample | attacks on MORE: known pair / ciphertexts only |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d (%d) | %.1f MB | %.0f KB / %.0f KB | %.1f s | %.2f s | %.1f samples/s | %.3f ms | %.0f%% / %.0f%% |%n",
                    r.useCase(), r.parameters(), r.batch(), r.diagonalSamples(), r.keysMegabytes(), r.requestKilobytes(), r.replyKilobytes(), r.sessionSeconds(),
                    r.latencySeconds(), r.samplesPerSecond(), r.moreMillisPerSample(), 100 * r.knownPlaintextRecovered(), 100 * r.eigenvectorRecovered()));
        }
        md.append("\n| use case | one sample per slot: score | max abs diff | samples in the batch | server time | throughput | a full batch (same work) | relinearisation key | request / reply |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            FeatureMajor f = r.featureMajor();
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1e | %d | %.1f s | %.1f samples/s | %,.0f samples/s (%d) | %.1f MB | %.1f MB / %.2f MB |%n",
                    r.useCase(), number(f.score()), f.maxError(), f.samples(), f.serverSeconds(), f.samples() / f.serverSeconds(),
                    f.slots() / f.serverSeconds(), f.slots(), f.keysMegabytes(),
                    f.requestMegabytes(), f.replyMegabytes()));
        }
        return md.toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static Path modelFile(Path models, UseCase useCase) {
        return models.resolve(useCase.id() + ".he.json");
    }
}
