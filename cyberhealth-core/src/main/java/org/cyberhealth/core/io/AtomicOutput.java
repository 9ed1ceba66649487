package org.cyberhealth.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.cyberhealth.core.BadInputException;

/**
 * Writes a file so that readers see either nothing or the complete content: the bytes go to a
 * temporary file in the target's folder, which is then moved over the target in one step. A failure
 * half-way leaves no partial output behind.
 */
public final class AtomicOutput {

    /** Produces the content of the file being written. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicOutput() {}

    /**
     * Writes {@code target} atomically.
     *
     * @param overwrite whether an existing target may be replaced; without it an existing target is a
     *     {@link BadInputException} and nothing is written
     */
    public static void write(Path target, boolean overwrite, Writer content) {
        Path absolute = target.toAbsolutePath();
        if (!overwrite && Files.exists(absolute)) {
            throw new BadInputException("output " + target + " already exists (use --force to replace it)");
        }
        Path folder = absolute.getParent();
        Path temp = null;
        try {
            Files.createDirectories(folder);
            temp = Files.createTempFile(folder, "." + absolute.getFileName(), ".part");
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            moveIntoPlace(temp, absolute, overwrite);
            temp = null;
        } catch (FileAlreadyExistsException e) {
            throw new BadInputException("output " + target + " already exists (use --force to replace it)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Convenience for content already in memory. */
    public static void write(Path target, boolean overwrite, byte[] content) {
        write(target, overwrite, out -> out.write(content));
    }

    private static void moveIntoPlace(Path temp, Path target, boolean overwrite) throws IOException {
        try {
            if (overwrite) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // ATOMIC_MOVE may replace silently on POSIX, so claim the name first with a hard link.
                Files.createLink(target, temp);
                Files.delete(temp);
            }
        } catch (AtomicMoveNotSupportedException | UnsupportedOperationException e) {
            if (overwrite) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temp, target);
            }
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // The temporary file is hidden and its name marks it as partial; nothing more to do.
        }
    }
}
