package cn.zhangzhou.partybuilding.events;

import java.net.URI;

/**
 * One versioned event type: its producing service, name and version, the Java record that carries
 * it and the JSON Schema that is the source of truth for its payload.
 *
 * @param service producing service, e.g. {@code membership}
 * @param name event name, e.g. {@code MemberRegistered}
 * @param version major version; an incompatible change is a new version, never an edit
 */
public record EventType<E extends DomainEvent>(String service, String name, int version, Class<E> javaType) {

    public static final String SCHEMA_BASE = "https://schemas.partybuilding.zhangzhou.cn/events/";

    /** The CloudEvents {@code type}, e.g. {@code zz.membership.MemberRegistered.v1}. */
    public String ceType() {
        return "zz." + service + "." + name + ".v" + version;
    }

    /** Classpath location of the JSON Schema, e.g. {@code schemas/membership/MemberRegistered.v1.json}. */
    public String schemaResource() {
        return "schemas/" + service + "/" + name + ".v" + version + ".json";
    }

    /** The CloudEvents {@code dataschema}: the schema's {@code $id}. */
    public URI dataSchema() {
        return URI.create(SCHEMA_BASE + service + "/" + name + ".v" + version + ".json");
    }
}
