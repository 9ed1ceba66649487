package org.cyberhealth.tabular.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.io.AtomicOutput;

/**
 * Reads and writes schema files (JSON). Example:
 *
 * <pre>{@code
 * {"format": "cyberhealth-table-schema/1", "table": "measurement",
 *  "key": ["measurement_id"], "virtualKey": false,
 *  "columns": [
 *    {"name": "value_as_number", "type": "decimal", "scale": 1, "mark": true, "maxChange": 1},
 *    {"name": "measurement_concept_id", "type": "categorical"},
 *    {"name": "measurement_datetime", "type": "date", "follows": "measurement_date"}]}
 * }</pre>
 */
public final class SchemaFiles {

    public static final String FORMAT = "cyberhealth-table-schema/1";
    private static final long MAX_FILE_BYTES = 16L << 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SchemaFiles() {}

    public static TableSchema read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new BadInputException("schema file " + file + " is larger than 16 MB");
            }
            return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new BadInputException("schema file " + file + " does not exist");
        } catch (IOException e) {
            throw new BadInputException("cannot read schema file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses schema JSON; {@code source} names it in error messages. */
    public static TableSchema parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(source + " is not a schema (expected a JSON object)");
        }
        String format = root.path("format").asText(FORMAT);
        if (!FORMAT.equals(format)) {
            throw new BadInputException(source + " has format '" + format + "', expected " + FORMAT);
        }
        List<ColumnSpec> columns = new ArrayList<>();
        for (JsonNode column : array(root, "columns", source)) {
            columns.add(column(column, source));
        }
        List<String> key = new ArrayList<>();
        for (JsonNode name : array(root, "key", source)) {
            key.add(name.asText());
        }
        return new TableSchema(root.path("table").asText(""), key, root.path("virtualKey").asBoolean(false), columns);
    }

    private static ColumnSpec column(JsonNode node, String source) {
        if (!node.isObject()) {
            throw new BadInputException(source + ": each entry of \"columns\" must be an object");
        }
        String name = node.path("name").asText("");
        ColumnType type = ColumnType.parse(node.path("type").asText("text"));
        List<String> values = new ArrayList<>();
        for (JsonNode value : node.path("values")) {
            values.add(value.asText());
        }
        String follows = node.hasNonNull("follows") ? node.get("follows").asText() : null;
        return new ColumnSpec(name, type, node.path("scale").asInt(0), node.path("mark").asBoolean(false),
                node.path("maxChange").asLong(node.path("mark").asBoolean(false) ? 1 : 0), values, follows);
    }

    private static JsonNode array(JsonNode root, String field, String source) {
        JsonNode node = root.path(field);
        if (!node.isArray()) {
            throw new BadInputException(source + ": \"" + field + "\" must be a JSON array");
        }
        return node;
    }

    public static String toJson(TableSchema schema) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("table", schema.table());
        ArrayNode key = root.putArray("key");
        schema.key().forEach(key::add);
        root.put("virtualKey", schema.virtualKey());
        ArrayNode columns = root.putArray("columns");
        for (ColumnSpec spec : schema.columns()) {
            ObjectNode column = columns.addObject();
            column.put("name", spec.name());
            column.put("type", spec.type().label());
            if (spec.type() == ColumnType.DECIMAL) {
                column.put("scale", spec.scale());
            }
            if (spec.mark()) {
                column.put("mark", true);
                if (spec.type() != ColumnType.CATEGORICAL) {
                    column.put("maxChange", spec.maxChange());
                }
            }
            if (spec.follows() != null) {
                column.put("follows", spec.follows());
            }
            if (!spec.values().isEmpty()) {
                ArrayNode values = column.putArray("values");
                spec.values().forEach(values::add);
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void write(TableSchema schema, Path file, boolean overwrite) {
        AtomicOutput.write(file, overwrite, toJson(schema).getBytes(StandardCharsets.UTF_8));
    }
}
