package org.cyberhealth.ml.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.cyberhealth.core.BadInputException;

/**
 * A model behind a remote prediction endpoint, as a black-box {@link Classifier}: what an attacker of a
 * deployed service sees. Each call posts JSON {@code {"inputs": [[v, ...], ...]}} (images flattened
 * channel, row, column, in the declared natural range: the service does its own preprocessing) and
 * expects {@code {"probabilities": [[p, ...], ...]}}, or {@code {"labels": [k, ...]}} from a service that
 * answers with labels only (turned into one-hot rows, so label-only attacks still work).
 *
 * <p>The service is untrusted: replies are size-bounded, checked row by row (finite, non-negative, summing
 * to 1 within rounding; a service that rounds its scores is renormalised), and a failure names the
 * endpoint's status, never the request body.
 */
public final class RemoteClassifier implements Classifier {

    /** The most images one request carries; larger batches are split. */
    public static final int MAX_BATCH = 64;
    private static final long MAX_REPLY_BYTES = 16L << 20;
    private static final double SUM_TOLERANCE = 0.05;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final InputSpec input;
    private final List<String> classes;
    private final HttpClient client;
    private final Duration timeout;

    public RemoteClassifier(URI endpoint, InputSpec input, List<String> classes, Duration timeout) {
        String scheme = endpoint.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new BadInputException("the endpoint must be an http or https URL, not " + endpoint);
        }
        this.endpoint = endpoint;
        this.input = input;
        this.classes = List.copyOf(classes);
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public InputSpec input() {
        return input;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public float[][] predict(float[][] batch) {
        input.check(batch);
        float[][] probabilities = new float[batch.length][];
        for (int start = 0; start < batch.length; start += MAX_BATCH) {
            int count = Math.min(MAX_BATCH, batch.length - start);
            float[][] rows = ask(batch, start, count);
            System.arraycopy(rows, 0, probabilities, start, count);
        }
        return probabilities;
    }

    private float[][] ask(float[][] batch, int start, int count) {
        ObjectNode request = JSON.createObjectNode();
        ArrayNode inputs = request.putArray("inputs");
        for (int i = start; i < start + count; i++) {
            ArrayNode image = inputs.addArray();
            for (float v : batch[i]) {
                image.add(v);
            }
        }
        HttpRequest post = HttpRequest.newBuilder(endpoint).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build();
        try {
            HttpResponse<InputStream> response = client.send(post, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new BadInputException(endpoint + " answered HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes((int) MAX_REPLY_BYTES + 1);
                if (bytes.length > MAX_REPLY_BYTES) {
                    throw new BadInputException(endpoint + " sent more than " + (MAX_REPLY_BYTES >> 20) + " MiB for " + count + " images");
                }
                return rows(JSON.readTree(bytes), count);
            }
        } catch (IOException e) {
            throw new BadInputException("cannot reach " + endpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("interrupted while waiting for " + endpoint, e);
        }
    }

    private float[][] rows(JsonNode reply, int count) {
        JsonNode probabilities = reply.path("probabilities");
        JsonNode labels = reply.path("labels");
        JsonNode rows = probabilities.isArray() ? probabilities : labels;
        if (!rows.isArray() || rows.size() != count) {
            throw new BadInputException(endpoint + " did not answer 'probabilities' or 'labels' for each of the " + count + " images");
        }
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            out[i] = probabilities.isArray() ? distribution(rows.get(i)) : oneHot(rows.get(i));
        }
        return out;
    }

    private float[] distribution(JsonNode row) {
        if (!row.isArray() || row.size() != classes.size()) {
            throw new BadInputException(endpoint + " sent a probability row that does not have " + classes.size() + " values");
        }
        float[] p = new float[classes.size()];
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            double v = row.get(c).isNumber() ? row.get(c).asDouble() : Double.NaN;
            if (!(v >= 0 && v <= 1)) {
                throw new BadInputException(endpoint + " sent a probability outside [0, 1]");
            }
            p[c] = (float) v;
            sum += v;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new BadInputException(endpoint + " sent probabilities that sum to " + sum + ", not 1");
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= (float) sum;
        }
        return p;
    }

    private float[] oneHot(JsonNode label) {
        int k = label.canConvertToInt() && label.isIntegralNumber() ? label.asInt() : -1;
        if (k < 0 || k >= classes.size()) {
            throw new BadInputException(endpoint + " sent a label outside 0.." + (classes.size() - 1));
        }
        float[] p = new float[classes.size()];
        p[k] = 1;
        return p;
    }
}
