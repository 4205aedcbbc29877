package cn.zhangzhou.partybuilding.dashboard.live;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import cn.zhangzhou.partybuilding.support.security.Caller;

/**
 * {@code GET /api/v1/live}: Server-Sent Events, one {@code figures} event ({@code district}, {@code kind}, {@code at})
 * within a second of each event that changed a figure the caller may see. The token is checked when the stream opens;
 * the stream ends after {@code seconds} (30 minutes unless asked: proxies drop older streams, and a browser's
 * EventSource reconnects by itself, with its token checked again).
 */
@RestController
@Validated
class LiveController {

    private final LiveChannels channels;

    LiveController(LiveChannels channels) {
        this.channels = channels;
    }

    @GetMapping(value = "/api/v1/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(Caller caller, @RequestParam(defaultValue = "1800") @Min(1) @Max(1800) int seconds) {
        return channels.open(caller, Duration.ofSeconds(seconds));
    }
}
