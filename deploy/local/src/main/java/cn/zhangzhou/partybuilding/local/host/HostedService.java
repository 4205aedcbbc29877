package cn.zhangzhou.partybuilding.local.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URLClassLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One service's Spring application context running in the host ({@link ServiceHost}), started from its own class
 * loader: the launcher has no compile dependency on service classes, so {@code SpringApplication} is reached by
 * reflection and the context is held as what it also is, an {@link AutoCloseable}.
 */
public final class HostedService implements AutoCloseable {

    static final Duration START_WAIT_ON_CLOSE = Duration.ofSeconds(30);

    private final String name;
    private final URLClassLoader loader;
    private final FutureTask<AutoCloseable> context;

    private HostedService(String name, URLClassLoader loader, FutureTask<AutoCloseable> context) {
        this.name = name;
        this.loader = loader;
        this.context = context;
    }

    /** Runs {@code SpringApplication.run(args)} in a thread of its own whose context class loader is the service's. */
    static HostedService start(String name, URLClassLoader loader, String startClass, String[] args) {
        FutureTask<AutoCloseable> context = new FutureTask<>(() -> run(loader, startClass, args));
        Thread thread = new Thread(context, name + "-start");
        // Inherited by every thread the context creates: the service's classes, and its log file.
        thread.setContextClassLoader(loader);
        thread.start();
        return new HostedService(name, loader, context);
    }

    private static AutoCloseable run(ClassLoader loader, String startClass, String[] args) throws Exception {
        Class<?> resourceLoaderType = loader.loadClass("org.springframework.core.io.ResourceLoader");
        Object resourceLoader = loader.loadClass("org.springframework.core.io.DefaultResourceLoader")
                .getConstructor(ClassLoader.class).newInstance(loader);
        Class<?> application = loader.loadClass("org.springframework.boot.SpringApplication");
        Class<?> main = loader.loadClass(startClass);
        Object app = application.getConstructor(resourceLoaderType, Class[].class)
                .newInstance(resourceLoader, new Class<?>[] {main});
        // Boot finds it on the stack of a process's main thread; here there is none. It names the log lines.
        application.getMethod("setMainApplicationClass", Class.class).invoke(app, main);
        try {
            return (AutoCloseable) application.getMethod("run", String[].class).invoke(app, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    public String name() {
        return name;
    }

    /** Waits until the context has started (Spring Boot's readiness is then ACCEPTING_TRAFFIC); fails with its cause. */
    public void awaitReady(Instant deadline) {
        try {
            context.get(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(name + " did not start: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(name + " did not start in time; see its log");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Closes the context (Spring's graceful shutdown) with the service's class loader on the thread, then the loader.
     * A context still starting is waited for first, up to {@link #START_WAIT_ON_CLOSE}; one that failed to start was
     * closed by Spring already.
     */
    @Override
    public void close() {
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(loader);
        try {
            AutoCloseable started = context.get(START_WAIT_ON_CLOSE.toMillis(), TimeUnit.MILLISECONDS);
            started.close();
            loader.close();
        } catch (ExecutionException failedToStart) {
            closeLoader();
        } catch (InterruptedException e) {
            current.interrupt();
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not stop cleanly: " + e, e);
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    private void closeLoader() {
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
