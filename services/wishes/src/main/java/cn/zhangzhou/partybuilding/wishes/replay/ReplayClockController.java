package cn.zhangzhou.partybuilding.wishes.replay;

import java.time.Clock;
import java.time.Instant;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.wishes.WishesProperties;

/**
 * Development only, off unless {@code zz.wishes.replay-clock=true} (the local platform sets it for the one
 * deployment that replays a past year; decision 0010): {@code PUT /api/v1/dev/clock {"instant": "2015-03-01T01:00:00Z"}}
 * moves the service's clock, {@code {"instant": null}} returns it to real time. Only the district's system
 * caller (DISTRICT_SYSTEM) may. Without the property neither the endpoint nor the clock exist.
 */
@RestController
@ConditionalOnProperty(name = "zz.wishes.replay-clock", havingValue = "true")
class ReplayClockController {

    record ClockRequest(Instant instant) {
    }

    record ClockView(Instant now, boolean replaying) {
    }

    private final ReplayClock clock;
    private final String district;

    ReplayClockController(ReplayClock clock, WishesProperties properties) {
        this.clock = clock;
        this.district = properties.district();
    }

    /** Primary, so it is the one injected wherever the service takes a {@link Clock}. */
    @Bean
    @Primary
    static ReplayClock replayClock() {
        return new ReplayClock(Clock.systemUTC());
    }

    @GetMapping("/api/v1/dev/clock")
    ClockView get(Caller caller) {
        requireSystem(caller);
        return new ClockView(clock.instant(), clock.replaying());
    }

    @PutMapping("/api/v1/dev/clock")
    ClockView set(Caller caller, @RequestBody ClockRequest request) {
        requireSystem(caller);
        if (request.instant() == null) {
            clock.reset();
        } else {
            clock.set(request.instant());
        }
        return new ClockView(clock.instant(), clock.replaying());
    }

    private void requireSystem(Caller caller) {
        if (!caller.hasRole(Role.DISTRICT_SYSTEM) || !caller.inDistrict(district)) {
            throw new ForbiddenException("only the district's system (DISTRICT_SYSTEM) may move the replay clock");
        }
    }
}
