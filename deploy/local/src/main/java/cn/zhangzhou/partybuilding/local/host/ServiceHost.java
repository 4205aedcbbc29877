package cn.zhangzhou.partybuilding.local.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * This JVM as the host of several services' Spring application contexts (decision 0019). Each hosted service keeps
 * what it has in its own process: its port, datasource, Flyway history, consumer groups, outbox relay, configuration
 * and security; what it shares with the others is the classes of their common libraries.
 * <ul>
 *   <li>One shared class loader over the library jars every hosted service has (same file name: same artifact and
 *       version), whose parent is the platform class loader: the launcher's own classes (its Kafka broker, its
 *       logback, its Spring) stay invisible to the services.</li>
 *   <li>One class loader per hosted instance (membership-xiangcheng, membership-longwen, ...) over its service's own
 *       classes ({@code BOOT-INF/classes}: {@code application.yml}, {@code db/migration}, ~60 files) and the libraries
 *       not every hosted service has. Per instance, not per kind of service: each instance keeps its own static state,
 *       as in its own process, for a few MiB of classes; and the loader carries the instance's name, which is how the
 *       host's logback tells the instances' log lines apart ({@link ServiceLogDiscriminator}).</li>
 *   <li>One logback for all of them, configured once here: one file per service in the log directory. Spring Boot's
 *       logging system is off in this JVM, or every context start would reconfigure the one logback.</li>
 * </ul>
 */
public final class ServiceHost implements AutoCloseable {

    private static final String LOGGING_SYSTEM_PROPERTY = "org.springframework.boot.logging.LoggingSystem";

    private final SharedLibraries shared;
    private final Set<String> sharedNames;

    private ServiceHost(SharedLibraries shared, Set<String> sharedNames) {
        this.shared = shared;
        this.sharedNames = sharedNames;
    }

    /**
     * A host for services of these jars; their logs go to {@code <logDir>/<service name>.log}.
     *
     * @param hostDir where the host keeps its generated logging configuration
     */
    public static ServiceHost create(Collection<HostedJar> jars, Path hostDir, Path logDir) {
        List<Path> first = jars.iterator().next().libraries();
        Set<String> everyones = first.stream().map(ServiceHost::fileName)
                .filter(name -> jars.stream().allMatch(j -> j.libraries().stream().anyMatch(l -> fileName(l).equals(name))))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<URL> urls = new ArrayList<>();
        urls.add(url(writeLogging(hostDir.resolve("logging"), logDir)));
        first.stream().filter(l -> everyones.contains(fileName(l))).forEach(l -> urls.add(url(l)));
        System.setProperty(LOGGING_SYSTEM_PROPERTY, "none");
        SharedLibraries shared = new SharedLibraries(urls.toArray(URL[]::new));
        routeJavaUtilLogging(shared);
        return new ServiceHost(shared, everyones);
    }

    /**
     * Starts the service of {@code jar} as {@code name} in its own thread, with {@code properties} as its command line
     * ({@code --key=value}: they win over its application.yml, as environment variables do for a process).
     */
    public HostedService start(String name, HostedJar jar, Map<String, String> properties) {
        List<URL> own = new ArrayList<>();
        own.add(url(jar.classes()));
        jar.libraries().stream().filter(l -> !sharedNames.contains(fileName(l))).forEach(l -> own.add(url(l)));
        URLClassLoader loader = new URLClassLoader(ServiceLogDiscriminator.LOADER_PREFIX + name, own.toArray(URL[]::new),
                shared);
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return HostedService.start(name, loader, jar.startClass(), args);
    }

    @Override
    public void close() {
        try {
            shared.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tomcat logs through java.util.logging; Boot would bridge it to SLF4J, and its logging system is off here. */
    private static void routeJavaUtilLogging(ClassLoader shared) {
        try {
            Class<?> bridge = shared.loadClass("org.slf4j.bridge.SLF4JBridgeHandler");
            bridge.getMethod("removeHandlersForRootLogger").invoke(null);
            bridge.getMethod("install").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the services' libraries lack jul-to-slf4j", e);
        }
    }

    private static Path writeLogging(Path dir, Path logDir) {
        try {
            Files.createDirectories(dir);
            Files.createDirectories(logDir);
            String xml;
            try (InputStream in = ServiceHost.class.getResourceAsStream("host-logback.xml")) {
                xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Files.writeString(dir.resolve("logback.xml"), xml.replace("@LOG_DIR@", escapeXml(logDir.toString())));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the host's logging configuration into " + dir, e);
        }
    }

    private static String escapeXml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String fileName(Path library) {
        return library.getFileName().toString();
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path.toString(), e);
        }
    }

    /**
     * The libraries every hosted service shares, and the one launcher class the services' logback instantiates
     * ({@link ServiceLogDiscriminator}), defined here from its bytes so that it links against their logback.
     */
    private static final class SharedLibraries extends URLClassLoader {

        static {
            // A loader subclass must say so itself, or two contexts starting at once take turns loading classes.
            ClassLoader.registerAsParallelCapable();
        }

        SharedLibraries(URL[] urls) {
            super("hosted libraries", urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (!name.equals(ServiceLogDiscriminator.class.getName())) {
                return super.findClass(name);
            }
            try (InputStream in = ServiceHost.class.getResourceAsStream(
                    ServiceLogDiscriminator.class.getSimpleName() + ".class")) {
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
