package cn.zhangzhou.partybuilding.support.security;

import cn.zhangzhou.partybuilding.support.error.Problems;
import cn.zhangzhou.partybuilding.support.error.TraceIds;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 from Spring Security as problem JSON, keeping the RFC 6750 {@code WWW-Authenticate} header. */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

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

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        bearerDenied.handle(request, response, ex);
        Problems.write(request, response, Problems.of(HttpStatus.FORBIDDEN,
                "Access denied: the caller's roles do not allow " + request.getMethod() + " " + request.getRequestURI()),
                TraceIds.current(tracer.getIfAvailable()));
    }
}
