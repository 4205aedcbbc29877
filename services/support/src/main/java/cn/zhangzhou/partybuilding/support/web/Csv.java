package cn.zhangzhou.partybuilding.support.web;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * CSV answers of every service: RFC 4180, UTF-8 with a byte-order mark (so spreadsheet programs read Chinese text
 * right), lines ending CRLF, text fields quoted when needed and escaped against spreadsheet formulas.
 */
public final class Csv {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private Csv() {
    }

    /**
     * A text field: in quotes, with quotes doubled, whenever it holds a comma, quote or line break; a leading
     * {@code = + - @} is escaped with an apostrophe, so a spreadsheet never runs it as a formula.
     */
    public static String field(String field) {
        if (field == null) {
            return "";
        }
        String text = field.matches("(?s)[=+\\-@].*") ? "'" + field : field;
        return text.matches("(?s).*[\",\r\n].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /** The lines (each ending CRLF, the header first) as a downloaded file of that name. */
    public static ResponseEntity<byte[]> attachment(String filename, CharSequence lines) {
        return ResponseEntity.ok().contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build()
                        .toString())
                .body(("\uFEFF" + lines).getBytes(StandardCharsets.UTF_8));
    }
}
