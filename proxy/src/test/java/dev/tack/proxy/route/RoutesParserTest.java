package dev.tack.proxy.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tack.api.Header;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per routes-file prop and per skip or error rule. */
class RoutesParserTest {
    private final List<String> warnings = new ArrayList<>();

    private List<Route> parse(String... lines) throws RoutesException {
        return RoutesParser.parse(List.of(lines), warnings::add);
    }

    private Route one(String line) throws RoutesException {
        final List<Route> routes = parse(line);
        assertEquals(1, routes.size(), warnings.toString());
        return routes.get(0);
    }

    private String error(String line) {
        return assertThrows(RoutesException.class, () -> parse("# first", line)).getMessage();
    }

    @Test
    void wildcardConditionServesAnyHost() throws RoutesException {
        final Route r = one("* localhost:8080");
        assertEquals("*", r.domain());
        assertEquals(List.of(new Target("localhost", 8080, false, false, false, null, List.of(), false, false)),
                r.targets());
        assertEquals(List.of(), warnings);
    }

    @Test
    void hostConditionIsLowerCased() throws RoutesException {
        assertEquals("example.com", one("Example.COM localhost:80").domain());
    }

    @Test
    void conditionWithOnlyAnIdIsReachableOnlyById() throws RoutesException {
        final Route r = one("id=origin_0 localhost:80");
        assertNull(r.domain());
        assertEquals("origin_0", r.id());
    }

    @Test
    void autoIdIsPushpinsWithItsInvertedSslToken() throws RoutesException {
        assertEquals("*,*,*,*", one("* test").id());
        assertEquals("example.com,ws,ssl,/a", one("example.com,proto=ws,ssl=no,path_beg=/a test").id());
        assertEquals("*,http,no-ssl,*", one("*,proto=http,ssl=yes test").id());
    }

    @Test
    void protoSslAndPathBegAreRead() throws RoutesException {
        final Route r = one("*,proto=ws,ssl=yes,path_beg=/chat/ test");
        assertEquals("ws", r.proto());
        assertEquals(Boolean.TRUE, r.ssl());
        assertEquals("/chat/", r.pathBeg());
        assertEquals(Boolean.FALSE, one("*,ssl=no test").ssl());
    }

    @Test
    void protoMustBeHttpOrWs() {
        assertEquals("routes:2: proto=tcp (expected: http or ws)", error("*,proto=tcp test"));
    }

    @Test
    void sslMustBeYesOrNo() {
        assertEquals("routes:2: ssl=true (expected: yes or no)", error("*,ssl=true test"));
    }

    @Test
    void pathBegMustNotBeEmpty() {
        assertEquals("routes:2: path_beg= (expected: a non-empty path prefix)", error("*,path_beg= test"));
    }

    @Test
    void idMustNotBeEmpty() {
        assertEquals("routes:2: id= (expected: a non-empty route id)", error("*,id= test"));
    }

    @Test
    void sigIssAndSigKeyOverrideTheGlobalOnes() throws RoutesException {
        final Route r = one("*,sig_iss=fastly:abc,sig_key=base64:c2VjcmV0 test");
        assertEquals("fastly:abc", r.sigIss());
        assertEquals("base64:c2VjcmV0", r.sigKey());
        assertNull(one("* test").sigIss());
        assertNull(one("* test").sigKey());
    }

    @Test
    void prefixIsTheChannelPrefix() throws RoutesException {
        assertEquals("app1-", one("*,prefix=app1- test").channelPrefix());
        assertEquals("", one("* test").channelPrefix());
    }

    @Test
    void asHostIsKept() throws RoutesException {
        assertEquals("internal.example:8080", one("*,as_host=internal.example:8080 test").asHost());
    }

    @Test
    void pathRemIsACount() throws RoutesException {
        assertEquals(4, one("*,path_rem=4 test").pathRem());
        assertEquals("routes:2: path_rem=four (expected: a number of characters >= 0)", error("*,path_rem=four test"));
    }

    @Test
    void replaceBegIsKept() throws RoutesException {
        assertEquals("/v2/", one("*,path_beg=/api/,replace_beg=/v2/ test").replaceBeg());
    }

    @Test
    void headersAreSetOrRemovedInOrder() throws RoutesException {
        assertEquals(List.of(new Header("X-App", "demo app"), new Header("Cookie", "")),
                one("*,header=\"X-App:  demo app\",header=Cookie: test").headers());
    }

    @Test
    void headerNeedsANameAndAColon() {
        assertEquals("routes:2: header=X-App (expected: header=Name:Value)", error("*,header=X-App test"));
        assertEquals("routes:2: header=:v (expected: header=Name:Value)", error("*,header=:v test"));
    }

    @Test
    void flagsDebugAcoAndNoGrip() throws RoutesException {
        final Route r = one("*,debug,aco,no_grip test");
        assertTrue(r.debug() && r.autoCrossOrigin() && r.noGrip());
        final Route plain = one("* test");
        assertFalse(plain.debug() || plain.autoCrossOrigin() || plain.noGrip());
    }

    @Test
    void severalTargetsKeepTheirOrder() throws RoutesException {
        assertEquals(List.of("a:1", "b:2", "test"),
                one("* a:1 b:2 test").targets().stream().map(Target::toString).toList());
    }

    @Test
    void testTargetHasNoHost() throws RoutesException {
        final Target t = one("* test").targets().get(0);
        assertTrue(t.test());
        assertNull(t.host());
        assertEquals(0, t.port());
    }

    @Test
    void ipv6TargetIsBracketed() throws RoutesException {
        final Target t = one("* [::1]:8080").targets().get(0);
        assertEquals("::1", t.host());
        assertEquals(8080, t.port());
        assertEquals("[::1]:8080", t.toString());
    }

    @Test
    void targetPropsAreRead() throws RoutesException {
        assertEquals(new Target("o", 443, false, true, true, "api.example.com", List.of("news", "all"), true, true),
                one("* o:443,ssl,over_http,host=api.example.com,sub=news,sub=,sub=all,one_event,insecure")
                        .targets().get(0));
    }

    @Test
    void targetNeedsAHostAndAPort() {
        final String expected = " (expected: host:port, [ipv6]:port or test, with port 1-65535)";
        assertEquals("routes:2: target localhost" + expected, error("* localhost"));
        assertEquals("routes:2: target :80" + expected, error("* :80"));
        assertEquals("routes:2: target o:0" + expected, error("* o:0"));
        assertEquals("routes:2: target o:65536" + expected, error("* o:65536"));
        assertEquals("routes:2: target [::1]" + expected, error("* [::1]"));
    }

    @Test
    void zhttpTargetsAreRejected() {
        assertTrue(error("* zhttp/tcp://127.0.0.1:10000").startsWith("routes:2: target zhttp/tcp://127.0.0.1:10000"));
    }

    @Test
    void tokenizerErrorsNameSourceAndLine() {
        final RoutesException e = assertThrows(RoutesException.class,
                () -> RoutesParser.parse("my-routes", List.of("", "* \"x"), warnings::add));
        assertEquals("my-routes:2: unterminated quoted section starting at column 3", e.getMessage());
    }

    @Test
    void lineWithoutATargetIsWarnedAndSkipped() throws RoutesException {
        assertEquals(List.of(), parse("example.com"));
        assertEquals(List.of("routes:1: a route needs a condition and at least one target; line skipped"), warnings);
    }

    @Test
    void conditionWithNeitherHostNorIdIsWarnedAndSkipped() throws RoutesException {
        assertEquals(List.of(), parse(",debug localhost:80"));
        assertEquals(List.of("routes:1: condition has neither a host nor an id; line skipped"), warnings);
    }

    @Test
    void duplicateConditionForAHostIsWarnedAndSkipped() throws RoutesException {
        final List<Route> routes = parse("*,path_beg=/a a:1", "*,path_beg=/a b:2", "*,path_beg=/a,proto=ws c:3",
                "example.com,path_beg=/a d:4");
        assertEquals(List.of("a:1", "c:3", "d:4"), routes.stream().map(r -> r.targets().get(0).toString()).toList());
        assertEquals(List.of("routes:2: skipping duplicate condition for host *"), warnings);
    }

    @Test
    void duplicateIdIsWarned() throws RoutesException {
        assertEquals(2, parse("id=x a:1", "id=x b:2").size());
        assertEquals(List.of("routes:2: route id 'x' is also used on line 1; Pushpin-Route cannot select either"),
                warnings);
    }

    @Test
    void unknownPropsAreWarnedAndIgnored() throws RoutesException {
        one("*,path_begin=/x a:1,overhttp");
        assertEquals(List.of("routes:1: unknown condition prop 'path_begin'; ignored",
                "routes:1: unknown target prop 'overhttp'; ignored"), warnings);
    }

    @Test
    void pushpinFeaturesTackLacksStopTheStartSayingWhy() {
        assertEquals("routes:2: condition prop 'session' is not supported: Pushpin's stateful sessions "
                + "(Grip-Session-Id) are not part of Tack (remove it to start Tack)", error("*,session a:1"));
        assertTrue(error("*,sockjs=/s a:1").startsWith("routes:2: condition prop 'sockjs' is not supported: Tack has "
                + "no SockJS emulation"));
        assertTrue(error("*,sockjs_as_path=/x a:1").contains("'sockjs_as_path' is not supported"));
        assertTrue(error("*,orig_headers a:1").contains("'orig_headers' is not supported"));
        assertEquals("routes:2: target prop 'ipc_file_mode' is not supported: it sets the mode of a zhttp/ ipc "
                + "socket, and Tack has no ZeroMQ targets (remove it to start Tack)", error("* a:1,ipc_file_mode=777"));
    }

    @Test
    void outboundPolicyPropsAreRead() throws RoutesException {
        Target t = one("* a:1,untrusted,trust_connect_host").targets().get(0);
        assertTrue(t.untrusted());
        assertTrue(t.trustConnectHost());
        assertEquals(List.of(), warnings);
    }

    @Test
    void logLevelCapsTheRoutesRequestLines() throws RoutesException {
        Route r = one("*,log_level=2 a:1");
        assertEquals(2, r.logLevel());
        assertTrue(r.logsAt(2));
        assertFalse(r.logsAt(3));
        assertTrue(one("* a:1").logsAt(3));
        assertEquals("routes:2: log_level=loud (expected: 0 error, 1 warning, 2 info, 3 debug or 4 trace)",
                error("*,log_level=loud a:1"));
    }

    @Test
    void jsonpPropsDefaultAsPushpins() throws RoutesException {
        assertEquals(new JsonpOptions(true, "callback", "", "", "GET"), one("*,aco a:1").jsonp());
        assertEquals(new JsonpOptions(false, "cb", "data", "fallback", "POST"),
                one("*,aco,jsonp_mode=basic,jsonp_cb=cb,jsonp_body=data,jsonp_defcb=fallback a:1").jsonp());
        assertEquals("PUT", one("*,jsonp_defmethod=PUT a:1").jsonp().defaultMethod());
        assertEquals("routes:2: jsonp_mode=fancy (expected: basic or extended)", error("*,jsonp_mode=fancy a:1"));
    }

    @Test
    void clientCertificateFilesMustBeReadableAndComeInPairs(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("c.pem"), "cert");
        Files.writeString(dir.resolve("k.pem"), "key");
        Target t = RoutesParser.parse("routes", dir, List.of("* a:1,ssl,client_cert=c.pem,client_key=k.pem"),
                warnings::add).get(0).targets().get(0);
        assertEquals(dir.resolve("c.pem"), t.clientCert());
        assertEquals(dir.resolve("k.pem"), t.clientKey());
        RoutesException missing = assertThrows(RoutesException.class, () -> RoutesParser.parse("routes", dir,
                List.of("* a:1,ssl,client_cert=none.pem,client_key=k.pem"), warnings::add));
        assertTrue(missing.getMessage().startsWith("routes:1: client_cert=none.pem (expected: a readable PEM file"),
                missing.getMessage());
        RoutesException alone = assertThrows(RoutesException.class, () -> RoutesParser.parse("routes", dir,
                List.of("* a:1,ssl,client_key=k.pem"), warnings::add));
        assertEquals("routes:1: target a:1 has client_key alone (expected: client_cert and client_key together)",
                alone.getMessage());
        RoutesException plain = assertThrows(RoutesException.class, () -> RoutesParser.parse("routes", dir,
                List.of("* a:1,client_cert=c.pem,client_key=k.pem"), warnings::add));
        assertTrue(plain.getMessage().contains("client_cert without ssl"), plain.getMessage());
    }

    @Test
    void blankAndCommentLinesAreSkippedQuietly() throws RoutesException {
        assertEquals(1, parse("", "# comment", "   ", "* test").size());
        assertEquals(List.of(), warnings);
    }
}
