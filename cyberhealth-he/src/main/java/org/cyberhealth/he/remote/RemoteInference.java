package org.cyberhealth.he.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.he.ckks.Ciphertext;
import org.cyberhealth.he.ckks.CkksFormat;
import org.cyberhealth.he.ckks.CkksParameters;
import org.cyberhealth.he.ckks.Decryptor;
import org.cyberhealth.he.ckks.Encoder;
import org.cyberhealth.he.ckks.KeySet;
import org.cyberhealth.he.ckks.SecretKeyEncryptor;
import org.cyberhealth.he.ckks.SeededCiphertext;
import org.cyberhealth.he.nn.SlotLayout;

/**
 * The client of an {@link InferenceServer}: reads what the model needs, makes a fresh secret key that
 * never leaves this object, sends only the evaluation keys, and then encrypts batches of standardised
 * samples (under the secret key: sent as c_0 and a seed, half a public-key ciphertext), sends them, and
 * decrypts the predictions.
 */
public final class RemoteInference {

    /** What one call cost: bytes each way and the time spent waiting for the server. */
    public record Traffic(long bytesSent, long bytesReceived, double serverSeconds) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    // HTTP/1.1: the JDK's own server speaks nothing else, so no h2c upgrade is tried on each connection.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI server;
    private final CkksParameters parameters;
    private final SlotLayout layout;
    private final int inputSize;
    private final int outputSize;
    private final double[] mean;
    private final double[] scale;
    private final List<String> outputs = new ArrayList<>();
    private final Encoder encoder;
    private final SecretKeyEncryptor encryptor;
    private final Decryptor decryptor;
    private final String session;
    private long sent;
    private long received;
    private double waited;

    public RemoteInference(URI server, SecureRandom random) {
        this.server = server;
        JsonNode model = describe();
        parameters = CkksFormat.readParameters(Base64.getDecoder().decode(model.path("parameters").asText()));
        inputSize = model.path("input").asInt();
        outputSize = model.path("output").asInt();
        mean = doubles(model.path("inputMean"));
        scale = doubles(model.path("inputScale"));
        model.path("outputs").forEach(n -> outputs.add(n.asText()));
        int[] rotations = new int[model.path("rotations").size()];
        for (int i = 0; i < rotations.length; i++) {
            rotations[i] = model.path("rotations").get(i).asInt();
        }
        layout = new SlotLayout(widthFor(rotations), parameters.slots());
        KeySet keySet = KeySet.generate(parameters, random);
        encoder = keySet.encoder();
        encryptor = keySet.secretKeyEncryptor();
        decryptor = keySet.decryptor();
        byte[] keys = Frames.join(CkksFormat.write(parameters, keySet.relinearisationKey()),
                CkksFormat.write(parameters, keySet.galoisKeys(rotations, false)));
        session = new String(post("/v1/sessions", keys), StandardCharsets.UTF_8);
    }

    /** The block width is the duplication step the server asked a key for (the one negative rotation). */
    private static int widthFor(int[] rotations) {
        for (int step : rotations) {
            if (step < 0) {
                return -step;
            }
        }
        throw new BadInputException("the server's model description has no duplication step");
    }

    public int batchCapacity() {
        return layout.capacity();
    }

    public List<String> outputs() {
        return outputs;
    }

    /** Predictions for raw (unstandardised) samples, in batches of {@link #batchCapacity}. */
    public double[][] predict(double[][] raw) {
        double[][] predictions = new double[raw.length][];
        for (int start = 0; start < raw.length; start += batchCapacity()) {
            int count = Math.min(batchCapacity(), raw.length - start);
            double[][] batch = new double[count][];
            for (int i = 0; i < count; i++) {
                batch[i] = standardise(raw[start + i]);
            }
            SeededCiphertext input = encryptor.encrypt(encoder.encode(layout.pack(batch), parameters.maxLevel(), parameters.scale()));
            byte[] reply = post("/v1/sessions/" + session + "/predict", CkksFormat.write(parameters, input));
            Ciphertext output = CkksFormat.readCiphertext(parameters, reply);
            double[][] values = layout.unpack(encoder.decode(decryptor.decrypt(output))[0], count, outputSize);
            System.arraycopy(values, 0, predictions, start, count);
        }
        return predictions;
    }

    public Traffic traffic() {
        return new Traffic(sent, received, waited);
    }

    private double[] standardise(double[] sample) {
        if (sample.length != inputSize) {
            throw new BadInputException("the model takes " + inputSize + " values per sample, got " + sample.length);
        }
        double[] x = new double[inputSize];
        for (int i = 0; i < inputSize; i++) {
            x[i] = (sample[i] - mean[i]) / scale[i];
        }
        return x;
    }

    private JsonNode describe() {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(server.resolve("/v1/model")).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            check(response);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new BadInputException("cannot reach " + server + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("interrupted");
        }
    }

    private byte[] post(String path, byte[] body) {
        try {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(server.resolve(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("Content-Type", "application/octet-stream").build(), HttpResponse.BodyHandlers.ofByteArray());
            waited += (System.nanoTime() - start) / 1e9;
            check(response);
            sent += body.length;
            received += response.body().length;
            return response.body();
        } catch (IOException e) {
            throw new BadInputException("cannot reach " + server + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("interrupted");
        }
    }

    private static void check(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new BadInputException("the server refused the request (" + response.statusCode() + "): "
                    + new String(response.body(), StandardCharsets.UTF_8).strip());
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }
}
