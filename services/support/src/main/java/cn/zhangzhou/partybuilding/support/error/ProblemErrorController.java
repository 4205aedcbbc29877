package cn.zhangzhou.partybuilding.support.error;

import io.micrometer.tracing.Tracer;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Problem JSON also for errors that never reached a controller (a filter's {@code sendError}, a request the
 * firewall or the container rejected, an exception thrown in a filter): replaces Boot's {@code BasicErrorController}.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final ObjectProvider<Tracer> tracer;

    public ProblemErrorController(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    @RequestMapping
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.resolve(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        String traceId = TraceIds.current(tracer.getIfAvailable());
        String detail;
        if (status.is5xxServerError()) {
            Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            log.error("Unexpected error on {} (traceId={})", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    traceId, exception instanceof Throwable t ? t : null);
            detail = "An unexpected error occurred" + (traceId == null ? "" : "; quote trace id " + traceId + " when reporting it");
        } else {
            Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
            detail = message instanceof String text && !text.isBlank() ? text : status.getReasonPhrase();
        }
        ProblemDetail problem = Problems.of(status, detail);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path) {
            try {
                problem.setInstance(URI.create(path));
            } catch (IllegalArgumentException notAUri) {
                // Rejected requests may carry paths that are not valid URIs; leave the instance out.
            }
        }
        response.resetBuffer();
        Problems.write(request, response, problem, traceId);
    }
}
