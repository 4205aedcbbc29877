package cn.zhangzhou.partybuilding.support.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A tiny service that uses service-support the way real services do: by having it on the classpath. */
@SpringBootApplication
public class TestApplication {
}
