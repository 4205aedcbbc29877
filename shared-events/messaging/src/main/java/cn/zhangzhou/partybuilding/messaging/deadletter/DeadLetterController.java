package cn.zhangzhou.partybuilding.messaging.deadletter;

import cn.zhangzhou.partybuilding.messaging.deadletter.DeadLetter.Address;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dead letters of the topics this service consumes (decision 0022). A dead letter is addressed by where it lies:
 * its dead-letter topic ({@code <topic>-dlt}), partition and offset.
 */
@RestController
@RequestMapping("/api/v1/dead-letters")
class DeadLetterController {

    private final DeadLetterService service;

    DeadLetterController(DeadLetterService service) {
        this.service = service;
    }

    /** This service's dead letters of one consumed topic, newest first, each with its state. */
    @GetMapping
    Page<DeadLetter> list(Caller caller, @RequestParam @NotBlank @Size(max = 249) String topic,
                          @RequestParam(defaultValue = "0") @Min(0) int page,
                          @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return service.list(caller, topic, page, size);
    }

    @GetMapping("/{deadLetterTopic}/{partition}/{offset}")
    DeadLetter get(Caller caller, @PathVariable String deadLetterTopic, @PathVariable int partition,
                   @PathVariable long offset) {
        return service.get(caller, new Address(deadLetterTopic, partition, offset));
    }

    /** Sends it back to its source topic, after the consumer was fixed: 409 unless NEW. */
    @PostMapping("/{deadLetterTopic}/{partition}/{offset}/replay")
    DeadLetter replay(Caller caller, @PathVariable String deadLetterTopic, @PathVariable int partition,
                      @PathVariable long offset) {
        return service.replay(caller, new Address(deadLetterTopic, partition, offset));
    }

    /** Gives it up, saying why: 409 unless NEW. */
    @PostMapping("/{deadLetterTopic}/{partition}/{offset}/discard")
    DeadLetter discard(Caller caller, @PathVariable String deadLetterTopic, @PathVariable int partition,
                       @PathVariable long offset, @Valid @RequestBody Discard request) {
        return service.discard(caller, new Address(deadLetterTopic, partition, offset), request.reason());
    }

    /** @param reason why the dead letter is given up (mandatory) */
    record Discard(@NotBlank @Size(max = 1000) String reason) {
    }
}
