package cn.zhangzhou.partybuilding.gateway.security;

import cn.zhangzhou.partybuilding.gateway.error.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 and 403 as problem JSON, with the RFC 6750 {@code WWW-Authenticate: Bearer} challenge on 401; and the 400 of
 * Spring Security's firewall (an encoded slash, a dot segment, a NUL in the path), which would otherwise be empty.
 */
public class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler,
        ServerExchangeRejectedHandler {

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        boolean tokenGiven = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        String detail;
        if (failure instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null) {
            detail = "Invalid bearer token: " + oauth.getError().getDescription();
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer error=\"invalid_token\", error_description=\"" + quoteSafe(oauth.getError().getDescription()) + "\"");
        } else {
            detail = tokenGiven ? "Invalid bearer token" : "Authentication required: send a bearer token";
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return Problems.write(exchange, HttpStatus.UNAUTHORIZED, detail);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return Problems.write(exchange, HttpStatus.FORBIDDEN, denied.getMessage());
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        return Problems.write(exchange, HttpStatus.BAD_REQUEST, rejected.getMessage());
    }

    private static String quoteSafe(String text) {
        return text.replace("\"", "'").replace("\\", "/");
    }
}
