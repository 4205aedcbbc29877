package cn.zhangzhou.partybuilding.directory;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A service with nothing but the directory (and what it brings: messaging, support). */
@SpringBootApplication
class DirectoryTestApplication {
}
