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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on {@code POST}: the first request with a key runs and its response (status, content
 * type, Location, body) is stored; a repeat with the same key and the same request gets that response again
 * without running (header {@code Idempotent-Replayed: true}). The same key with a different method, path or body
 * is 422. Keys are per caller (token subject) and live 24 h.
 *
 * <p>The request runs in one database transaction that its command joins (decision 0018): the key, the stored
 * response and the command's effect commit together or not at all, so a crash at any moment leaves either all of
 * them (a retry gets the original answer) or none (a retry runs again). A repeat that arrives while the first
 * request is still running waits for it (the key is locked for its transaction) and gets its answer; after
 * {@code zz.idempotency.in-progress-wait} it gets 409. A 5xx, or a 4xx whose command rolled back, keeps nothing.
 * Runs after Spring Security (needs the subject) and after {@code RequestSizeLimitFilter} (needs the cached body).
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 100;

    private final IdempotencyStore store;
    private final TransactionTemplate transaction;
    private final ObjectProvider<Tracer> tracer;

    public IdempotencyFilter(IdempotencyStore store, PlatformTransactionManager transactionManager,
                             ObjectProvider<Tracer> tracer) {
        this.store = store;
        this.transaction = new TransactionTemplate(transactionManager);
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
        String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        IdempotencyStore.KeyedRequest keyed =
                new IdempotencyStore.KeyedRequest(caller(), key, request.getMethod(), path, sha256(body));
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        IdempotencyStore.Claim claim;
        try {
            HttpServletRequest command = request;
            claim = transaction.execute(status -> runOnce(keyed, command, recorded, chain, status));
        } catch (RuntimeException | Error e) {
            // The command or its commit failed: nothing of it was kept, and its answer must not go out.
            if (!response.isCommitted()) {
                response.reset();
            }
            if (e instanceof ChainFailure failure) {
                failure.rethrowCause();
            }
            throw e;
        }
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
            recorded.copyBodyToResponse();
        }
    }

    /** In the request's transaction: claims the key and, if it is new, runs the command and records its answer. */
    private IdempotencyStore.Claim runOnce(IdempotencyStore.KeyedRequest keyed, HttpServletRequest request,
                                           ContentCachingResponseWrapper recorded, FilterChain chain,
                                           TransactionStatus current) {
        IdempotencyStore.Claim claim = store.claim(keyed);
        if (!(claim instanceof IdempotencyStore.Started)) {
            // Nothing to commit; after a wait that timed out the transaction could not commit anyway.
            current.setRollbackOnly();
            return claim;
        }
        try {
            chain.doFilter(request, recorded);
        } catch (IOException | ServletException e) {
            throw new ChainFailure(e);
        }
        int status = recorded.getStatus();
        if (status >= 500 || status >= 400 && current.isRollbackOnly()) {
            // The command failed and its effect rolls back: the key goes with it, so a retry runs again.
            current.setRollbackOnly();
        } else {
            store.complete(keyed, status, recorded.getContentType(), recorded.getHeader(HttpHeaders.LOCATION),
                    recorded.getContentAsByteArray());
        }
        return claim;
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

    /** Carries the chain's checked exceptions through the transaction callback. */
    private static final class ChainFailure extends RuntimeException {

        ChainFailure(Exception cause) {
            super(cause);
        }

        void rethrowCause() throws IOException, ServletException {
            if (getCause() instanceof IOException io) {
                throw io;
            }
            throw (ServletException) getCause();
        }
    }
}
