package cn.zhangzhou.partybuilding.evaluation.outcome;

import java.util.UUID;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.support.security.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The objective indicators of an organisation in a year, with the events each was computed from. */
@RestController
@Validated
class IndicatorController {

    private final IndicatorService service;

    IndicatorController(IndicatorService service) {
        this.service = service;
    }

    @GetMapping("/api/v1/indicators")
    Indicators indicators(Caller caller, @RequestParam UUID organisationId,
                          @RequestParam @Min(2000) @Max(2100) int year) {
        return service.of(caller, organisationId, year);
    }
}
