package cn.zhangzhou.partybuilding.support.idempotency;

import cn.zhangzhou.partybuilding.support.error.Problems;
import cn.zhangzhou.partybuilding.support.error.TraceIds;
import cn.zhangzhou.partybuilding.support.web.CachedBodyRequest;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on {@code POST}: the first request with a key runs and its response (status, content
 * type, Location, body) is stored; a repeat with the same key and the same request gets that response again
 * without running (header {@code Idempotent-Replayed: true}). The same key with a different method, path or body
 * is 422; a repeat while the first is still running is 409. A first attempt that fails (5xx or an exception) is
 * forgotten, so the retry runs. Keys are per caller (token subject) and live 24 h.
 * Runs after Spring Security (needs the subject) and after {@code RequestSizeLimitFilter} (needs the cached body).
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 100;
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyStore store;
    private final ObjectProvider<Tracer> tracer;

    public IdempotencyFilter(IdempotencyStore store, ObjectProvider<Tracer> tracer) {
        this.store = store;
        this.tracer = tracer;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            problem(request, response, HttpStatus.BAD_REQUEST,
                    "Header 'Idempotency-Key' must be 1 to " + MAX_KEY_LENGTH + " characters");
            return;
        }
        byte[] body = CachedBodyRequest.bodyOf(request);
        if (body == null) {
            body = request.getInputStream().readAllBytes();
            request = new CachedBodyRequest(request, body);
        }
        String caller = caller();
        String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        IdempotencyStore.Claim claim = store.claim(caller, key, request.getMethod(), path, sha256(body));
        if (claim instanceof IdempotencyStore.Mismatch mismatch) {
            problem(request, response, HttpStatus.UNPROCESSABLE_CONTENT,
                    "Idempotency-Key '" + key + "' was already used for a different request ("
                            + mismatch.method() + " " + mismatch.path() + " or another body); use a new key");
        } else if (claim instanceof IdempotencyStore.InProgress) {
            problem(request, response, HttpStatus.CONFLICT,
                    "A request with Idempotency-Key '" + key + "' is still in progress; retry later");
        } else if (claim instanceof IdempotencyStore.Completed done) {
            replay(response, done);
        } else {
            runAndRecord(request, response, chain, caller, key);
        }
    }

    private void runAndRecord(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                              String caller, String key) throws IOException, ServletException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, recorded);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            store.release(caller, key);
            throw e;
        }
        int status = recorded.getStatus();
        try {
            if (status >= 500) {
                store.release(caller, key);
            } else {
                store.complete(caller, key, status, recorded.getContentType(), recorded.getHeader(HttpHeaders.LOCATION),
                        recorded.getContentAsByteArray());
            }
        } catch (RuntimeException e) {
            // The create itself is done; the client still gets its answer. The key stays "in progress" until
            // the in-progress timeout purges it, so a retry meanwhile gets 409 rather than a second create.
            log.warn("Could not record the response for Idempotency-Key {} of {}: {}", key, caller, e.toString());
        }
        recorded.copyBodyToResponse();
    }

    private static void replay(HttpServletResponse response, IdempotencyStore.Completed done) throws IOException {
        response.setStatus(done.status());
        if (done.contentType() != null) {
            response.setContentType(done.contentType());
        }
        if (done.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, done.location());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        byte[] body = done.body() == null ? new byte[0] : done.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    private void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = Problems.of(status, detail);
        Problems.write(request, response, problem, TraceIds.current(tracer.getIfAvailable()));
    }

    private static String caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || authentication.getName() == null ? "anonymous" : authentication.getName();
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
