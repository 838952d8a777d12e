/**
 * The live Q&amp;A board (seed A, Fastly's live Q&amp;A demo), rebuilt from its described behaviour: people join a room
 * named by its id, post questions, upvote them, and hosts answer, delete and restyle the room. Browsers hold a
 * WebSocket at the proxy; the proxy turns it into WebSocket-over-HTTP requests to {@code POST /api/websocket}
 * ({@link dev.tack.demo.qa.QaSocket}), which subscribes the connection to {@code room-<roomId>}. Every change
 * ({@link dev.tack.demo.qa.QaBoard}) is published as a {@code ws-message} on that channel, so everyone in the
 * room (the sender too) sees it through the proxy:
 * <pre>
 * browser  --{"type":"QUESTION_UPVOTE",...}--&gt;  proxy  --POST /api/websocket (TEXT event)--&gt;  QaSocket
 * QaSocket --POST /publish/ {"items":[{"channel":"room-demo","formats":{"ws-message":...}}]}--&gt;  proxy
 * proxy    --{"type":"QUESTION_UPVOTE_PASSIVE",...}--&gt;  every browser in room demo
 * </pre>
 * State lives behind {@link dev.tack.demo.qa.QaStore} (in memory here); {@link dev.tack.demo.qa.QaRoutes} is
 * the REST API the page reads the room from. The page itself is plain HTML/CSS/JS in the jar's resources.
 */
package dev.tack.demo.qa;
