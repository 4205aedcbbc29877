package cn.zhangzhou.partybuilding.support.error;

import cn.zhangzhou.partybuilding.support.error.Problems.FieldProblem;
import io.micrometer.tracing.Tracer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns every error of a service into RFC 9457 problem JSON with a {@code detail} a client developer can act
 * on, and for validation an {@code errors} array of {@code {field, message}}. Bad input is always a 4xx;
 * only our own bugs are a 500, which leaks nothing but the trace id.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final int MAX_ECHO = 100;

    private final ObjectProvider<Tracer> tracer;

    public ProblemHandler(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    // ---- our own exceptions ----

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException ex, WebRequest request) {
        return problem(ex, HttpStatus.NOT_FOUND, ex.getMessage(), request);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException ex, WebRequest request) {
        return problem(ex, HttpStatus.CONFLICT, ex.getMessage(), request);
    }

    @ExceptionHandler(DomainRuleException.class)
    ResponseEntity<Object> domainRule(DomainRuleException ex, WebRequest request) {
        if (ex.field() != null) {
            ProblemDetail body = Problems.withErrors(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage(),
                    List.of(new FieldProblem(ex.field(), ex.rule())));
            return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.UNPROCESSABLE_CONTENT, request);
        }
        return problem(ex, HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage(), request);
    }

    /**
     * Method validation through {@code @Validated} (AOP) rather than Spring MVC's built-in one: still the
     * client's input, so a 400 naming the parameters, never a 500.
     */
    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(jakarta.validation.ConstraintViolationException ex,
                                               WebRequest request) {
        List<FieldProblem> errors = ex.getConstraintViolations().stream()
                .map(v -> new FieldProblem(lastNode(v.getPropertyPath()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(FieldProblem::field))
                .toList();
        return validation(ex, errors, new HttpHeaders(), request);
    }

    private static String lastNode(jakarta.validation.Path path) {
        String name = null;
        for (jakarta.validation.Path.Node node : path) {
            name = node.getName();
        }
        return name == null ? path.toString() : name;
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<Object> forbidden(ForbiddenException ex, WebRequest request) {
        return problem(ex, HttpStatus.FORBIDDEN, ex.getMessage(), request);
    }

    // ---- Spring data access and security ----

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> optimisticLock(OptimisticLockingFailureException ex, WebRequest request) {
        return problem(ex, HttpStatus.CONFLICT,
                "The object was changed by someone else in the meantime; reload it and retry", request);
    }

    /** Unique and foreign-key violations are conflicts with existing data; other constraint violations are bad input. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> integrity(DataIntegrityViolationException ex, WebRequest request) {
        SQLException sql = find(ex, SQLException.class);
        String state = sql == null ? null : sql.getSQLState();
        String constraint = constraintName(sql);
        String named = constraint == null ? "" : " (" + constraint + ")";
        ResponseEntity<Object> response;
        if (state == null || "23505".equals(state)) {
            response = problem(ex, HttpStatus.CONFLICT, "Duplicate: an object with the same unique value already exists"
                    + named, request);
        } else if ("23503".equals(state)) {
            response = problem(ex, HttpStatus.CONFLICT, "The change conflicts with related data" + named, request);
        } else {
            response = problem(ex, HttpStatus.UNPROCESSABLE_CONTENT, "The data violates a constraint" + named, request);
        }
        if (constraint != null && response.getBody() instanceof ProblemDetail problem) {
            problem.setProperty("constraint", constraint);
        }
        return response;
    }

    /** Method security ({@code @PreAuthorize}) throws inside MVC, before the security filter could answer. */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> accessDenied(AccessDeniedException ex, WebRequest request) {
        return problem(ex, HttpStatus.FORBIDDEN, "Access denied", request);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException ex, WebRequest request) {
        return problem(ex, HttpStatus.UNAUTHORIZED, "Authentication required: " + ex.getMessage(), request);
    }

    /**
     * The client's request, refused by a check that runs only when the request is read: Spring Security's firewall
     * on a parameter name it will not pass (a control character), the container on a query or form value that is
     * not UTF-8. Found by the fuzz tests (docs/reliability.md), 500 before.
     */
    @ExceptionHandler({RequestRejectedException.class, InvalidParameterException.class})
    ResponseEntity<Object> unreadableRequest(RuntimeException ex, WebRequest request) {
        return validation(ex, "The request cannot be read: " + truncate(ex.getMessage(), 200), List.of(),
                new HttpHeaders(), request);
    }

    /** Our bug: say nothing about it, except the trace id under which it is logged. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        String traceId = TraceIds.current(tracer.getIfAvailable());
        log.error("Unexpected error on {} (traceId={})", describe(request), traceId, ex);
        return problem(ex, HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred"
                + (traceId == null ? "" : "; quote trace id " + traceId + " when reporting it"), request);
    }

    // ---- Spring MVC's own exceptions, with clearer details ----

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().forEach(fe -> errors.add(new FieldProblem(fe.getField(), fe.getDefaultMessage())));
        ex.getBindingResult().getGlobalErrors().forEach(ge -> errors.add(new FieldProblem(ge.getObjectName(), ge.getDefaultMessage())));
        return validation(ex, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            if (result instanceof ParameterErrors bean) {
                for (FieldError fe : bean.getFieldErrors()) {
                    errors.add(new FieldProblem(fe.getField(), fe.getDefaultMessage()));
                }
            } else {
                String name = parameterName(result.getMethodParameter());
                for (MessageSourceResolvable error : result.getResolvableErrors()) {
                    errors.add(new FieldProblem(name, error.getDefaultMessage()));
                }
            }
        }
        for (MessageSourceResolvable error : ex.getCrossParameterValidationResults()) {
            errors.add(new FieldProblem("request", error.getDefaultMessage()));
        }
        return validation(ex, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName();
        String kind = "Parameter";
        if (ex instanceof MethodArgumentTypeMismatchException m) {
            name = m.getName();
            kind = m.getParameter().hasParameterAnnotation(PathVariable.class) ? "Path variable"
                    : m.getParameter().hasParameterAnnotation(RequestHeader.class) ? "Header"
                    : "Query parameter";
        }
        String message = "expected " + describe(ex.getRequiredType()) + ", got '" + echo(ex.getValue()) + "'";
        return validation(ex, kind + " '" + name + "': " + message, List.of(new FieldProblem(name, message)),
                headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return validation(ex, "Required query parameter '" + ex.getParameterName() + "' is missing",
                List.of(new FieldProblem(ex.getParameterName(), "is required")), headers, request);
    }

    /** A path variable the route does not bind is our mistake in the mapping, but never the client's. */
    @Override
    protected ResponseEntity<Object> handleMissingPathVariable(MissingPathVariableException ex, HttpHeaders headers,
                                                               HttpStatusCode status, WebRequest request) {
        if (ex.isMissingAfterConversion()) {
            return validation(ex, "Path variable '" + ex.getVariableName() + "' is missing or empty",
                    List.of(new FieldProblem(ex.getVariableName(), "is required")), headers, request);
        }
        return super.handleMissingPathVariable(ex, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        if (ex instanceof MissingRequestHeaderException missing) {
            return validation(ex, "Required header '" + missing.getHeaderName() + "' is missing",
                    List.of(new FieldProblem(missing.getHeaderName(), "is required")), headers, request);
        }
        return super.handleServletRequestBindingException(ex, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        ProblemDetail body = Problems.of(HttpStatus.NOT_FOUND,
                "No endpoint " + ex.getHttpMethod() + " /" + ex.getResourcePath());
        return handleExceptionInternal(ex, body, headers, HttpStatus.NOT_FOUND, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        UnrecognizedPropertyException unknown = find(ex, UnrecognizedPropertyException.class);
        if (unknown != null) {
            String field = path(unknown);
            return validation(ex, "Unknown field '" + field + "'", List.of(new FieldProblem(field, "unknown field")),
                    headers, request);
        }
        InvalidNullException isNull = find(ex, InvalidNullException.class);
        if (isNull != null) {
            String field = path(isNull);
            return validation(ex, field + ": must not be null", List.of(new FieldProblem(field, "must not be null")),
                    headers, request);
        }
        MismatchedInputException mismatch = find(ex, MismatchedInputException.class);
        if (mismatch != null) {
            String field = path(mismatch);
            String message = "expected " + describe(mismatch.getTargetType());
            if (field.isEmpty()) {
                return validation(ex, "Request body: " + message, List.of(), headers, request);
            }
            return validation(ex, field + ": " + message, List.of(new FieldProblem(field, message)), headers, request);
        }
        ValueInstantiationException instantiation = find(ex, ValueInstantiationException.class);
        if (instantiation != null) {
            // A record's constructor refused the values; its IllegalArgumentException message is ours and meant to be read.
            IllegalArgumentException reason = find(instantiation, IllegalArgumentException.class);
            String field = path(instantiation);
            String message = reason != null && reason.getMessage() != null ? reason.getMessage() : "invalid value";
            return validation(ex, (field.isEmpty() ? "Request body" : field) + ": " + message,
                    field.isEmpty() ? List.of() : List.of(new FieldProblem(field, message)), headers, request);
        }
        StreamReadException malformed = find(ex, StreamReadException.class);
        if (malformed != null) {
            return validation(ex, "Malformed JSON: " + truncate(malformed.getOriginalMessage(), 200), List.of(),
                    headers, request);
        }
        if (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
            return validation(ex, "Request body is missing", List.of(), headers, request);
        }
        return validation(ex, "Request body is not readable JSON", List.of(), headers, request);
    }

    /** Every problem, ours or Spring's, gets the trace id; responses carry problem JSON even when the client asked for JSON only. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (body == null) {
            body = createProblemDetail(ex, statusCode, ex.getMessage() == null ? "" : ex.getMessage(), null, null, request);
        }
        if (body instanceof ProblemDetail problem) {
            if (problem.getTitle() == null && HttpStatus.resolve(statusCode.value()) != null) {
                problem.setTitle(HttpStatus.resolve(statusCode.value()).getReasonPhrase());
            }
            if (problem.getInstance() == null && request instanceof ServletWebRequest servlet) {
                try {
                    problem.setInstance(java.net.URI.create(servlet.getRequest().getRequestURI()));
                } catch (IllegalArgumentException notAUri) {
                    // The container let an odd path through; the problem is still useful without it.
                }
            }
            String traceId = TraceIds.current(tracer.getIfAvailable());
            if (traceId != null) {
                problem.setProperty("traceId", traceId);
            }
        }
        HttpHeaders withType = new HttpHeaders();
        withType.putAll(headers);
        withType.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.handleExceptionInternal(ex, body, withType, statusCode, request);
    }

    // ---- helpers ----

    private ResponseEntity<Object> problem(Exception ex, HttpStatus status, String detail, WebRequest request) {
        return handleExceptionInternal(ex, Problems.of(status, detail), new HttpHeaders(), status, request);
    }

    private ResponseEntity<Object> validation(Exception ex, List<FieldProblem> errors, HttpHeaders headers,
                                              WebRequest request) {
        String fields = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        return validation(ex, "Validation failed: " + fields, errors, headers, request);
    }

    private ResponseEntity<Object> validation(Exception ex, String detail, List<FieldProblem> errors,
                                              HttpHeaders headers, WebRequest request) {
        ProblemDetail body = errors.isEmpty() ? Problems.of(HttpStatus.BAD_REQUEST, detail)
                : Problems.withErrors(HttpStatus.BAD_REQUEST, detail, errors);
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String parameterName(org.springframework.core.MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null && !path.name().isEmpty()) {
            return path.name();
        }
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        String name = parameter.getParameterName();
        return name == null ? "argument " + parameter.getParameterIndex() : name;
    }

    /** JSON path of a databind problem in the client's terms: {@code address.street}, {@code specialties[2]}. */
    static String path(DatabindException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : ex.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The expected type in words a client understands, never a Java class name. */
    static String describe(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class || type == BigDecimal.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == LocalDate.class) {
            return "a date (yyyy-MM-dd)";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == LocalDateTime.class) {
            return "a date-time (ISO-8601)";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "an object";
    }

    private static String constraintName(SQLException sql) {
        if (sql instanceof PSQLException psql) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            return server == null ? null : server.getConstraint();
        }
        return null;
    }

    private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String echo(Object value) {
        return truncate(String.valueOf(value), MAX_ECHO);
    }

    private static String truncate(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    private static String describe(WebRequest request) {
        return request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI()
                : request.getDescription(false);
    }
}
