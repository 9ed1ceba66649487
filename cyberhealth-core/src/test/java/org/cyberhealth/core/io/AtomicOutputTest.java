package org.cyberhealth.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {

    @TempDir
    Path dir;

    @Test
    void failureHalfWayLeavesNoFileAndNoTemporary() throws IOException {
        Path target = dir.resolve("out.bin");
        assertThatThrownBy(() -> AtomicOutput.write(target, false, out -> {
            out.write(new byte[1000]);
            throw new IOException("disk full");
        })).isInstanceOf(UncheckedIOException.class);
        assertThat(target).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void failureKeepsThePreviousContent() throws IOException {
        Path target = Files.writeString(dir.resolve("out.txt"), "old");
        assertThatThrownBy(() -> AtomicOutput.write(target, true, out -> {
            out.write("new".getBytes());
            throw new IOException("boom");
        })).isInstanceOf(UncheckedIOException.class);
        assertThat(target).hasContent("old");
    }

    @Test
    void overwriteReplacesContent() {
        Path target = dir.resolve("out.txt");
        AtomicOutput.write(target, false, "one".getBytes());
        AtomicOutput.write(target, true, "two".getBytes());
        assertThat(target).hasContent("two");
    }
}
