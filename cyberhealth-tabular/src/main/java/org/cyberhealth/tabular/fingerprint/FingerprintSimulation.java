package org.cyberhealth.tabular.fingerprint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.crypto.Hkdf;

/**
 * The bit-level tracing experiment of issue 3: for each of {@code coalitions} trials a fresh code
 * (new secret, new biases) is handed to {@code recipients} recipients, {@code colluders} of them
 * chosen at random forge a word with {@code strategy}, the word passes through {@code channel}, and
 * the {@link Tracer} judges every recipient. A fresh code per trial is what the Tardos guarantees
 * average over; a fixed {@code seed} makes the whole run reproducible. The coalition's coins and the
 * channel use {@link SplittableRandom}: they model the attacker, not key material.
 */
public record FingerprintSimulation(TardosParameters parameters, int recipients, int colluders, int coalitions,
        CollusionStrategy strategy, NoisyChannel channel, long seed) {

    public static final int DEFAULT_RECIPIENTS = 100;
    public static final int DEFAULT_COALITIONS = 200;

    public FingerprintSimulation {
        if (colluders < 1 || recipients <= colluders) {
            throw new BadInputException("a simulation needs at least one colluder and more recipients than colluders (got "
                    + colluders + " of " + recipients + ")");
        }
        if (coalitions < 1) {
            throw new BadInputException("a simulation needs at least one coalition (got " + coalitions + ")");
        }
    }

    /** 100 recipients, coalitions of the code's {@code c}, 200 coalitions, no channel noise, seed 1. */
    public static FingerprintSimulation of(TardosParameters parameters, CollusionStrategy strategy) {
        return new FingerprintSimulation(parameters, DEFAULT_RECIPIENTS, parameters.maxColluders(), DEFAULT_COALITIONS,
                strategy, NoisyChannel.NONE, 1);
    }

    public FingerprintSimulation withChannel(NoisyChannel channel) {
        return new FingerprintSimulation(parameters, recipients, colluders, coalitions, strategy, channel, seed);
    }

    public FingerprintSimulation withColluders(int colluders) {
        return new FingerprintSimulation(parameters, recipients, colluders, coalitions, strategy, channel, seed);
    }

    public FingerprintSimulation withCoalitions(int coalitions) {
        return new FingerprintSimulation(parameters, recipients, colluders, coalitions, strategy, channel, seed);
    }

    public FingerprintSimulation withSeed(long seed) {
        return new FingerprintSimulation(parameters, recipients, colluders, coalitions, strategy, channel, seed);
    }

    public SimulationResult run() {
        byte[] master = Hkdf.derive(ByteBuffer.allocate(Long.BYTES).putLong(seed).array(),
                "cyberhealth/v1/tardos/simulation", KeyedStream.SEED_LENGTH);
        List<String> ids = new ArrayList<>(recipients);
        for (int r = 0; r < recipients; r++) {
            ids.add("recipient-" + r);
        }
        int caught = 0;
        int innocentsAccused = 0;
        int colluderCount = 0;
        double colluderScoreSum = 0;
        double minColluderScore = Double.POSITIVE_INFINITY;
        double bestScoreSum = 0;
        double thresholdSum = 0;
        int thresholds = 0;
        for (int trial = 0; trial < coalitions; trial++) {
            byte[] trialSecret = Hkdf.hmac(master, ByteBuffer.allocate(Integer.BYTES).putInt(trial).array());
            TardosCode code = TardosCode.generate(parameters, trialSecret);
            Map<String, Codeword> words = code.codewordsFor(ids);
            SplittableRandom random = new SplittableRandom(
                    ByteBuffer.wrap(Hkdf.hmac(trialSecret, "attack".getBytes(StandardCharsets.US_ASCII))).getLong());
            Set<String> coalition = pick(ids, random);
            List<Codeword> members = coalition.stream().map(words::get).toList();
            ObservedWord observed = channel.transmit(strategy.forge(members, random), random);
            Trace trace = new Tracer(code).trace(observed, words);

            boolean anyCaught = false;
            double best = Double.NEGATIVE_INFINITY;
            for (Accusation a : trace.ranking()) {
                if (coalition.contains(a.recipient())) {
                    anyCaught |= a.accused();
                    best = Math.max(best, a.score());
                    colluderScoreSum += a.score();
                    minColluderScore = Math.min(minColluderScore, a.score());
                    colluderCount++;
                } else if (a.accused()) {
                    innocentsAccused++;
                }
            }
            caught += anyCaught ? 1 : 0;
            bestScoreSum += best;
            if (Double.isFinite(trace.threshold())) {
                thresholdSum += trace.threshold();
                thresholds++;
            }
        }
        return new SimulationResult(strategy, channel, parameters.codeLength(), coalitions, (double) caught / coalitions,
                innocentsAccused, colluderScoreSum / colluderCount, minColluderScore, bestScoreSum / coalitions,
                thresholds == 0 ? Double.POSITIVE_INFINITY : thresholdSum / thresholds);
    }

    /** {@code colluders} distinct recipients, uniformly at random (partial Fisher-Yates shuffle). */
    private Set<String> pick(List<String> ids, SplittableRandom random) {
        List<String> pool = new ArrayList<>(ids);
        Set<String> chosen = new HashSet<>();
        for (int k = 0; k < colluders; k++) {
            int j = k + random.nextInt(pool.size() - k);
            String swap = pool.get(j);
            pool.set(j, pool.get(k));
            pool.set(k, swap);
            chosen.add(swap);
        }
        return chosen;
    }
}
