package dev.tack.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar demo-origins/target/tack-demo-origins.jar [--port 8080] [--grip-url URL] ...}: runs every demo
 * origin on one port (see {@link DemoConfig} for the flags) and logs to stdout until stopped.
 */
public final class DemoOriginsMain {
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(DemoOriginsMain.class);

    private DemoOriginsMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> argList = List.of(args);
        if (argList.contains("--help") || argList.contains("-h")) {
            System.out.println(DemoConfig.USAGE);
            return;
        }
        DemoConfig config;
        try {
            config = DemoConfig.parse(argList);
        } catch (IllegalArgumentException e) {
            System.err.println("tack-demo-origins: " + e.getMessage());
            System.err.println(DemoConfig.USAGE);
            System.exit(2);
            return;
        }
        logToStdout(System.out);
        DemoServer server = DemoServer.start(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            server.close();
            stopped.countDown();
        }, "demo-shutdown"));
        String base = "http://" + config.bindHost() + ":" + server.port();
        log.info(config.toString());
        log.info("demo origins listening on " + base + " (route Tack to it, e.g. --route '* "
                + config.bindHost() + ":" + server.port() + ",over_http', and open the pages through Tack)");
        stopped.await();
    }

    /**
     * Sends every log line at info and up to {@code out}, one line each, e.g.
     * {@code 2024-05-01 10:00:00.123 INFO  QaSocket: connection 3f1c joined room-demo}. Logback is set up in code
     * (the demo jar carries no {@code logback.xml}, so nothing overrides a test's own configuration).
     */
    private static void logToStdout(PrintStream out) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{0}: %msg%n");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        root.setLevel(Level.INFO);
    }
}
