package cn.zhangzhou.partybuilding.messaging.testapp;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.membership.OrganisationRenamed;
import cn.zhangzhou.partybuilding.messaging.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A state change and its event in one transaction, as a service writes them. */
@Service
public class OrganisationNames {

    private final JdbcClient jdbc;
    private final Outbox outbox;

    OrganisationNames(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** Renames (creating on version 1) and appends OrganisationRenamed with the new version. */
    @Transactional
    public EventEnvelope rename(UUID organisationId, String name, long version) {
        jdbc.sql("""
                insert into organisation (id, name, version) values (:id, :name, :version)
                on conflict (id) do update set name = excluded.name, version = excluded.version
                """)
                .param("id", organisationId).param("name", name).param("version", version)
                .update();
        return outbox.append(new OrganisationRenamed(organisationId, name), version);
    }

    /** Appends the event, then fails: neither the change nor the event may survive. */
    @Transactional
    public void renameAndFail(UUID organisationId, String name, long version) {
        rename(organisationId, name, version);
        throw new IllegalStateException("business rule broken after the event was appended");
    }
}
