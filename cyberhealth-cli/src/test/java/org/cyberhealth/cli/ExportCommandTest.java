package org.cyberhealth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cyberhealth.assess.exfiltration.ExtraTensorChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export check / verify-log end to end on the committed abdomen-unet and a copy with appended tensors. */
class ExportCommandTest {

    private static final Path SPEC = Path.of("../models/abdomen-unet.json");
    private static final Path HONEST = Path.of("../models/abdomen-unet.params");

    @Test
    void theHonestModelPassesIsSanitisedAtomicallyAndLogged(@TempDir Path dir) throws Exception {
        byte[] before = Files.readAllBytes(HONEST);
        Path log = dir.resolve("audit.jsonl");
        Path out = dir.resolve("cleared.params");
        CliRun run = CliRun.of("export", "check", "--model", HONEST.toString(), "--declared-task", SPEC.toString(), "--sanitise", "bf16",
                "--out", out.toString(), "--audit-log", log.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode r = new ObjectMapper().readTree(run.out());
        assertThat(r.path("verdict").asText()).isEqualTo("PASS");
        assertThat(r.path("boundImages").asDouble()).isGreaterThan(100);
        assertThat(r.path("boundImagesAfter").asDouble()).isZero();
        assertThat(Files.readAllBytes(HONEST)).isEqualTo(before);
        assertThat(Files.size(out)).isEqualTo(before.length);
        assertThat(CliRun.of("export", "verify-log", "--audit-log", log.toString()).exitCode()).isZero();
        // An existing output is bad input without --force.
        assertThat(CliRun.of("export", "check", "--model", HONEST.toString(), "--declared-task", SPEC.toString(), "--out", out.toString(),
                "--audit-log", log.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void appendedTensorsAreRefusedWithExitOneAndAnEditedLogIsCaught(@TempDir Path dir) throws Exception {
        Path export = dir.resolve("exported.params");
        Files.write(export, ExtraTensorChannel.append(Files.readAllBytes(HONEST), List.of(new float[] {1, 2}), new byte[] {3}));
        Path log = dir.resolve("audit.jsonl");
        Path out = dir.resolve("out.params");
        CliRun run = CliRun.of("export", "check", "--model", export.toString(), "--declared-task", SPEC.toString(), "--out", out.toString(),
                "--audit-log", log.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("REFUSE").contains("bytes after the declared tensors");
        assertThat(out).doesNotExist();
        Files.writeString(log, Files.readString(log, StandardCharsets.UTF_8).replace("REFUSE", "PASS"), StandardCharsets.UTF_8);
        CliRun verify = CliRun.of("export", "verify-log", "--audit-log", log.toString());
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("BROKEN at line 1");
    }

    @Test
    void fineTuningAtExportRewritesTheWeightsOnTheTasksDataAndNeedsAKnownRecipe(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("audit.jsonl");
        Path out = dir.resolve("tuned.params");
        CliRun run = CliRun.of("export", "check", "--model", HONEST.toString(), "--declared-task", SPEC.toString(), "--sanitise", "finetune:1,bf16",
                "--data", "../samples/segmentation", "--out", out.toString(), "--audit-log", log.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode r = new ObjectMapper().readTree(run.out());
        assertThat(r.path("sanitiser").asText()).contains("layer-wise lr decay", "1 epochs", ", then bfloat16");
        assertThat(r.path("boundImagesAfter").asDouble()).isZero();
        byte[] tuned = Files.readAllBytes(out);
        assertThat(tuned).hasSameSizeAs(Files.readAllBytes(HONEST)).isNotEqualTo(Files.readAllBytes(HONEST));
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("fine-tuning");
        assertThat(CliRun.of("export", "check", "--model", HONEST.toString(), "--declared-task", SPEC.toString(), "--sanitise", "bf16,",
                "--audit-log", log.toString()).exitCode()).isEqualTo(2);
        Path other = dir.resolve("other.json");
        Files.writeString(other, Files.readString(SPEC).replace("\"abdomen-unet\"", "\"liver-unet\"").replace("abdomen-unet.params",
                HONEST.toAbsolutePath().toString()));
        CliRun unknown = CliRun.of("export", "check", "--model", HONEST.toString(), "--declared-task", other.toString(), "--sanitise", "finetune",
                "--audit-log", log.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no data recipe is known for 'liver-unet'");
    }

    @Test
    void torchScriptExportsAreAuditedAgainstTheReferenceModule(@TempDir Path dir) throws Exception {
        Path torchSpec = Path.of("../models/torch/abdomen-seg-torch.pt.json");
        Path log = dir.resolve("audit.jsonl");
        Path out = dir.resolve("cleared.pt");
        CliRun pass = CliRun.of("export", "check", "--model", "../models/torch/abdomen-seg-torch.pt", "--declared-task", torchSpec.toString(),
                "--sanitise", "bf16", "--out", out.toString(), "--audit-log", log.toString());
        assertThat(pass.exitCode()).as(pass.err()).isEqualTo(0);
        assertThat(Files.size(out)).isEqualTo(Files.size(Path.of("../models/torch/abdomen-seg-torch.pt")));
        CliRun refuse = CliRun.of("export", "check", "--model", "../models/torch/gateway-extra-file.pt", "--declared-task", torchSpec.toString(),
                "--out", dir.resolve("no.pt").toString(), "--audit-log", log.toString());
        assertThat(refuse.exitCode()).isEqualTo(1);
        assertThat(refuse.out()).contains("unknown entry extra/codes.bin");
        assertThat(dir.resolve("no.pt")).doesNotExist();
        Path junk = dir.resolve("junk.pt");
        Files.write(junk, new byte[] {'P', 'K', 3, 4, 0, 0});
        CliRun bad = CliRun.of("export", "check", "--model", junk.toString(), "--declared-task", torchSpec.toString(), "--audit-log", log.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("not a TorchScript archive");
        assertThat(CliRun.of("export", "check", "--model", HONEST.toString(), "--declared-task", torchSpec.toString(), "--audit-log",
                log.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("export", "check", "--model", "../models/torch/abdomen-seg-torch.pt", "--declared-task", torchSpec.toString(),
                "--sanitise", "bf16,finetune:1", "--audit-log", log.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("export", "verify-log", "--audit-log", log.toString()).exitCode()).isZero();
    }

    @Test
    void badInputExitsTwo(@TempDir Path dir) {
        String log = dir.resolve("a.jsonl").toString();
        assertThat(CliRun.of("export", "check", "--model", "missing.params", "--declared-task", SPEC.toString(), "--audit-log", log).exitCode())
                .isEqualTo(2);
        assertThat(CliRun.of("export", "check", "--model", HONEST.toString(), "--declared-task", SPEC.toString(), "--sanitise", "zip",
                "--audit-log", log).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("export", "check", "--model", "model.pt", "--declared-task", SPEC.toString(), "--audit-log", log).exitCode())
                .isEqualTo(2);
        assertThat(CliRun.of("export", "check", "--help").out()).contains("Example:").contains("--declared-task");
    }
}
