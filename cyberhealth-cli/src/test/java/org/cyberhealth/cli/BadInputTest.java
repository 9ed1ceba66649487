package org.cyberhealth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad usage and bad input: exit code 2, one clear line, no output written, inputs untouched. */
class BadInputTest {

    private static final Path CT = Path.of("../samples/ct-study/01.dcm");

    @TempDir
    Path dir;

    private Path key() {
        Path key = dir.resolve("k.key");
        if (!Files.exists(key)) {
            CliRun.of("keys", "new", "--issuer", "T", "--out", key.toString());
        }
        return key;
    }

    private static void assertOneLineError(CliRun run, String fragment) {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().filter(l -> l.startsWith("error:") || l.contains(": error:")).count()).isEqualTo(1);
        assertThat(run.err() + run.out()).contains(fragment);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void missingInputFile() {
        assertOneLineError(CliRun.of("image", "verify", dir.resolve("absent.dcm").toString(), "--key", key().toString()), "does not exist");
    }

    @Test
    void garbageImageIsRefusedAndNothingIsWritten() throws Exception {
        Path garbage = Files.write(dir.resolve("garbage.dcm"), new byte[] {1, 2, 3, 4, 5});
        Path out = dir.resolve("out.dcm");
        CliRun run = CliRun.of("image", "mark", garbage.toString(), "--key", key().toString(), "--recipient", "x", "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(out).doesNotExist();
        assertThat(Files.readAllBytes(garbage)).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void truncatedDicomIsRefusedWithoutPartialOutput() throws Exception {
        byte[] ct = Files.readAllBytes(CT);
        Path truncated = Files.write(dir.resolve("truncated.dcm"), java.util.Arrays.copyOf(ct, ct.length / 2));
        Path out = dir.resolve("marked.dcm");
        CliRun run = CliRun.of("image", "mark", truncated.toString(), "--key", key().toString(), "--recipient", "x", "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("error");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("marked.dcm").noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void existingOutputNeedsForceAndIsLeftAlone() throws Exception {
        Path out = Files.writeString(dir.resolve("exists.dcm"), "keep me");
        CliRun run = CliRun.of("image", "mark", CT.toString(), "--key", key().toString(), "--recipient", "x", "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("--force");
        assertThat(out).hasContent("keep me");
    }

    @Test
    void outputOntoTheInputIsRefused() throws Exception {
        Path copy = Files.copy(CT, dir.resolve("ct.dcm"));
        byte[] before = Files.readAllBytes(copy);
        assertOneLineError(CliRun.of("image", "mark", copy.toString(), "--key", key().toString(), "--recipient", "x",
                "--out", copy.toString(), "--force"), "must not be the input");
        assertThat(Files.readAllBytes(copy)).isEqualTo(before);
    }

    @Test
    void missingOptionIsBadUsage() {
        CliRun run = CliRun.of("image", "mark", CT.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option");
    }

    @Test
    void publicKeyCannotMark() throws Exception {
        Path pub = dir.resolve("k.pub");
        CliRun.of("keys", "public", key().toString(), "--out", pub.toString());
        assertOneLineError(CliRun.of("image", "mark", CT.toString(), "--key", pub.toString(), "--recipient", "x",
                "--out", dir.resolve("o.dcm").toString()), "verification (public) key");
    }

    @Test
    void badRegionOfInterest() {
        assertOneLineError(CliRun.of("image", "mark", CT.toString(), "--key", key().toString(), "--recipient", "x",
                "--out", dir.resolve("o.dcm").toString(), "--roi", "1,2,3"), "X,Y,WIDTH,HEIGHT");
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        CommandLine root = Cli.commandLine();
        assertAllHaveExamples(root);
    }

    private static void assertAllHaveExamples(CommandLine cl) {
        if (!cl.getCommandName().equals("help")) {
            assertThat(cl.getUsageMessage()).as(cl.getCommandSpec().qualifiedName()).contains("Example");
        }
        cl.getSubcommands().values().forEach(BadInputTest::assertAllHaveExamples);
    }
}
