package cn.zhangzhou.partybuilding.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

import cn.zhangzhou.partybuilding.events.Districts;

/**
 * The command line: {@code run [--reset] [--data-dir .local] [--districts xiangcheng,longwen,zhangpu|all]},
 * {@code token [--data-dir .local] <username>}, {@code token [--data-dir .local] --client <district>}.
 *
 * @param client the district whose system's token {@code token --client} asks for, else null
 */
public record Options(String command, boolean reset, String dataDir, List<String> districts, String client,
                      List<String> arguments) {

    public static final String DEFAULT_DATA_DIR = ".local";
    /**
     * 芗城区 and 龙文区 (the article's two districts), and 漳浦县 whose wishes service replays 绥安镇城西社区 2015 so
     * the default run shows the figures (150 wishes claimed, 35 residents helped).
     */
    public static final List<String> DEFAULT_DISTRICTS = List.of("xiangcheng", "longwen", "zhangpu");

    public static Options parse(String... args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        String command = "run";
        if (!rest.isEmpty() && !rest.get(0).startsWith("--")) {
            command = rest.remove(0);
        }
        if (!List.of("run", "token", "help").contains(command)) {
            throw new IllegalArgumentException("unknown command '" + command + "' (run, token, help)");
        }
        boolean reset = false;
        String dataDir = DEFAULT_DATA_DIR;
        String client = null;
        List<String> districts = DEFAULT_DISTRICTS;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            switch (a) {
                case "--reset" -> reset = true;
                case "--data-dir" -> dataDir = value(rest, ++i, a);
                case "--client" -> client = Districts.require(value(rest, ++i, a));
                case "--districts" -> districts = districts(value(rest, ++i, a));
                default -> {
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    positional.add(a);
                }
            }
        }
        if ("run".equals(command) && !positional.isEmpty()) {
            throw new IllegalArgumentException("run takes no arguments besides options: " + positional);
        }
        if (client != null && !"token".equals(command)) {
            throw new IllegalArgumentException("--client belongs to the token command");
        }
        if ("token".equals(command) && (client == null ? positional.size() != 1 : !positional.isEmpty())) {
            throw new IllegalArgumentException("usage: token <username>   or   token --client <district>");
        }
        return new Options(command, reset, dataDir, districts, client, List.copyOf(positional));
    }

    static List<String> districts(String value) {
        if ("all".equals(value)) {
            return Districts.IDS;
        }
        LinkedHashSet<String> chosen = new LinkedHashSet<>();
        for (String d : value.split(",")) {
            chosen.add(Districts.require(d.trim()));
        }
        // Districts.IDS order, whatever order was typed: the summary follows it.
        return Districts.IDS.stream().filter(chosen::contains).toList();
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    public static String usage() {
        return """
                usage: java -jar deploy/local/target/local-platform.jar [command] [options]
                  run  (default)  [--reset] [--data-dir .local] [--districts xiangcheng,longwen,zhangpu|all]
                        starts Kafka (9092/9093), PostgreSQL (15432), the identity service (9000), one
                        membership service per district (8081 xiangcheng, 8082 longwen, 8085 zhangpu, ...), one
                        wishes service per district (8181 xiangcheng, 8182 longwen, 8185 zhangpu, ...) and the
                        gateway (8080); creates the demo users in identity and loads the demo data (zhangpu: the
                        wishes of 绥安镇城西社区 in 2015); Ctrl-C stops everything
                  token [--data-dir .local] <username>
                        prints an access token of a demo user (e.g. xiangcheng-admin, xiangcheng-staff-cm001,
                        member-1a2b3c4d; admin is the CITY_ADMIN) from the running identity service, by its login
                        form (authorization code + PKCE) with the password in <data-dir>/demo-password
                        (<data-dir>/identity-admin-password for admin)
                  token [--data-dir .local] --client <district>
                        prints a DISTRICT_SYSTEM token of the district's system client (client credentials; id
                        and secret in <data-dir>/identity-clients/<district>)
                """;
    }
}
