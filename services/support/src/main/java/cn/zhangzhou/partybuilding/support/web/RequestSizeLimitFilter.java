package cn.zhangzhou.partybuilding.support.web;

import cn.zhangzhou.partybuilding.support.error.Problems;
import cn.zhangzhou.partybuilding.support.error.TraceIds;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than {@code zz.web.max-request-bytes} (default 64 KiB) with a 413 problem,
 * whether the client declared the length or streamed it chunked, so a huge JSON string can never reach Jackson
 * or the database. Bodies within the limit are kept in memory ({@link CachedBodyRequest}) so they can be read
 * twice.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final ObjectProvider<Tracer> tracer;

    public RequestSizeLimitFilter(long maxBytes, ObjectProvider<Tracer> tracer) {
        this.maxBytes = maxBytes;
        this.tracer = tracer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (declared == 0 || (declared < 0 && !chunked)) {
            chain.doFilter(request, response);
            return;
        }
        if (declared > maxBytes) {
            tooLarge(request, response);
            return;
        }
        if (isForm(request)) {
            // The container parses form posts (login, token requests) from the stream itself, bounded by
            // server.tomcat.max-http-form-post-size (SupportDefaults); a body read here would leave it empty.
            chain.doFilter(request, response);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), maxBytes + 1);
        if (body.length > maxBytes) {
            tooLarge(request, response);
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Problems.write(request, response, Problems.of(HttpStatus.CONTENT_TOO_LARGE,
                "Request body is larger than the limit of " + maxBytes + " bytes"), TraceIds.current(tracer.getIfAvailable()));
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        return in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
    }
}
