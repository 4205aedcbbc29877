package cn.zhangzhou.partybuilding.faults;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import cn.zhangzhou.partybuilding.faults.FaultRun.Profile;
import cn.zhangzhou.partybuilding.platform.RepositoryRoot;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The fault suite (docs/reliability.md, "Faults"): a history, a nemesis and a checker. Run from the repository root
 * after {@code mvn -B -DskipTests package}: {@code java -jar deploy/faults/target/faults.jar [--profile short|full]}.
 * Exits 0 when nothing acknowledged was lost or applied twice and the poison check held.
 */
@Command(name = "java -jar deploy/faults/target/faults.jar", mixinStandardHelpOptions = true,
        description = "Drives membership and wishes (volunteering consuming) of two districts while killing and disturbing Kafka, PostgreSQL "
                + "and the services, then checks every acknowledged command.")
public final class Faults implements Callable<Integer> {

    @Option(names = "--profile", description = "SHORT (every fault once) or FULL (every fault 20 times); default FULL")
    Profile profile = Profile.FULL;

    @Option(names = "--rounds", description = "rounds of every fault (default: the profile's)")
    Integer rounds;

    @Option(names = "--clients", description = "concurrent clients of the driver (default: the profile's)")
    Integer clients;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Faults()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        FaultRun.Outcome outcome = FaultRun.run(RepositoryRoot.require(Path.of("")), profile,
                rounds == null ? profile.rounds : rounds, clients == null ? profile.clients : clients, System.out);
        return outcome.passed() ? 0 : 1;
    }
}
