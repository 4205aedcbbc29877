package cn.zhangzhou.partybuilding.support.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code zz.web.*}.
 *
 * @param maxRequestBytes the largest request body accepted (default 64 KiB; e.g. {@code 65536} or {@code 1MB})
 */
@ConfigurationProperties("zz.web")
public record WebProperties(@DefaultValue("64KB") DataSize maxRequestBytes) {
}
