package dev.tack.api.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 6902 operations (examples from RFC 6902 appendix A) and Pushpin's body-patch rules. */
class JsonPatchTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode json(String s) throws Exception {
        return MAPPER.readTree(s.replace('\'', '"'));
    }

    static JsonNode apply(String doc, String patch) throws Exception {
        return JsonPatch.apply(json(doc), json(patch));
    }

    static String error(String doc, String patch) {
        return assertThrows(JsonPatchException.class, () -> apply(doc, patch)).getMessage();
    }

    @Test
    void addsObjectMembersAndArrayElements() throws Exception {
        assertEquals(json("{'foo':'bar','baz':'qux'}"), apply("{'foo':'bar'}", "[{'op':'add','path':'/baz','value':'qux'}]"));
        assertEquals(json("{'foo':['bar','qux','baz']}"),
                apply("{'foo':['bar','baz']}", "[{'op':'add','path':'/foo/1','value':'qux'}]"));
        assertEquals(json("{'foo':['bar','x']}"), apply("{'foo':['bar']}", "[{'op':'add','path':'/foo/-','value':'x'}]"));
    }

    @Test
    void removes() throws Exception {
        assertEquals(json("{'foo':'bar'}"), apply("{'baz':'qux','foo':'bar'}", "[{'op':'remove','path':'/baz'}]"));
        assertEquals(json("{'foo':['bar','baz']}"),
                apply("{'foo':['bar','qux','baz']}", "[{'op':'remove','path':'/foo/1'}]"));
    }

    @Test
    void replaces() throws Exception {
        assertEquals(json("{'baz':'boo','foo':'bar'}"),
                apply("{'baz':'qux','foo':'bar'}", "[{'op':'replace','path':'/baz','value':'boo'}]"));
        assertEquals(json("[1]"), apply("{'a':1}", "[{'op':'replace','path':'','value':[1]}]"));
    }

    @Test
    void movesAndCopies() throws Exception {
        assertEquals(json("{'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}"),
                apply("{'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}}",
                        "[{'op':'move','from':'/foo/waldo','path':'/qux/thud'}]"));
        assertEquals(json("{'foo':['all','cows','eat','grass']}"),
                apply("{'foo':['all','grass','cows','eat']}", "[{'op':'move','from':'/foo/1','path':'/foo/3'}]"));
        assertEquals(json("{'a':[1],'b':[1]}"), apply("{'a':[1]}", "[{'op':'copy','from':'/a','path':'/b'}]"));
    }

    @Test
    void testComparesValuesWithNumbersByValue() throws Exception {
        assertEquals(json("{'n':1,'s':['a']}"),
                apply("{'n':1,'s':['a']}", "[{'op':'test','path':'/n','value':1.0},{'op':'test','path':'/s','value':['a']}]"));
        assertEquals("op 0: test failed at /n", error("{'n':1}", "[{'op':'test','path':'/n','value':2}]"));
    }

    @Test
    void pointerEscapes() throws Exception {
        assertEquals(json("{'a/b':1,'m~n':2}"),
                apply("{'a/b':0,'m~n':2}", "[{'op':'replace','path':'/a~1b','value':1},{'op':'test','path':'/m~0n','value':2}]"));
    }

    @Test
    void failuresNameTheOperation() {
        assertEquals("op 1: location [missing] does not exist",
                error("{'a':1}", "[{'op':'remove','path':'/a'},{'op':'remove','path':'/missing'}]"));
        assertEquals("op 0: array index '5' (expected: 0-1)", error("[1]", "[{'op':'add','path':'/5','value':1}]"));
        assertEquals("op 0: op 'frobnicate' (expected: add, remove, replace, move, copy, test)",
                error("{}", "[{'op':'frobnicate','path':''}]"));
        assertEquals("op 0: 'value' missing (expected: any JSON value)", error("{}", "[{'op':'add','path':'/a'}]"));
        assertEquals("op 0: cannot move [a] into itself",
                error("{'a':{}}", "[{'op':'move','from':'/a','path':'/a/b'}]"));
    }

    @Test
    void targetIsNotModified() throws Exception {
        JsonNode target = json("{'a':1}");
        JsonPatch.apply(target, json("[{'op':'remove','path':'/a'}]"));
        assertEquals(json("{'a':1}"), target);
    }

    @Test
    void patchBodyKeepsTheTrailingNewline() throws Exception {
        byte[] out = JsonPatch.patchBody("{\"count\":1}\r\n".getBytes(StandardCharsets.UTF_8),
                json("[{'op':'replace','path':'/count','value':2}]"));
        assertEquals("{\"count\":2}\r\n", new String(out, StandardCharsets.UTF_8));
        byte[] lf = JsonPatch.patchBody("[1]\n".getBytes(StandardCharsets.UTF_8), json("[]"));
        assertEquals("[1]\n", new String(lf, StandardCharsets.UTF_8));
    }

    @Test
    void patchBodyIsEmptyWhenTheBodyIsNotJsonOrThePatchFails() throws Exception {
        assertArrayEquals(new byte[0], JsonPatch.patchBody("hello".getBytes(StandardCharsets.UTF_8), json("[]")));
        assertArrayEquals(new byte[0], JsonPatch.patchBody("{}".getBytes(StandardCharsets.UTF_8),
                json("[{'op':'remove','path':'/x'}]")));
        assertArrayEquals(new byte[0], JsonPatch.patchBody("{}".getBytes(StandardCharsets.UTF_8),
                json("[{'op':'replace','path':'','value':5}]")));
    }
}
