package org.cyberhealth.he.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.he.ckks.Ciphertext;
import org.cyberhealth.he.ckks.CkksFormat;
import org.cyberhealth.he.ckks.CkksParameters;
import org.cyberhealth.he.ckks.Encoder;
import org.cyberhealth.he.ckks.Evaluator;
import org.cyberhealth.he.ckks.GaloisKeys;
import org.cyberhealth.he.ckks.SwitchingKey;
import org.cyberhealth.he.nn.EncryptedInference;
import org.cyberhealth.he.nn.HeModelFile;
import org.cyberhealth.he.ring.Ring;

/**
 * Serves encrypted predictions over HTTP: the server holds the model and, per client session, that
 * client's evaluation keys (relinearisation and rotations), never a secret key. {@code GET /v1/model} says
 * what a client needs (parameters, rotations to make keys for, input standardisation, sizes; not the
 * weights); {@code POST /v1/sessions} takes the evaluation keys and returns a session id;
 * {@code POST /v1/sessions/{id}/predict} takes a ciphertext of packed samples and returns the ciphertext
 * of their predictions. Bodies are bounded, sessions few and dropped oldest first.
 */
public final class InferenceServer implements AutoCloseable {

    private static final long MAX_BODY = 2L << 30;
    private static final int MAX_SESSIONS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HeModelFile.Described model;
    private final CkksParameters parameters;
    private final Ring ring;
    private final Encoder encoder;
    private final Evaluator evaluator;
    private final Map<String, EncryptedInference> sessions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, EncryptedInference> eldest) {
            return size() > MAX_SESSIONS;
        }
    };
    private final HttpServer http;

    public InferenceServer(HeModelFile.Described model, CkksParameters parameters, InetSocketAddress address) throws IOException {
        this.model = model;
        this.parameters = parameters;
        ring = parameters.ring();
        encoder = new Encoder(parameters, ring);
        evaluator = new Evaluator(parameters, ring);
        if (EncryptedInference.levels(model.model()) > parameters.maxLevel()) {
            throw new BadInputException("the model needs " + EncryptedInference.levels(model.model()) + " levels; the parameters give "
                    + parameters.maxLevel() + " (choose a deeper preset)");
        }
        http = HttpServer.create(address, 16);
        http.setExecutor(Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors())));
        http.createContext("/v1/model", exchange -> handle(exchange, "GET", this::describe));
        http.createContext("/v1/sessions", exchange -> handle(exchange, "POST", this::route));
        http.start();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    @FunctionalInterface
    private interface Handler {
        byte[] handle(HttpExchange exchange, byte[] body) throws IOException;
    }

    private void handle(HttpExchange exchange, String method, Handler handler) throws IOException {
        // Not try-with-resources: that would close the exchange before a catch block could answer.
        try {
            if (!exchange.getRequestMethod().equals(method)) {
                reply(exchange, 405, "text/plain", ("use " + method + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body = readBody(exchange);
            reply(exchange, 200, "application/octet-stream", handler.handle(exchange, body));
        } catch (BadInputException | IllegalArgumentException e) {
            reply(exchange, 400, "text/plain", (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            reply(exchange, 500, "text/plain", "internal error\n".getBytes(StandardCharsets.UTF_8));
        } finally {
            exchange.close();
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && Long.parseLong(declared) > MAX_BODY) {
            throw new BadInputException("request body larger than " + (MAX_BODY >> 20) + " MB");
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes((int) Math.min(MAX_BODY, Integer.MAX_VALUE - 8));
            if (in.read() >= 0) {
                throw new BadInputException("request body too large");
            }
            return body;
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        if (status != 200 || !exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private byte[] describe(HttpExchange exchange, byte[] body) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", model.name());
        root.put("input", model.model().inputSize());
        root.put("output", model.model().outputSize());
        root.put("levels", EncryptedInference.levels(model.model()));
        root.put("parameters", Base64.getEncoder().encodeToString(CkksFormat.write(parameters)));
        var rotations = root.putArray("rotations");
        for (int step : EncryptedInference.rotations(model.model(), parameters.slots())) {
            rotations.add(step);
        }
        var mean = root.putArray("inputMean");
        for (double v : model.inputMean()) {
            mean.add(v);
        }
        var scale = root.putArray("inputScale");
        for (double v : model.inputScale()) {
            scale.add(v);
        }
        var outputs = root.putArray("outputs");
        model.outputs().forEach(outputs::add);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        return JSON.writeValueAsBytes(root);
    }

    private byte[] route(HttpExchange exchange, byte[] body) {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/v1/sessions")) {
            return open(body);
        }
        String[] parts = path.split("/");
        if (parts.length == 5 && parts[4].equals("predict")) {
            return predict(parts[3], body);
        }
        throw new BadInputException("unknown path " + path);
    }

    private byte[] open(byte[] body) {
        List<byte[]> parts = Frames.split(body, 2);
        SwitchingKey relinearisation = CkksFormat.readSwitchingKey(parameters, parts.get(0));
        GaloisKeys galois = CkksFormat.readGaloisKeys(parameters, parts.get(1));
        EncryptedInference inference = new EncryptedInference(model.model(), parameters, encoder, evaluator, relinearisation, galois);
        String id = UUID.randomUUID().toString();
        synchronized (sessions) {
            sessions.put(id, inference);
        }
        return id.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] predict(String session, byte[] body) {
        EncryptedInference inference;
        synchronized (sessions) {
            inference = sessions.get(session);
        }
        if (inference == null) {
            throw new BadInputException("no session " + session + " (open one with POST /v1/sessions)");
        }
        Ciphertext input = CkksFormat.readCiphertext(parameters, body);
        if (input.level() != parameters.maxLevel()) {
            throw new BadInputException("send samples encrypted at the top level " + parameters.maxLevel());
        }
        return CkksFormat.write(parameters, inference.evaluate(input));
    }

    @Override
    public void close() {
        http.stop(0);
        ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
    }
}
