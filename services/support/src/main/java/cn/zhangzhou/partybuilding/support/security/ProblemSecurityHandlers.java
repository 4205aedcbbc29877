package cn.zhangzhou.partybuilding.support.security;

import cn.zhangzhou.partybuilding.support.error.Problems;
import cn.zhangzhou.partybuilding.support.error.TraceIds;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * 401 and 403 from Spring Security as problem JSON, keeping the RFC 6750 {@code WWW-Authenticate} header; 503 when a
 * token cannot be checked at all because the identity service's keys are out of reach.
 */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler,
        AuthenticationFailureHandler {

    /** Seconds a client waits before retrying a 503: the keys are fetched again at the next request. */
    static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger log = LoggerFactory.getLogger(ProblemSecurityHandlers.class);

    private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();
    private final ObjectProvider<Tracer> tracer;

    public ProblemSecurityHandlers(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        bearerEntryPoint.commence(request, response, ex);
        String detail;
        if (ex instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null) {
            detail = "Invalid bearer token: " + oauth.getError().getDescription();
        } else {
            detail = "Authentication required: send a valid token as 'Authorization: Bearer <token>'";
        }
        Problems.write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, detail),
                TraceIds.current(tracer.getIfAvailable()));
    }

    /**
     * A bearer token that could not be authenticated. Spring Security signals a failure of the service rather than of
     * the token (the JWKS could not be fetched) with an {@link AuthenticationServiceException}, which its default
     * handler rethrows as a 500: the caller is neither unauthenticated nor at fault, so 503 and retry.
     */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException ex) throws IOException {
        if (!(ex instanceof AuthenticationServiceException)) {
            commence(request, response, ex);
            return;
        }
        log.warn("Cannot verify bearer tokens of {} {}: {}", request.getMethod(), request.getRequestURI(),
                ex.getMessage());
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        Problems.write(request, response, Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                "Tokens cannot be verified right now: the identity service's keys are out of reach; retry in "
                        + RETRY_AFTER_SECONDS + " s"), TraceIds.current(tracer.getIfAvailable()));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        bearerDenied.handle(request, response, ex);
        Problems.write(request, response, Problems.of(HttpStatus.FORBIDDEN,
                "Access denied: the caller's roles do not allow " + request.getMethod() + " " + request.getRequestURI()),
                TraceIds.current(tracer.getIfAvailable()));
    }
}
