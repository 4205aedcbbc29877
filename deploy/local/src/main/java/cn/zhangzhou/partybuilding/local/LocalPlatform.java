package cn.zhangzhou.partybuilding.local;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.RepositoryRoot;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Entry point of {@code local-platform.jar}: the whole platform on one machine without Docker. {@code run} is the
 * default command; {@code --help} lists the commands and their options.
 */
@Command(name = "java -jar deploy/local/target/local-platform.jar", mixinStandardHelpOptions = true,
        subcommands = {LocalPlatform.Run.class, LocalPlatform.Token.class, HelpCommand.class},
        description = "The whole platform on one machine without Docker (run, the default), and tokens for it.")
public final class LocalPlatform {

    public static final String DEFAULT_DATA_DIR = ".local";

    public static void main(String[] args) {
        System.exit(commandLine().execute(withDefaultCommand(args)));
    }

    /** The command a command line names (picocli's ParameterException if it is not a valid one). */
    static Object parse(String... args) {
        CommandLine.ParseResult result = commandLine().parseArgs(withDefaultCommand(args));
        return result.subcommand().commandSpec().userObject();
    }

    private static CommandLine commandLine() {
        return new CommandLine(new LocalPlatform()).setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("local-platform: " + e.getMessage());
            return 1;
        });
    }

    /** {@code run} when the command line names no command (it is empty or starts with an option). */
    private static String[] withDefaultCommand(String[] args) {
        if (args.length > 0 && (!args[0].startsWith("-") || List.of("-h", "--help", "-V", "--version").contains(args[0]))) {
            return args;
        }
        String[] withRun = new String[args.length + 1];
        withRun[0] = "run";
        System.arraycopy(args, 0, withRun, 1, args.length);
        return withRun;
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = {
            "Starts Kafka (9092/9093), PostgreSQL (15432) and the services of the table of services "
                    + "(deploy/platform PlatformService): identity (9000), membership and wishes per district "
                    + "(8081.., 8181..: xiangcheng, longwen, zhangpu 8085/8185) and the gateway (8080); creates the "
                    + "demo users in identity and loads the demo data (zhangpu: the wishes of 绥安镇城西社区 in "
                    + "2015); serves its status on http://localhost:8079/. Ctrl-C stops everything."})
    static final class Run implements Callable<Integer> {

        @Option(names = "--reset", description = "wipe the data directory (databases, Kafka, secrets, logs) first")
        boolean reset;

        @Option(names = "--data-dir", paramLabel = "<dir>", defaultValue = DEFAULT_DATA_DIR,
                description = "where data, secrets and logs live (default: ${DEFAULT-VALUE})")
        String dataDir;

        /**
         * 芗城区 and 龙文区 (the article's two districts), and 漳浦县 whose wishes service replays 绥安镇城西社区 2015 so
         * the default run shows the figures (150 wishes claimed, 35 residents helped).
         */
        @Option(names = "--districts", split = ",", paramLabel = "<district>",
                defaultValue = "xiangcheng,longwen,zhangpu", converter = DistrictOrAll.class,
                description = "the districts to run, or all (11: many minutes on 2 cores; default: ${DEFAULT-VALUE})")
        List<String> districts;

        boolean reset() {
            return reset;
        }

        String dataDir() {
            return dataDir;
        }

        /** In {@link Districts#IDS} order, whatever order was typed: ports and the summary follow it. */
        List<String> districts() {
            return districts.contains("all") ? Districts.IDS : Districts.IDS.stream().filter(districts::contains).toList();
        }

        @Override
        public Integer call() throws InterruptedException {
            if (!HostJvm.isHost()) {
                return HostJvm.relaunch((int) PlatformService.instances(districts()).stream()
                        .filter(i -> i.service().hostedLocally()).count());
            }
            Path root = RepositoryRoot.require(Path.of("").toAbsolutePath());
            Path data = root.resolve(dataDir).normalize();
            // Before any logger exists: the infrastructure logs go to <data-dir>/logs/infra.log (logback.xml). Set up
            // here, before the start's threads race to the first logger (SLF4J would warn about replayed calls).
            System.setProperty("zz.local.logs", data.resolve("logs").toString());
            LoggerFactory.getILoggerFactory();
            Platform platform = new Platform(root, data, this, System.out);
            try {
                platform.run();
                return 0;
            } catch (RuntimeException e) {
                platform.stopAll();
                throw e;
            }
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = {
            "Prints an access token from the running identity service; nothing is signed here.",
            "<username>: a demo user's (e.g. xiangcheng-admin, xiangcheng-staff-cm001, member-1a2b3c4d; admin is the "
                    + "CITY_ADMIN), by its login form (authorization code + PKCE) with the password in "
                    + "<data-dir>/demo-password (<data-dir>/identity-admin-password for admin).",
            "--client <district>: the district system's DISTRICT_SYSTEM token by client credentials (id and secret "
                    + "in <data-dir>/identity-clients/<district>)."})
    static final class Token implements Callable<Integer> {

        @Option(names = "--data-dir", paramLabel = "<dir>", defaultValue = DEFAULT_DATA_DIR,
                description = "where the platform keeps its secrets (default: ${DEFAULT-VALUE})")
        String dataDir;

        @ArgGroup(multiplicity = "1")
        Who who;

        static final class Who {
            @Parameters(paramLabel = "<username>", description = "a demo user")
            String username;

            @Option(names = "--client", paramLabel = "<district>", converter = District.class,
                    description = "the district whose system's token")
            String client;
        }

        String username() {
            return who.username;
        }

        String client() {
            return who.client;
        }

        @Override
        public Integer call() {
            Path cwd = Path.of("").toAbsolutePath();
            System.out.println(token(RepositoryRoot.find(cwd).orElse(cwd), Platform.IDENTITY_URL));
            return 0;
        }

        /** The token, from the identity service at {@code identityUrl}, with the secrets under {@code root}. */
        String token(Path root, String identityUrl) {
            DemoSecrets secrets = new DemoSecrets(root.resolve(dataDir).normalize());
            IdentityClient identity = new IdentityClient(identityUrl);
            if (who.client != null) {
                IdentityClient.RegisteredClient client = secrets.client(who.client).orElseThrow(() ->
                        new IllegalStateException("no client of " + who.client + " in "
                                + secrets.dataDir().resolve(DemoSecrets.CLIENTS_DIR)
                                + "; the platform registers one per started district"));
                return identity.clientCredentials(client.clientId(), client.clientSecret()).value();
            }
            String password = DemoSecrets.ADMIN_USERNAME.equals(who.username)
                    ? secrets.require(DemoSecrets.ADMIN_PASSWORD_FILE) : secrets.require(DemoSecrets.DEMO_PASSWORD_FILE);
            return identity.signIn(who.username, password).value();
        }
    }

    /** A district id of {@link Districts#IDS}. */
    static final class District implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return Districts.require(value.strip());
        }
    }

    /** A district id, or {@code all}. */
    static final class DistrictOrAll implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return "all".equals(value) ? value : Districts.require(value.strip());
        }
    }
}
