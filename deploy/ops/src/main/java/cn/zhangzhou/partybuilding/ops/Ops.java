package cn.zhangzhou.partybuilding.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The operations command line: {@code java -jar deploy/ops/target/zz-ops.jar dead-letters --help}. */
@Command(name = "java -jar deploy/ops/target/zz-ops.jar", mixinStandardHelpOptions = true,
        subcommands = DeadLettersCommand.class,
        description = "What the team that runs the platform does by hand (docs/operations.md).")
public final class Ops {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Ops()).execute(args));
    }
}
