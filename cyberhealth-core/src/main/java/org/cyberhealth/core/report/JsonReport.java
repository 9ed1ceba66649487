package org.cyberhealth.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The same {@link Report} as JSON, for scripts: facts, then sections with their rating and blocks, each
 * block with a {@code type}; charts and pictures are named by their file beside the JSON.
 */
public final class JsonReport {

    public static final String FORMAT = "cyberhealth-report/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonReport() {}

    public static ObjectNode render(Report report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("title", report.title());
        ObjectNode facts = root.putObject("facts");
        report.facts().forEach(f -> facts.put(f.label(), f.value()));
        ArrayNode sections = root.putArray("sections");
        for (Section section : report.sections()) {
            ObjectNode s = sections.addObject();
            s.put("id", section.id());
            s.put("heading", section.heading());
            s.put("rating", section.rating().name().toLowerCase(java.util.Locale.ROOT));
            s.put("reason", section.ratingReason());
            ArrayNode blocks = s.putArray("blocks");
            section.blocks().forEach(b -> block(blocks.addObject(), b));
        }
        return root;
    }

    private static void block(ObjectNode node, Block block) {
        if (block instanceof Block.Paragraph p) {
            node.put("type", "paragraph").put("text", p.text());
        } else if (block instanceof Block.Table t) {
            node.put("type", "table").put("caption", t.caption());
            ArrayNode header = node.putArray("header");
            t.header().forEach(header::add);
            ArrayNode rows = node.putArray("rows");
            for (List<String> row : t.rows()) {
                ArrayNode r = rows.addArray();
                row.forEach(r::add);
            }
        } else if (block instanceof Block.Chart c) {
            node.put("type", "chart").put("file", c.name()).put("caption", c.caption());
        } else if (block instanceof Block.Picture p) {
            node.put("type", "picture").put("file", p.name()).put("caption", p.caption());
        } else if (block instanceof Block.References r) {
            node.put("type", "references").put("label", r.label());
            ArrayNode links = node.putArray("links");
            r.links().forEach(l -> links.addObject().put("text", l.text()).put("url", l.url()));
        }
    }
}
