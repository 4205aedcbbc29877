package cn.zhangzhou.partybuilding.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.PlatformService.Instance;

/**
 * The connections of the table's services fit the PostgreSQL the launcher starts: the default districts and all
 * eleven. A row added to the table (a service with a database, per district) that makes either exceed
 * {@code max_connections} fails here, before any run does.
 */
class ConnectionBudgetTest {

    private static final List<String> DEFAULT_DISTRICTS = List.of("xiangcheng", "longwen", "zhangpu");

    @Test
    void theDefaultDistrictsAndAllElevenFitTheServersConnections() {
        for (List<String> districts : List.of(DEFAULT_DISTRICTS, Districts.IDS)) {
            List<Instance> instances = PlatformService.instances(districts);
            ConnectionBudget budget = ConnectionBudget.of(instances, ConnectionBudget.MAX_CONNECTIONS);
            assertThat(budget.services()).as("%s", districts).isEqualTo(withDatabase(instances));
            assertThat(budget.pool()).as("%s", districts).isBetween(ConnectionBudget.POOL_MIN, ConnectionBudget.POOL_CAP);
            assertThat(budget.total()).as("%s", districts).isLessThanOrEqualTo(ConnectionBudget.MAX_CONNECTIONS);
        }
    }

    @Test
    void poolsShrinkWithTheNumberOfServicesSharingTheServer() {
        List<Instance> all = PlatformService.instances(Districts.IDS);
        assertThat(ConnectionBudget.of(all, 150).pool()).isEqualTo((150 - ConnectionBudget.RESERVED) / withDatabase(all));
        assertThat(ConnectionBudget.of(PlatformService.instances(List.of("xiangcheng")), 150).pool())
                .isEqualTo(ConnectionBudget.POOL_CAP);
    }

    @Test
    void aBudgetThatCannotFitIsRefusedBeforeAnythingStartsNamingTheNumbers() {
        // Three times every instance: what two more district services per district would come to.
        List<Instance> tooMany = Collections.nCopies(3, PlatformService.instances(Districts.IDS)).stream()
                .flatMap(List::stream).toList();
        int services = withDatabase(tooMany);
        assertThatThrownBy(() -> ConnectionBudget.of(tooMany, ConnectionBudget.MAX_CONNECTIONS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(services + " services share PostgreSQL")
                .hasMessageContaining("allows " + ConnectionBudget.MAX_CONNECTIONS + " connections")
                .hasMessageContaining("--districts")
                .hasMessageContaining("MAX_CONNECTIONS to at least " + (services * ConnectionBudget.POOL_MIN
                        + ConnectionBudget.RESERVED));
    }

    private static int withDatabase(List<Instance> instances) {
        return (int) instances.stream().filter(i -> i.database().isPresent()).count();
    }
}
