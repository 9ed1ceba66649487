package org.cyberhealth.tabular;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleConsumer;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.CyberHealthException;
import org.cyberhealth.core.crypto.Hkdf;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.core.keys.IssuerKey.Purpose;
import org.cyberhealth.tabular.fingerprint.Codeword;
import org.cyberhealth.tabular.fingerprint.ObservedWord;
import org.cyberhealth.tabular.fingerprint.TardosCode;
import org.cyberhealth.tabular.fingerprint.TardosParameters;
import org.cyberhealth.tabular.fingerprint.Trace;
import org.cyberhealth.tabular.fingerprint.Tracer;
import org.cyberhealth.tabular.io.TableLocation;
import org.cyberhealth.tabular.lossless.EmbeddingReport;
import org.cyberhealth.tabular.lossless.RangeEnds;
import org.cyberhealth.tabular.lossless.Restoration;
import org.cyberhealth.tabular.registry.RecipientRegistry;
import org.cyberhealth.tabular.registry.RecipientRegistry.Campaign;
import org.cyberhealth.tabular.registry.RecipientRegistry.Export;
import org.cyberhealth.tabular.schema.SchemaFiles;
import org.cyberhealth.tabular.schema.TableSchema;
import org.cyberhealth.tabular.watermark.BitVotes;
import org.cyberhealth.tabular.watermark.MarkParameters;
import org.cyberhealth.tabular.watermark.MarkReport;
import org.cyberhealth.tabular.watermark.MarkingKey;
import org.cyberhealth.tabular.watermark.OwnerMarkTest;
import org.cyberhealth.tabular.watermark.TableDetector;
import org.cyberhealth.tabular.watermark.TableMarker;

/**
 * The leak-tracing workflow on tables, as one library API: mark a copy for a recipient (owner mark plus
 * the recipient's Tardos codeword, logged in the registry), detect the owner mark in a suspect table,
 * and trace the recipients whose copies it came from. The CLI only parses and prints around this.
 */
public final class TableProtection {

    /**
     * Settings of a new campaign (the first export of a table); later exports reuse the campaign's.
     *
     * @param meanBound the largest mean shift of a marked numeric column, in standard deviations, that
     *     marking accepts (the output is not written when the mark would move a mean further)
     */
    public record Settings(int gamma, int ownerBits, int colluders, double epsilon1, double meanBound) {
        public static Settings defaults() {
            return new Settings(MarkParameters.DEFAULT_GAMMA, MarkParameters.DEFAULT_OWNER_BITS,
                    TardosParameters.DEFAULT_MAX_COLLUDERS, TardosParameters.DEFAULT_FALSE_ACCUSATION, 0.1);
        }
    }

    /**
     * What a mark did: for the fingerprinting scheme its parameters and report, for the lossless scheme
     * its embedding report (the other fields null).
     */
    public record MarkResult(String exportId, String table, String recipient, String output, MarkParameters parameters, MarkReport report,
            EmbeddingReport lossless) {}

    /** The owner-mark test on a suspect table. */
    public record Detection(String table, String source, long rows, long votes, OwnerMarkTest.Result owner) {}

    private final IssuerKey key;
    private final RecipientRegistry registry;
    private final LosslessTables lossless;

    public TableProtection(IssuerKey key, RecipientRegistry registry) {
        this.key = key;
        this.registry = registry;
        this.lossless = new LosslessTables(key, registry);
    }

    /**
     * Marks {@code input} for {@code recipient} into {@code output} (a new file or table, written whole or
     * not at all) and records the export.
     */
    public MarkResult mark(TableLocation input, TableLocation output, boolean overwrite, TableSchema schema, String recipient,
            String purpose, String exportId, Settings settings, DoubleConsumer progress) {
        if (input.equals(output)) {
            throw new BadInputException("the output must differ from the input: marking never changes a table in place");
        }
        if (recipient == null || recipient.isBlank()) {
            throw new BadInputException("the recipient id must not be empty");
        }
        schema.requireMarkedColumns();
        Campaign campaign = campaignFor(schema, settings);
        MarkParameters parameters = parameters(campaign);
        Codeword codeword = code(campaign).codewordFor(recipient);
        TableMarker marker = new TableMarker(schema, MarkingKey.of(key, schema.table()), parameters, codeword.toBitSet());
        MarkReport report = marker.mark(input, output, overwrite, progress, marked -> {
            if (marked.largestMeanShiftInSd() > settings.meanBound()) {
                throw new CyberHealthException(CyberHealthException.CHECK_FAILED, String.format(Locale.ROOT,
                        "the mark would shift a column mean by %.3f standard deviations, above the bound %.3f; nothing written"
                                + " (use a larger gamma or a smaller maxChange)", marked.largestMeanShiftInSd(), settings.meanBound()));
            }
        });
        registry.addExport(new Export(exportId, schema.table(), recipient, purpose, Instant.now(), output.describe(), codeword.toBits().toBytes()));
        return new MarkResult(exportId, schema.table(), recipient, output.describe(), parameters, report, null);
    }

    /** Reads the owner mark of the campaign of table {@code table} from {@code suspect}. */
    public Detection detect(TableLocation suspect, String table, double bound, DoubleConsumer progress) {
        Campaign campaign = existingCampaign(table);
        if (campaign.scheme().equals(Campaign.LOSSLESS)) {
            return lossless.detect(suspect, campaign, bound, progress);
        }
        return detection(suspect, campaign, votes(suspect, campaign, progress), bound);
    }

    /**
     * Marks {@code input} for {@code recipient} with the lossless owner mark in {@code column} (the first
     * export of a table measures the scheme's parameters on it); the owner can later take the mark out
     * with {@link #restore}.
     */
    public MarkResult markLossless(TableLocation input, TableLocation output, boolean overwrite, TableSchema schema, String column,
            RangeEnds ends, String recipient, String purpose, String exportId, DoubleConsumer progress) {
        if (input.equals(output)) {
            throw new BadInputException("the output must differ from the input: marking never changes a table in place");
        }
        registry.campaign(schema.table()).ifPresent(existing -> requireScheme(existing, Campaign.LOSSLESS));
        return lossless.mark(input, output, overwrite, schema, column, ends, recipient, purpose, exportId, MarkParameters.DEFAULT_OWNER_BITS, progress);
    }

    /** Writes the original of a copy marked with the lossless scheme, cell for cell. */
    public Restoration restore(TableLocation marked, TableLocation output, boolean overwrite, String table, DoubleConsumer progress) {
        if (marked.equals(output)) {
            throw new BadInputException("the output must differ from the input: restoring never changes a table in place");
        }
        Campaign campaign = existingCampaign(table);
        requireScheme(campaign, Campaign.LOSSLESS);
        return lossless.restore(marked, output, overwrite, campaign, progress);
    }

    private static void requireScheme(Campaign campaign, String scheme) {
        if (!campaign.scheme().equals(scheme)) {
            throw new BadInputException("table " + campaign.table() + " is marked with the " + campaign.scheme() + " scheme, not "
                    + scheme + " (give the table another name in its schema to mark it both ways)");
        }
    }

    private Detection detection(TableLocation suspect, Campaign campaign, BitVotes votes, double bound) {
        int ownerBits = campaign.ownerBits();
        OwnerMarkTest.Result owner = OwnerMarkTest.test(votes, MarkingKey.of(key, campaign.table()).ownerBits(ownerBits), ownerBits, bound);
        return new Detection(campaign.table(), suspect.describe(), votes.rows(), votes.votes(), owner);
    }

    /** The owner-mark test and the accusations from one suspect table. */
    public record TraceResult(Detection detection, Trace trace, int candidates, int codeLength) {}

    /**
     * Reads the suspect's votes once, tests the owner mark, and scores every recipient the registry lists
     * for {@code table} against the fingerprint read from it; a recipient is accused when the probability
     * that an innocent scores as high is at most {@code falseAccusation}.
     */
    public TraceResult trace(TableLocation suspect, String table, double ownerBound, double falseAccusation, DoubleConsumer progress) {
        Campaign campaign = existingCampaign(table);
        requireScheme(campaign, Campaign.FINGERPRINT);
        BitVotes votes = votes(suspect, campaign, progress);
        Detection detection = detection(suspect, campaign, votes, ownerBound);
        int from = campaign.ownerBits();
        int to = from + campaign.codeLength();
        ObservedWord observed = ObservedWord.fromVotes(votes.zeros(from, to), votes.ones(from, to));
        TardosCode code = code(campaign);
        Set<String> recipients = new LinkedHashSet<>();
        registry.exports(campaign.table()).forEach(export -> recipients.add(export.recipient()));
        Trace trace = new Tracer(code, falseAccusation).trace(observed, code.codewordsFor(recipients));
        return new TraceResult(detection, trace, recipients.size(), campaign.codeLength());
    }

    /** The campaigns (marked tables) in the registry. */
    public List<String> tables() {
        return registry.tables();
    }

    BitVotes votes(TableLocation suspect, Campaign campaign, DoubleConsumer progress) {
        TableSchema schema = SchemaFiles.parse(campaign.schemaJson(), "the registry's schema of " + campaign.table());
        return new TableDetector(schema, MarkingKey.of(key, campaign.table()), parameters(campaign)).votes(suspect, progress);
    }

    Campaign existingCampaign(String table) {
        Optional<Campaign> campaign = registry.campaign(table);
        if (campaign.isEmpty()) {
            throw new BadInputException("the registry has no marked table named " + table + " (marked tables: " + registry.tables() + ")");
        }
        requireSameKey(campaign.get());
        return campaign.get();
    }

    private Campaign campaignFor(TableSchema schema, Settings settings) {
        Optional<Campaign> existing = registry.campaign(schema.table());
        if (existing.isPresent()) {
            requireSameKey(existing.get());
            requireScheme(existing.get(), Campaign.FINGERPRINT);
            if (!existing.get().schemaJson().equals(SchemaFiles.toJson(schema))) {
                throw new BadInputException("table " + schema.table() + " was first marked with another schema; every copy of a table"
                        + " must be marked with the same schema (or give the table another name)");
            }
            return existing.get();
        }
        TardosParameters tardos = TardosParameters.of(settings.colluders(), settings.epsilon1());
        Campaign campaign = new Campaign(schema.table(), key.keyId(), Campaign.FINGERPRINT, settings.gamma(), settings.ownerBits(),
                tardos.codeLength(), settings.colluders(), settings.epsilon1(), SchemaFiles.toJson(schema), "{}", Instant.now());
        parameters(campaign);
        registry.addCampaign(campaign);
        return campaign;
    }

    private void requireSameKey(Campaign campaign) {
        if (!campaign.keyId().equals(key.keyId())) {
            throw new BadInputException("table " + campaign.table() + " was marked with key " + campaign.keyId() + ", not with this key ("
                    + key.keyId() + ")");
        }
    }

    static MarkParameters parameters(Campaign campaign) {
        return new MarkParameters(campaign.gamma(), campaign.ownerBits(), campaign.codeLength());
    }

    TardosCode code(Campaign campaign) {
        TardosParameters parameters = TardosParameters.of(campaign.colluders(), campaign.epsilon1()).withCodeLength(campaign.codeLength());
        return TardosCode.generate(parameters, Hkdf.derive(key.derive(Purpose.TABLE_FINGERPRINTS), "table:" + campaign.table(), 32));
    }
}
