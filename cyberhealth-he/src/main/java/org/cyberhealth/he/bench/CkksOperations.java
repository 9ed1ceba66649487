package org.cyberhealth.he.bench;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cyberhealth.he.ckks.Ciphertext;
import org.cyberhealth.he.ckks.CkksParameters;
import org.cyberhealth.he.ckks.Decryptor;
import org.cyberhealth.he.ckks.Encoder;
import org.cyberhealth.he.ckks.Encryptor;
import org.cyberhealth.he.ckks.Evaluator;
import org.cyberhealth.he.ckks.GaloisKeys;
import org.cyberhealth.he.ckks.KeySet;
import org.cyberhealth.he.ckks.Plaintext;
import org.cyberhealth.he.ckks.SwitchingKey;
import org.cyberhealth.he.ring.Primes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH micro-benchmarks of one CKKS operation each, on ciphertexts at the top of the chain, one thread. The
 * modulus is SEAL's default largest 128-bit one for the degree (CoeffModulus::BFVDefault, also what its
 * sealbench uses for CKKS): at N = 8192 primes of 43, 43, 44, 44 bits and a 44-bit special prime (log2 QP
 * = 218), at N = 16384 three of 48 and five of 49 bits and a 49-bit special prime (438), so both libraries
 * do the same number of NTTs per operation. Run by {@link CkksOperationsBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CkksOperations {

    @Param({"8192", "16384"})
    public int ringDegree;

    private Encoder encoder;
    private Encryptor encryptor;
    private Decryptor decryptor;
    private Evaluator evaluator;
    private SwitchingKey relinearisationKey;
    private GaloisKeys galoisKeys;
    private double[] values;
    private Plaintext plaintext;
    private Ciphertext x;
    private Ciphertext y;
    private Ciphertext product;
    private Ciphertext relinearised;
    private int level;
    private double scale;

    /** SEAL's default largest modulus for the degree: chain primes and the special prime last. */
    public static CkksParameters parameters(int ringDegree) {
        int[] bits = switch (ringDegree) {
            case 8192 -> new int[] {43, 43, 44, 44, 44};
            case 16384 -> new int[] {48, 48, 48, 49, 49, 49, 49, 49, 49};
            default -> throw new IllegalArgumentException("benchmarked degrees are 8192 and 16384, got " + ringDegree);
        };
        List<Long> used = new ArrayList<>();
        for (int b : bits) {
            used.addAll(Primes.nttFriendly(b, ringDegree, 1, used));
        }
        return new CkksParameters(ringDegree, used.subList(0, used.size() - 1), used.subList(used.size() - 1, used.size()), 40);
    }

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        CkksParameters parameters = parameters(ringDegree);
        // A seeded generator: every run benchmarks the same keys and ciphertexts.
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(4);
        KeySet keys = KeySet.generate(parameters, random);
        encoder = keys.encoder();
        encryptor = keys.encryptor();
        decryptor = keys.decryptor();
        evaluator = new Evaluator(parameters, keys.ring());
        relinearisationKey = keys.relinearisationKey();
        galoisKeys = keys.galoisKeys(new int[] {1}, false);
        level = parameters.maxLevel();
        scale = parameters.scale();
        values = new double[parameters.slots()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.sin(i);
        }
        plaintext = encoder.encode(values, level, scale);
        x = encryptor.encrypt(plaintext);
        y = encryptor.encrypt(plaintext);
        product = evaluator.multiply(x, y);
        relinearised = evaluator.relinearise(product, relinearisationKey);
    }

    @Benchmark
    public Plaintext encode() {
        return encoder.encode(values, level, scale);
    }

    @Benchmark
    public Ciphertext encrypt() {
        return encryptor.encrypt(plaintext);
    }

    @Benchmark
    public Plaintext decrypt() {
        return decryptor.decrypt(x);
    }

    @Benchmark
    public Ciphertext add() {
        return evaluator.add(x, y);
    }

    @Benchmark
    public Ciphertext multiply() {
        return evaluator.multiply(x, y);
    }

    @Benchmark
    public Ciphertext relinearise() {
        return evaluator.relinearise(product, relinearisationKey);
    }

    @Benchmark
    public Ciphertext rescale() {
        return evaluator.rescale(relinearised);
    }

    @Benchmark
    public Ciphertext rotate() {
        return evaluator.rotate(x, 1, galoisKeys);
    }
}
