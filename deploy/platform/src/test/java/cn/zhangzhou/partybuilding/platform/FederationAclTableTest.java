package cn.zhangzhou.partybuilding.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import cn.zhangzhou.partybuilding.events.Districts;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.Test;

/**
 * docs/federation.md shows the ACLs {@link Federation} grants, row for row: each district's with its own id as
 * {@code <district>} and any other district's as {@code <other>}, the dashboard's and identity's with every district's
 * as {@code <district>}.
 */
class FederationAclTableTest {

    private static final Pattern ACL_ROW =
            Pattern.compile("^\\| `[^`]+` \\| (TOPIC|GROUP|CLUSTER|TRANSACTIONAL_ID) \\|");

    @Test
    void theTableOfDocsFederationIsTheAclsFederationGrants() throws IOException {
        List<String> rows = new ArrayList<>();
        rows.addAll(rows("<district>", Federation.district("xiangcheng"), "xiangcheng"));
        rows.addAll(rows(Federation.DASHBOARD, Federation.dashboard(), null));
        rows.addAll(rows(Federation.IDENTITY, Federation.identity(), null));
        List<String> documented = Files.readAllLines(RepositoryRoot.require(Path.of("")).resolve("docs/federation.md"))
                .stream().filter(line -> ACL_ROW.matcher(line).find()).toList();
        assertThat(documented).as("the ACL rows of docs/federation.md; expected:%n%s", String.join("\n", rows))
                .containsExactlyElementsOf(rows);
    }

    /** One row per resource pattern, with its operations. */
    private static List<String> rows(String principal, List<AclBinding> acls, String own) {
        Map<String, Set<String>> operations = new LinkedHashMap<>();
        for (AclBinding acl : acls) {
            String row = "| `" + principal + "` | " + acl.pattern().resourceType() + " | " + acl.pattern().patternType()
                    + " | `" + general(acl.pattern().name(), own) + "` | ";
            operations.computeIfAbsent(row, r -> new LinkedHashSet<>()).add(acl.entry().operation().name());
        }
        return operations.entrySet().stream().map(e -> e.getKey() + String.join(", ", e.getValue()) + " |").toList();
    }

    private static String general(String name, String own) {
        for (String district : Districts.IDS) {
            String as = own == null || own.equals(district) ? "<district>" : "<other>";
            if (name.startsWith(district + ".")) {
                return as + name.substring(district.length());
            }
            if (name.endsWith("-" + district)) {
                return name.substring(0, name.length() - district.length()) + as;
            }
        }
        return name;
    }
}
