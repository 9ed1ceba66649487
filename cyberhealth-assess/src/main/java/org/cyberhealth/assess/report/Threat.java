package org.cyberhealth.assess.report;

import java.util.List;
import org.cyberhealth.core.report.Block;

/**
 * The threats a report covers, each with the question a security officer asks and its entries in the
 * public catalogues: MITRE ATLAS (techniques of attacks on AI systems) and the OWASP Machine Learning
 * Security Top 10 (2023).
 */
public enum Threat {
    EVASION("evasion", "Evasion: can a small change to an image flip the diagnosis?",
            List.of(atlas("AML.T0015", "Evade AI Model"), atlas("AML.T0043", "Craft Adversarial Data")),
            List.of(owasp("ML01", "Input Manipulation Attack", "ML01_2023-Input_Manipulation_Attack"))),
    MEMBERSHIP("membership", "Membership inference: can someone tell that a patient was in the training set?",
            List.of(atlas("AML.T0024.000", "Infer Training Data Membership")),
            List.of(owasp("ML04", "Membership Inference Attack", "ML04_2023-Membership_Inference_Attack"))),
    EXTRACTION("extraction", "Model extraction: can a competitor copy the model through its answers?",
            List.of(atlas("AML.T0024.002", "Extract AI Model"), atlas("AML.T0005", "Create Proxy AI Model")),
            List.of(owasp("ML05", "Model Theft", "ML05_2023-Model_Theft")));

    private final String id;
    private final String heading;
    private final List<Block.Link> atlas;
    private final List<Block.Link> owasp;

    Threat(String id, String heading, List<Block.Link> atlas, List<Block.Link> owasp) {
        this.id = id;
        this.heading = heading;
        this.atlas = atlas;
        this.owasp = owasp;
    }

    /** The name users type ({@code --threats evasion,membership}) and the report's section id. */
    public String id() {
        return id;
    }

    public String heading() {
        return heading;
    }

    /** The catalogue entries, as a report block. */
    public List<Block> references() {
        return List.of(new Block.References("MITRE ATLAS", atlas), new Block.References("OWASP ML Top 10", owasp));
    }

    /** The threat named {@code id}, or an exception that lists the names. */
    public static Threat of(String id) {
        for (Threat threat : values()) {
            if (threat.id.equals(id)) {
                return threat;
            }
        }
        throw new IllegalArgumentException("unknown threat '" + id + "' (evasion, membership, extraction)");
    }

    private static Block.Link atlas(String id, String name) {
        return new Block.Link(id + " " + name, "https://atlas.mitre.org/techniques/" + id);
    }

    private static Block.Link owasp(String id, String name, String page) {
        return new Block.Link(id + " " + name, "https://owasp.org/www-project-machine-learning-security-top-10/docs/" + page);
    }
}
