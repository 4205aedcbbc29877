package cn.zhangzhou.partybuilding.testing.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JSON text written by hand, so that a body can hold what no JSON library writes: {@link Raw} tokens (NaN, 1E+400,
 * 0x10), control characters and lone surrogates in strings, and bytes that are not UTF-8 ({@link Odd#INVALID_UTF8}).
 */
final class Json {

    /** A JSON token written as it is, valid JSON or not. */
    record Raw(String json) {
    }

    private static final byte[] NOT_UTF8 = {(byte) 0xFF, (byte) 0xC0, (byte) 0xAF};

    private Json() {
    }

    static String write(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Raw raw) {
            return raw.json();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> quote(e.getKey().toString()) + ":" + write(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Json::write).collect(Collectors.joining(",", "[", "]"));
        }
        return quote(value.toString());
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** UTF-8, except that each {@link Odd#INVALID_UTF8} becomes bytes that are not. */
    static byte[] bytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        String[] parts = text.split(Odd.INVALID_UTF8, -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.writeBytes(NOT_UTF8);
            }
            out.writeBytes(parts[i].getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters, the invalid bytes included. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes(text)) {
            char c = (char) (b & 0xFF);
            if (Character.isLetterOrDigit(c) && c < 0x80 || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }
}
