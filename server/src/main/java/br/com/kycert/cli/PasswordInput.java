package br.com.kycert.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a password from standard input, never from the command line: arguments end up in shell
 * history and in every other user's {@code ps}. One trailing line break (what {@code echo} and a
 * here-string add) is dropped; nothing else is changed.
 */
final class PasswordInput {

    private static final int MAX_BYTES = 4096;

    private PasswordInput() {}

    static char[] read(InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the password from standard input", e);
        }
        if (bytes.length > MAX_BYTES) {
            Arrays.fill(bytes, (byte) 0);
            throw new IllegalArgumentException("the password on standard input is longer than " + MAX_BYTES + " bytes");
        }
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\n') {
            end--;
            if (end > 0 && bytes[end - 1] == '\r') {
                end--;
            }
        }
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, end));
        char[] password = new char[chars.remaining()];
        chars.get(password);
        Arrays.fill(bytes, (byte) 0);
        if (password.length == 0) {
            throw new IllegalArgumentException(
                    "no password on standard input (e.g. printf '%s' \"$PASSWORD\" | kycert ...)");
        }
        return password;
    }
}
