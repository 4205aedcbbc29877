package cn.zhangzhou.partybuilding.dashboard.live;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import cn.zhangzhou.partybuilding.dashboard.projection.FigureChanged;
import cn.zhangzhou.partybuilding.dashboard.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.support.security.Caller;

/**
 * The open live channels (Server-Sent Events) and whose they are. A change is sent once its event's transaction
 * committed, to each channel whose caller sees that district; the browser then reads the figures of its scope again.
 */
@Component
class LiveChannels {

    private final AccessPolicy policy;
    private final Map<SseEmitter, Caller> open = new ConcurrentHashMap<>();

    LiveChannels(AccessPolicy policy) {
        this.policy = policy;
    }

    /** A stream of the caller's changes, closed after {@code lasting} (the browser's EventSource then reconnects). */
    SseEmitter open(Caller caller, Duration lasting) {
        policy.requireStaff(caller);
        SseEmitter emitter = new SseEmitter(lasting.toMillis());
        open.put(emitter, caller);
        emitter.onCompletion(() -> open.remove(emitter));
        emitter.onTimeout(emitter::complete);
        emitter.onError(e -> open.remove(emitter));
        send(emitter, SseEmitter.event().name("open").data(Map.of("scope", caller.isCityWide() ? "city"
                : caller.district())));
        return emitter;
    }

    @TransactionalEventListener
    void changed(FigureChanged change) {
        open.forEach((emitter, caller) -> {
            if (policy.seesChangesOf(caller, change.district())) {
                send(emitter, SseEmitter.event().name("figures").data(change));
            }
        });
    }

    private void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException gone) {
            // The browser went away; the channel completes with an error and is removed.
            open.remove(emitter);
        }
    }
}
