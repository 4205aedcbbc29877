package cn.zhangzhou.partybuilding.volunteering.hours;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;

import cn.zhangzhou.partybuilding.events.volunteering.ShiftKind;
import cn.zhangzhou.partybuilding.volunteering.VolunteeringProperties;

/**
 * The rotating check-in codes: six digits of HMAC-SHA256(secret, shift and window), truncated as in RFC 4226. A code
 * is valid only in the window it was made for ({@code zz.volunteering.check-in.code-window}); every instance of the
 * district computes the same one, nothing is stored. The QR image carries the same code for a phone to scan.
 */
@Component
class CheckInCodes {

    /** A code of one shift and window, and when that window begins and ends. */
    record Code(String code, long window, Instant validFrom, Instant validUntil) {
    }

    private final byte[] secret;
    private final long windowSeconds;

    CheckInCodes(VolunteeringProperties properties) {
        this.secret = properties.volunteering().checkIn().secret().getBytes(StandardCharsets.UTF_8);
        this.windowSeconds = properties.volunteering().checkIn().codeWindow().toSeconds();
    }

    Code current(ShiftKind kind, UUID shiftId, Instant now) {
        long window = now.getEpochSecond() / windowSeconds;
        return new Code(code(kind, shiftId, window), window, Instant.ofEpochSecond(window * windowSeconds),
                Instant.ofEpochSecond((window + 1) * windowSeconds));
    }

    /** @return the window of {@code now} if {@code code} is the shift's code for it */
    OptionalLong matches(ShiftKind kind, UUID shiftId, String code, Instant now) {
        Code current = current(kind, shiftId, now);
        return MessageDigest.isEqual(current.code().getBytes(StandardCharsets.US_ASCII),
                code.getBytes(StandardCharsets.US_ASCII)) ? OptionalLong.of(current.window()) : OptionalLong.empty();
    }

    private String code(ShiftKind kind, UUID shiftId, long window) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] h = mac.doFinal((kind + ":" + shiftId + ":" + window).getBytes(StandardCharsets.US_ASCII));
            int offset = h[h.length - 1] & 0x0f;
            int bits = (h[offset] & 0x7f) << 24 | (h[offset + 1] & 0xff) << 16 | (h[offset + 2] & 0xff) << 8
                    | (h[offset + 3] & 0xff);
            return String.format("%06d", bits % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** A QR code image (PNG) of the text, large enough to scan from a phone held up at the door. */
    static byte[] qrPng(String text) {
        try {
            var matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 400, 400,
                    Map.of(EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.MARGIN, 2));
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", png);
            return png.toByteArray();
        } catch (WriterException e) {
            throw new IllegalStateException("a check-in code always fits a QR code", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
