package cn.zhangzhou.partybuilding.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import cn.zhangzhou.partybuilding.embedded.KafkaBroker;

/** A Kafka broker of one test class's own, to stop and restart without disturbing the shared one. */
final class OwnBroker {

    private OwnBroker() {
    }

    /** A broker on free ports (kept across {@link KafkaBroker#restart()}), its data in a new temporary directory. */
    static KafkaBroker start(String name) {
        try {
            return KafkaBroker.start(Files.createTempDirectory("zz-" + name + "-kafka"), 0, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
