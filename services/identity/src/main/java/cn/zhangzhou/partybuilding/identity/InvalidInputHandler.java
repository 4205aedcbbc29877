package cn.zhangzhou.partybuilding.identity;

import cn.zhangzhou.partybuilding.support.error.Problems;
import cn.zhangzhou.partybuilding.support.error.Problems.FieldProblem;
import java.net.URI;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;

/** 400 problem for {@link InvalidInputException}, ahead of the support module's catch-all handler. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidInputHandler {

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInputException ex, ServletWebRequest request) {
        ProblemDetail problem = Problems.withErrors(HttpStatus.BAD_REQUEST,
                "Validation failed: " + ex.field() + ": " + ex.getMessage(),
                List.of(new FieldProblem(ex.field(), ex.getMessage())));
        problem.setInstance(URI.create(request.getRequest().getRequestURI()));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
