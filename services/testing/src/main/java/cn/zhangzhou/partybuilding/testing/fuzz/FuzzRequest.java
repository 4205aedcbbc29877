package cn.zhangzhou.partybuilding.testing.fuzz;

import java.util.List;

/**
 * One generated request, all of it fixed by the run's seed and its index.
 *
 * @param operation  the operation of the OpenAPI document it varies
 * @param path       the path and query string, percent-encoded as sent, without the target's route
 * @param headers    name, value, name, value ... (the caller's token is added when sent)
 * @param body       the bytes sent, or null
 * @param mayChange  false when it was built to be refused (a read, or a change with a defect that must be refused)
 * @param what       what was done to the operation's valid request
 */
public record FuzzRequest(long seed, int index, String operation, String method, String path, List<String> headers,
                          byte[] body, boolean mayChange, List<String> what) {

    /** The request as a reader reproduces it: its seed and index, what was varied, the exact request. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("seed ").append(seed).append(" #").append(index).append(' ')
                .append(operation).append(' ').append(what).append("\n      ").append(method).append(' ').append(path);
        for (int i = 0; i < headers.size(); i += 2) {
            out.append("\n      ").append(headers.get(i)).append(": ").append(headers.get(i + 1));
        }
        if (body != null) {
            out.append("\n      body (").append(body.length).append(" bytes): ").append(printable(body));
        }
        return out.toString();
    }

    /** The first 400 bytes, with what is not printable ASCII or UTF-8 shown as \xNN. */
    static String printable(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        String text = new String(bytes, 0, Math.min(bytes.length, 400), java.nio.charset.StandardCharsets.UTF_8);
        for (char c : text.toCharArray()) {
            out.append(c < 0x20 || c == 0x7F || c == '\uFFFD' ? String.format("\\x%02X", (int) c) : String.valueOf(c));
        }
        return bytes.length > 400 ? out + "…" : out.toString();
    }
}
