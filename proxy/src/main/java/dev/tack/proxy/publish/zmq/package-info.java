/**
 * Publishing over ZeroMQ, as Pushpin's handler accepts it (docs/compatibility.md "ZeroMQ inputs"): the PULL socket
 * ({@code push_in_spec}) and SUB sockets ({@code push_in_sub_specs}) that carry single items, and the REP
 * command socket ({@code command_spec}) that answers zrpc requests such as {@code publish}. Messages are
 * tnetstrings ({@link dev.tack.proxy.publish.zmq.Tnetstring}) or JSON; items are checked by the same decoder
 * as the HTTP publish API ({@code dev.tack.api.publish.PublishJson}) and handed to
 * {@link dev.tack.proxy.publish.PublishService}. {@link dev.tack.proxy.publish.zmq.ZmqInputs} runs every socket
 * on one thread of its own, never on a Netty event loop.
 */
package dev.tack.proxy.publish.zmq;
