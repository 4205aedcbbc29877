package cn.zhangzhou.partybuilding.support.testapp;

import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class ThingController {

    private final JdbcClient jdbc;
    private final TestGate gate;

    ThingController(JdbcClient jdbc, TestGate gate) {
        this.jdbc = jdbc;
        this.gate = gate;
    }

    @PostMapping(path = "/things", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Thing> create(@Valid @RequestBody Thing.Create command, Caller caller) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO thing (id, code, name, category, quantity, created_by)
                VALUES (:id, :code, :name, :category, :quantity, :createdBy)""")
                .param("id", id).param("code", command.code()).param("name", command.name())
                .param("category", command.category().name()).param("quantity", command.quantity())
                .param("createdBy", caller.subject())
                .update();
        return ResponseEntity.created(URI.create("/api/v1/things/" + id)).body(find(id));
    }

    /** A create the test can hold before or after its effect, or make fail, for the Idempotency-Key tests. */
    @PostMapping(path = "/gated-things", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Thing> createGated(@Valid @RequestBody Thing.Create command, Caller caller) throws InterruptedException {
        gate.beforeEffect();
        ResponseEntity<Thing> created = create(command, caller);
        gate.afterEffect();
        return created;
    }

    @GetMapping("/things/{id}")
    Thing get(@PathVariable UUID id) {
        return find(id);
    }

    @GetMapping("/things")
    List<Thing> list(@RequestParam(required = false) Category category,
                     @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return jdbc.sql("SELECT * FROM thing WHERE (:category::text IS NULL OR category = :category) ORDER BY code LIMIT :size")
                .param("category", category == null ? null : category.name()).param("size", size)
                .query(Thing.class).list();
    }

    @GetMapping("/things/search")
    List<Thing> search(@RequestParam String q) {
        return jdbc.sql("SELECT * FROM thing WHERE name ILIKE :q ORDER BY code").param("q", "%" + q + "%")
                .query(Thing.class).list();
    }

    @PutMapping(path = "/things/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Thing rename(@PathVariable UUID id, @Valid @RequestBody Thing.Rename command) {
        find(id);
        int updated = jdbc.sql("UPDATE thing SET name = :name, version = version + 1 WHERE id = :id AND version = :version")
                .param("name", command.name()).param("id", id).param("version", command.version())
                .update();
        if (updated == 0) {
            throw new OptimisticLockingFailureException("thing " + id + " version " + command.version() + " is stale");
        }
        return find(id);
    }

    /** One transaction, as a service's use case is: a refusal rolls it back (Idempotency-Key tests). */
    @Transactional
    @PostMapping("/things/{id}/archive")
    Thing archive(@PathVariable UUID id) {
        Thing thing = find(id);
        if (thing.archived()) {
            throw new ConflictException("Thing " + id + " is already archived");
        }
        if (thing.quantity() > 0) {
            throw new DomainRuleException("Thing " + id + " still has " + thing.quantity() + " in stock");
        }
        jdbc.sql("UPDATE thing SET archived = TRUE, version = version + 1 WHERE id = :id").param("id", id).update();
        return find(id);
    }

    @GetMapping("/districts/{district}/things")
    List<Thing> inDistrict(@PathVariable String district, Caller caller) {
        caller.requireAnyRole(Role.CITY_ADMIN, Role.DISTRICT_ADMIN).requireDistrict(district);
        return list(null, 200);
    }

    /** A form post, as a login page or a token endpoint receives them. */
    @PostMapping(path = "/things/notes", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Map<String, Object> note(@RequestParam("text") String text) {
        return Map.of("text", text, "length", text.length());
    }

    @GetMapping("/whoami")
    Map<String, Object> whoami(Caller caller) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("subject", caller.subject());
        me.put("roles", caller.roles());
        me.put("district", caller.district());
        me.put("org", caller.org());
        me.put("member", caller.member());
        me.put("cityWide", caller.isCityWide());
        me.put("sameAsCurrent", caller.equals(Caller.current()));
        return me;
    }

    @GetMapping("/boom")
    Thing boom() {
        throw new IllegalStateException("connection to db-secret-host:5432 with password hunter2 failed");
    }

    private Thing find(UUID id) {
        return jdbc.sql("SELECT * FROM thing WHERE id = :id").param("id", id).query(Thing.class).optional()
                .orElseThrow(() -> NotFoundException.of("Thing", id));
    }
}
