package dev.tack.demo;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * {@code java -jar demo-origins/target/tack-demo-origins.jar [--port 8080] [--grip-url URL] ...}: runs every demo
 * origin on one port (see {@link DemoConfig} for the flags) and logs to stdout until stopped.
 */
public final class DemoOriginsMain {
    private static final Logger log = Logger.getLogger(DemoOriginsMain.class.getName());

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

    private static void logToStdout(PrintStream out) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Handler handler = new StreamHandler(out, new OneLineFormatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.INFO);
    }

    /** {@code 2024-05-01 10:00:00.123 INFO  QaSocket: connection 3f1c joined room-demo}. */
    private static final class OneLineFormatter extends Formatter {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

        @Override
        public String format(LogRecord r) {
            String logger = r.getLoggerName() == null ? "" : r.getLoggerName();
            String shortName = logger.substring(logger.lastIndexOf('.') + 1);
            StringBuilder line = new StringBuilder()
                    .append(TIME.format(LocalDateTime.ofInstant(r.getInstant(), ZoneId.systemDefault())))
                    .append(' ').append(String.format("%-5s", r.getLevel().getName()))
                    .append(' ').append(shortName).append(": ").append(formatMessage(r)).append('\n');
            if (r.getThrown() != null) {
                line.append("    ").append(r.getThrown()).append('\n');
                for (StackTraceElement e : r.getThrown().getStackTrace()) {
                    line.append("        at ").append(e).append('\n');
                }
            }
            return line.toString();
        }
    }
}
