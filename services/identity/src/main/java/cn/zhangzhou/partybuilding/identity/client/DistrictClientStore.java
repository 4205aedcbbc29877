package cn.zhangzhou.partybuilding.identity.client;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The district_client table: which registered client is which district's system. */
@Repository
public class DistrictClientStore {

    private static final String COLUMNS = "client_id, name, district, created_by, created_at";

    private final JdbcClient jdbc;

    DistrictClientStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(DistrictClient client, String registeredId) {
        jdbc.sql("INSERT INTO district_client (client_id, registered_id, name, district, created_by, created_at) "
                        + "VALUES (:clientId, :registeredId, :name, :district, :createdBy, :createdAt)")
                .param("clientId", client.clientId()).param("registeredId", registeredId).param("name", client.name())
                .param("district", client.district()).param("createdBy", client.createdBy())
                .param("createdAt", Timestamp.from(client.createdAt()))
                .update();
    }

    public Optional<DistrictClient> find(String clientId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM district_client WHERE client_id = :clientId")
                .param("clientId", clientId).query(DistrictClient.class).optional();
    }

    List<DistrictClient> list(String district, int page, int size) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM district_client "
                        + "WHERE (CAST(:district AS VARCHAR) IS NULL OR district = :district) "
                        + "ORDER BY district, lower(name) LIMIT :limit OFFSET :offset")
                .param("district", district).param("limit", size).param("offset", (long) page * size)
                .query(DistrictClient.class).list();
    }

    long count(String district) {
        return jdbc.sql("SELECT count(*) FROM district_client WHERE (CAST(:district AS VARCHAR) IS NULL OR district = :district)")
                .param("district", district).query(Long.class).single();
    }
}
