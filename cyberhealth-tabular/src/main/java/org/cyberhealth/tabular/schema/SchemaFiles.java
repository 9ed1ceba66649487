package org.cyberhealth.tabular.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.io.AtomicOutput;
import org.yaml.snakeyaml.LoaderOptions;

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
 *
 * The same in YAML for a file named {@code *.yaml} or {@code *.yml}. YAML is read with SnakeYAML's limits
 * tightened (few aliases, shallow nesting, bounded size), so a hostile file cannot exhaust memory.
 */
public final class SchemaFiles {

    public static final String FORMAT = "cyberhealth-table-schema/1";
    private static final long MAX_FILE_BYTES = 16L << 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .loaderOptions(yamlLimits())
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private static LoaderOptions yamlLimits() {
        LoaderOptions limits = new LoaderOptions();
        limits.setMaxAliasesForCollections(20);
        limits.setNestingDepthLimit(20);
        limits.setCodePointLimit((int) MAX_FILE_BYTES);
        limits.setAllowDuplicateKeys(false);
        return limits;
    }

    /** Whether {@code file} is named as a YAML file (otherwise it is JSON). */
    public static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private SchemaFiles() {}

    public static TableSchema read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new BadInputException("schema file " + file + " is larger than 16 MB");
            }
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            return isYaml(file) ? parseYaml(text, file.toString()) : parse(text, file.toString());
        } catch (NoSuchFileException e) {
            throw new BadInputException("schema file " + file + " does not exist");
        } catch (IOException e) {
            throw new BadInputException("cannot read schema file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses schema JSON; {@code source} names it in error messages. */
    public static TableSchema parse(String json, String source) {
        try {
            return schema(JSON.readTree(json), source);
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Parses a schema written in YAML. */
    public static TableSchema parseYaml(String yaml, String source) {
        try {
            return schema(YAML.readTree(yaml), source);
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + " is not valid YAML: " + firstLine(e.getOriginalMessage()));
        } catch (RuntimeException e) {
            // SnakeYAML reports its limits (aliases, nesting, size) with its own unchecked exceptions.
            throw new BadInputException(source + " is not a usable YAML schema: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        String text = message == null ? "unreadable" : message.strip();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static TableSchema schema(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new BadInputException(source + " is not a schema (expected an object with \"key\" and \"columns\")");
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
            throw new BadInputException(source + ": \"" + field + "\" must be a list");
        }
        return node;
    }

    public static String toJson(TableSchema schema) {
        try {
            return JSON.writeValueAsString(tree(schema)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String toYaml(TableSchema schema) {
        try {
            return YAML.writeValueAsString(tree(schema));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode tree(TableSchema schema) {
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
        return root;
    }

    /** Writes the schema as YAML or JSON, by the file's name. */
    public static void write(TableSchema schema, Path file, boolean overwrite) {
        String text = isYaml(file) ? toYaml(schema) : toJson(schema);
        AtomicOutput.write(file, overwrite, text.getBytes(StandardCharsets.UTF_8));
    }
}
