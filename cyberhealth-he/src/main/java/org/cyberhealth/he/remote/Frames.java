package org.cyberhealth.he.remote;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.cyberhealth.core.BadInputException;

/** Several serialised objects in one request body: each preceded by its length (4 bytes, big-endian). */
final class Frames {

    private Frames() {}

    static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(part.length).array());
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static List<byte[]> split(byte[] body, int expected) {
        ByteBuffer in = ByteBuffer.wrap(body);
        List<byte[]> parts = new ArrayList<>();
        while (in.remaining() >= 4 && parts.size() < expected) {
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw new BadInputException("malformed request: a part declares " + length + " bytes, " + in.remaining() + " remain");
            }
            byte[] part = new byte[length];
            in.get(part);
            parts.add(part);
        }
        if (parts.size() != expected || in.hasRemaining()) {
            throw new BadInputException("malformed request: expected " + expected + " parts");
        }
        return parts;
    }
}
