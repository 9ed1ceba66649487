package org.cyberhealth.core.report;

import java.util.List;

/**
 * Renders a {@link Report} as one HTML page that needs nothing from the network (styles inline, charts
 * inline as SVG, pictures from files beside it) and runs no script. Every text from the report is escaped.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
            h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}
            dl.facts{display:grid;grid-template-columns:max-content auto;gap:.2em 1em;color:#444}dl.facts dt{font-weight:600}
            .rating{display:inline-block;padding:.15em .6em;border-radius:1em;font-size:.85em;font-weight:600;margin-left:.6em;vertical-align:middle}
            .high{background:#fdd;color:#900}.medium{background:#ffe9c2;color:#8a5300}.low{background:#dfd;color:#064}
            .information{background:#e6eefc;color:#234}p.reason{font-weight:600}
            table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .7em;text-align:right}
            th:first-child,td:first-child{text-align:left}caption{text-align:left;font-weight:600;margin-bottom:.3em}
            figure{margin:1em 0}figcaption{color:#555;font-size:.9em}img{max-width:100%;image-rendering:pixelated}
            ul.summary a{text-decoration:none}
            """;

    private HtmlReport() {}

    public static String render(Report report) {
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(escape(report.title()))
                .append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<h1>").append(escape(report.title())).append("</h1>\n");
        html.append("<dl class=\"facts\">\n");
        for (Report.Fact fact : report.facts()) {
            html.append("<dt>").append(escape(fact.label())).append("</dt><dd>").append(escape(fact.value())).append("</dd>\n");
        }
        html.append("</dl>\n<h2>Summary</h2>\n<ul class=\"summary\">\n");
        for (Section section : report.sections()) {
            html.append("<li><a href=\"#").append(section.id()).append("\">").append(escape(section.heading())).append("</a>")
                    .append(rating(section.rating())).append(" ").append(escape(section.ratingReason())).append("</li>\n");
        }
        html.append("</ul>\n");
        for (Section section : report.sections()) {
            html.append("<section id=\"").append(section.id()).append("\">\n<h2>").append(escape(section.heading())).append(rating(section.rating()))
                    .append("</h2>\n<p class=\"reason\">").append(escape(section.ratingReason())).append("</p>\n");
            for (Block block : section.blocks()) {
                block(html, block);
            }
            html.append("</section>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static String rating(Section.Rating rating) {
        return "<span class=\"rating " + rating.name().toLowerCase(java.util.Locale.ROOT) + "\">" + rating.label() + "</span>";
    }

    private static void block(StringBuilder html, Block block) {
        if (block instanceof Block.Paragraph p) {
            html.append("<p>").append(escape(p.text())).append("</p>\n");
        } else if (block instanceof Block.Table t) {
            html.append("<table>\n<caption>").append(escape(t.caption())).append("</caption>\n<tr>");
            t.header().forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
            html.append("</tr>\n");
            for (List<String> row : t.rows()) {
                html.append("<tr>");
                row.forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        } else if (block instanceof Block.Chart c) {
            html.append("<figure>\n").append(c.svg()).append("\n<figcaption>").append(escape(c.caption())).append("</figcaption>\n</figure>\n");
        } else if (block instanceof Block.Picture p) {
            html.append("<figure>\n<img src=\"").append(p.name()).append("\" alt=\"").append(escape(p.caption())).append("\">\n<figcaption>")
                    .append(escape(p.caption())).append("</figcaption>\n</figure>\n");
        } else if (block instanceof Block.References r) {
            html.append("<p>").append(escape(r.label())).append(": ");
            for (int i = 0; i < r.links().size(); i++) {
                Block.Link link = r.links().get(i);
                html.append(i == 0 ? "" : ", ").append("<a href=\"").append(escape(link.url())).append("\">").append(escape(link.text())).append("</a>");
            }
            html.append("</p>\n");
        }
    }

    /** Escapes text for HTML element content and double-quoted attributes. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
