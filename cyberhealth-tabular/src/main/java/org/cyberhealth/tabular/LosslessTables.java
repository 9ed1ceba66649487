package org.cyberhealth.tabular;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.BitSet;
import java.util.Locale;
import java.util.function.DoubleConsumer;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.CyberHealthException;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.tabular.io.TableHeader;
import org.cyberhealth.tabular.io.TableLocation;
import org.cyberhealth.tabular.io.TableReader;
import org.cyberhealth.tabular.lossless.EmbeddingReport;
import org.cyberhealth.tabular.lossless.Extraction;
import org.cyberhealth.tabular.lossless.LosslessParameters;
import org.cyberhealth.tabular.lossless.LosslessWatermark;
import org.cyberhealth.tabular.lossless.ParameterAdvisor;
import org.cyberhealth.tabular.lossless.RangeEnds;
import org.cyberhealth.tabular.lossless.Restoration;
import org.cyberhealth.tabular.lossless.ValueRange;
import org.cyberhealth.tabular.registry.RecipientRegistry;
import org.cyberhealth.tabular.registry.RecipientRegistry.Campaign;
import org.cyberhealth.tabular.registry.RecipientRegistry.Export;
import org.cyberhealth.tabular.schema.SchemaFiles;
import org.cyberhealth.tabular.schema.TableSchema;
import org.cyberhealth.tabular.watermark.MarkingKey;
import org.cyberhealth.tabular.watermark.OwnerMarkTest;

/**
 * The lossless side of table protection: the owner mark embedded reversibly with Franco-Contreras et
 * al.'s circular histogram modulation, so that the owner can detect it in a leaked copy and take it out
 * of a copy to get the original back, cell for cell. Its parameters are measured on the first table
 * marked and kept in the registry's campaign. It carries no fingerprint: use the fingerprinting
 * campaign to name recipients.
 */
final class LosslessTables {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IssuerKey key;
    private final RecipientRegistry registry;

    LosslessTables(IssuerKey key, RecipientRegistry registry) {
        this.key = key;
        this.registry = registry;
    }

    TableProtection.MarkResult mark(TableLocation input, TableLocation output, boolean overwrite, TableSchema schema, String column,
            RangeEnds ends, String recipient, String purpose, String exportId, int ownerBits, DoubleConsumer progress) {
        Campaign campaign = registry.campaign(schema.table()).orElseGet(() -> newCampaign(input, schema, column, ends, ownerBits));
        LosslessWatermark watermark = watermark(campaign);
        BitSet message = MarkingKey.of(key, campaign.table()).ownerBits(campaign.ownerBits());
        TableHeader header;
        try (TableReader reader = input.openReader()) {
            header = reader.header();
        }
        EmbeddingReport[] report = new EmbeddingReport[1];
        output.write(header, overwrite, sink -> report[0] = watermark.embed(input::openReader, sink, message, progress));
        registry.addExport(new Export(exportId, campaign.table(), recipient, purpose, Instant.now(), output.describe(), new byte[0]));
        return new TableProtection.MarkResult(exportId, campaign.table(), recipient, output.describe(), null, null, report[0]);
    }

    TableProtection.Detection detect(TableLocation suspect, Campaign campaign, double bound, DoubleConsumer progress) {
        Extraction extraction;
        try (TableReader reader = suspect.openReader()) {
            extraction = watermark(campaign).detect(reader, progress);
        }
        BitSet ownerMark = MarkingKey.of(key, campaign.table()).ownerBits(campaign.ownerBits());
        OwnerMarkTest.Result owner = OwnerMarkTest.test(position -> extraction.bits().get(position).bit(), ownerMark,
                campaign.ownerBits(), bound);
        return new TableProtection.Detection(campaign.table(), suspect.describe(), -1, extraction.votes(), owner);
    }

    /** Writes the original of {@code marked}; refuses (nothing written) when the table does not carry this owner mark. */
    Restoration restore(TableLocation marked, TableLocation output, boolean overwrite, Campaign campaign, DoubleConsumer progress) {
        LosslessWatermark watermark = watermark(campaign);
        BitSet ownerMark = MarkingKey.of(key, campaign.table()).ownerBits(campaign.ownerBits());
        TableHeader header;
        try (TableReader reader = marked.openReader()) {
            header = reader.header();
        }
        Restoration[] restoration = new Restoration[1];
        output.write(header, overwrite, sink -> {
            restoration[0] = watermark.restore(marked::openReader, sink, progress);
            // Each group is turned back by its own reading; a carrier read otherwise than it was turned shows as
            // a bit its votes do not elect, so any such bit means the copy changed. A bit no group carries
            // says nothing either way, but too few carried bits cannot show that this is our mark at all.
            Extraction message = restoration[0].message();
            int disagreements = message.disagreementsWith(ownerMark);
            if (disagreements != 0 || message.chanceMatch(ownerMark) > OwnerMarkTest.DEFAULT_FALSE_POSITIVE_BOUND) {
                throw new CyberHealthException(CyberHealthException.CHECK_FAILED, String.format(Locale.ROOT,
                        "%s does not carry this lossless mark intact (%d of %d owner bits differ): it is not a marked copy of %s"
                                + " under this key, or it was changed since; nothing written", marked.describe(), disagreements,
                        campaign.ownerBits(), campaign.table()));
            }
        });
        return restoration[0];
    }

    private Campaign newCampaign(TableLocation input, TableSchema schema, String column, RangeEnds ends, int ownerBits) {
        LosslessParameters parameters = ParameterAdvisor.advise(input::openReader, schema, column, ends, ownerBits,
                ParameterAdvisor.DEFAULT_CARRIER_SHARE);
        ObjectNode settings = JSON.createObjectNode();
        settings.put("column", column);
        settings.put("groups", parameters.groups());
        settings.put("shift", parameters.shift());
        settings.put("lowest", parameters.range().lowest());
        settings.put("highest", parameters.range().highest());
        settings.put("ends", parameters.ends().name());
        Campaign campaign = new Campaign(schema.table(), key.keyId(), Campaign.LOSSLESS, 1, ownerBits, 0, 0, 0,
                SchemaFiles.toJson(schema), settings.toString(), Instant.now());
        registry.addCampaign(campaign);
        return campaign;
    }

    private LosslessWatermark watermark(Campaign campaign) {
        try {
            JsonNode settings = JSON.readTree(campaign.settings());
            LosslessParameters parameters = new LosslessParameters(settings.get("groups").asInt(), settings.get("shift").asLong(),
                    new ValueRange(settings.get("lowest").asLong(), settings.get("highest").asLong()),
                    RangeEnds.valueOf(settings.get("ends").asText()), campaign.ownerBits());
            TableSchema schema = SchemaFiles.parse(campaign.schemaJson(), "the registry's schema of " + campaign.table());
            return new LosslessWatermark(schema, settings.get("column").asText(), MarkingKey.of(key, campaign.table()).forScheme(LosslessWatermark.SCHEME), parameters);
        } catch (JsonProcessingException | NullPointerException | IllegalArgumentException e) {
            throw new BadInputException("the registry's lossless settings of " + campaign.table() + " are damaged");
        }
    }
}
