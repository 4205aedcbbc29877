package cn.zhangzhou.partybuilding.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.events.EventCatalog;
import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.EventJson;
import cn.zhangzhou.partybuilding.events.EventSchemas;
import cn.zhangzhou.partybuilding.events.EventType;
import cn.zhangzhou.partybuilding.events.Topics;

/** The generated year is what the districts' relays would publish, counted right, and the same for the same seed. */
class CityYearTest {

    private static final int MEMBERS = 2_200;
    private static final long EVENTS = 20_000;

    @Test
    void everyRecordIsAValidEventOnItsDistrictsTopicKeyedByAggregateWithVersionsInOrder() {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        CityYear.Tally tally = CityYear.write(7, MEMBERS, EVENTS, records::add);

        assertThat(tally.events()).isEqualTo(records.size()).isGreaterThanOrEqualTo(EVENTS);
        Map<String, Long> lastVersion = new HashMap<>();
        for (ProducerRecord<String, byte[]> record : records) {
            EventEnvelope envelope = EventEnvelope.readFrom(new RecordHeaders(record.headers().toArray()));
            EventType<?> type = EventCatalog.byCeType(envelope.type()).orElseThrow();
            EventSchemas.validate(type, EventJson.parse(record.value()));
            assertThat(EventJson.read(EventJson.parse(record.value()), type.javaType()).aggregateId())
                    .isEqualTo(record.key()).isEqualTo(envelope.subject());
            assertThat(record.topic()).isEqualTo(Topics.events(envelope.district(), type.service()));
            assertThat(envelope.source()).isEqualTo(EventEnvelope.source(envelope.district(), type.service()));
            long previous = lastVersion.getOrDefault(record.key(), 0L);
            assertThat(envelope.aggregateVersion()).as(record.key()).isEqualTo(previous + 1);
            lastVersion.put(record.key(), envelope.aggregateVersion());
        }
        Set<String> districts = records.stream().map(r -> Topics.districtOf(r.topic())).collect(Collectors.toSet());
        assertThat(districts).containsExactlyInAnyOrderElementsOf(Districts.IDS);
        assertThat(records.stream().map(r -> r.topic().split("\\.")[1]).distinct())
                .containsExactlyInAnyOrder("membership", "wishes", "volunteering", "evaluation");
    }

    @Test
    void theTallyCountsWhatWasWritten() {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        CityYear.Tally tally = CityYear.write(7, MEMBERS, EVENTS, records::add);

        assertThat(tally.communities()).isEqualTo(264);
        assertThat(tally.communitiesOf()).hasSize(11).allSatisfy((district, communities) ->
                assertThat(communities).hasSize(24));
        assertThat(tally.members()).isEqualTo(count(records, "MemberRegistered")).isEqualTo(MEMBERS);
        assertThat(tally.wishesPosted()).isEqualTo(count(records, "WishPosted")).isPositive();
        assertThat(tally.wishesConfirmed()).isEqualTo(count(records, "WishConfirmed")).isPositive();
        assertThat(tally.grids()).isEqualTo(records.stream().filter(r -> new String(r.value()).contains("\"GRID\""))
                .count());
        assertThat(tally.byType().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(records.size());
        assertThat(tally.byType()).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void theSameSeedGivesTheSameRecords() {
        List<ProducerRecord<String, byte[]>> one = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> two = new ArrayList<>();
        CityYear.write(11, 1_100, 3_000, one::add);
        CityYear.write(11, 1_100, 3_000, two::add);

        assertThat(two).hasSameSizeAs(one);
        for (int i = 0; i < one.size(); i++) {
            assertThat(two.get(i).key()).isEqualTo(one.get(i).key());
            assertThat(two.get(i).value()).isEqualTo(one.get(i).value());
            assertThat(two.get(i).headers().toArray()).isEqualTo(one.get(i).headers().toArray());
        }
    }

    private static long count(List<ProducerRecord<String, byte[]>> records, String type) {
        return records.stream().filter(r -> new String(r.headers().lastHeader("ce_type").value())
                .equals("zz." + r.topic().split("\\.")[1] + "." + type + ".v1")).count();
    }
}
