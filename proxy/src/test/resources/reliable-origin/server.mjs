// A reliable SSE origin for Tack's tests, built on Fastly's GRIP library for Node (@fanoutio/grip). It follows the
// protocol of django-eventstream: every event has a sequential id; a stream is held with the channel's last id as
// prev-id and a next link; when the proxy sees a gap (a publish whose prev-id is not the last id it delivered) or the
// link's timeout passes, it fetches the next link with "Grip-Last: events-<channel>; last-id=<id>" and this origin
// answers with every event after that id.
//
// Environment: PORT (0 picks a free port), GRIP_URL (where to publish, with verify-key/verify-iss for Grip-Sig),
// PAGE_SIZE (most events per response, default 50), NEXT_LINK_TIMEOUT (seconds, default: none, so 120).
// Prints "reliable-origin listening on <port>" once it accepts connections.
//
// GET  /events/<channel>            a stream (Grip-Sig required); Last-Event-ID or ?lastEventId= resumes
// GET  /events/<channel>?link=next  what the proxy fetches: with recover=true Grip-Last says where to resume, else
//                                   ?lastEventId= (a page of a longer answer)
// POST /publish/<channel>[?skip=1]  appends the body as an event and publishes it (skip=1: appends only, as if
//                                   the publish had been lost)
// GET  /health                      200 ok
import http from 'node:http';
import { Channel, GripInstruct, HttpStreamFormat, Item, Publisher, parseGripUri, validateSig } from '@fanoutio/grip';

const gripConfig = parseGripUri(process.env.GRIP_URL ?? 'http://127.0.0.1:5561/');
const publisher = new Publisher(gripConfig);
const pageSize = Number(process.env.PAGE_SIZE ?? '50');
const nextLinkTimeout = Number(process.env.NEXT_LINK_TIMEOUT ?? '0');
const CHANNEL_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_EVENTS = 10000;
const MAX_BODY = 65536;

// channel -> events [{id, data}], ids 1, 2, 3, ...; the id before the first event is 0
const logs = new Map();

function log(channel) {
    if (!logs.has(channel)) {
        logs.set(channel, []);
    }
    return logs.get(channel);
}

function lastId(channel) {
    const events = log(channel);
    return events.length === 0 ? 0 : events[events.length - 1].id;
}

function sse(event) {
    const lines = event.data.split('\n').map((line) => 'data: ' + line).join('\n');
    return 'id: ' + event.id + '\nevent: message\n' + lines + '\n\n';
}

// Splits a header value on commas outside double quotes; reads "name; last-id=value" with a quoted value allowed.
function parseGripLast(value) {
    const out = new Map();
    if (!value) {
        return out;
    }
    const parts = [];
    let current = '';
    let quoted = false;
    for (let i = 0; i < value.length; i++) {
        const c = value[i];
        if (quoted && c === '\\' && i + 1 < value.length) {
            current += c + value[++i];
            continue;
        }
        if (c === '"') {
            quoted = !quoted;
        }
        if (c === ',' && !quoted) {
            parts.push(current);
            current = '';
        } else {
            current += c;
        }
    }
    parts.push(current);
    for (const part of parts) {
        const [name, ...params] = part.split(';');
        for (const param of params) {
            const at = param.indexOf('=');
            if (at > 0 && param.slice(0, at).trim().toLowerCase() === 'last-id') {
                let v = param.slice(at + 1).trim();
                if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) {
                    v = v.slice(1, -1).replace(/\\(.)/g, '$1');
                }
                out.set(name.trim(), v);
            }
        }
    }
    return out;
}

async function isSigned(req) {
    const sig = req.headers['grip-sig'];
    if (typeof sig !== 'string') {
        return false;
    }
    if (gripConfig.verify_key == null) {
        return true; // no key configured: any GRIP proxy counts
    }
    return validateSig(sig, gripConfig.verify_key, gripConfig.verify_iss ?? undefined);
}

function reply(res, status, text) {
    res.writeHead(status, { 'Content-Type': 'text/plain' });
    res.end(text + '\n');
}

async function events(req, res, url, channel) {
    if (!(await isSigned(req))) {
        reply(res, 501, 'Not Implemented: this endpoint needs a GRIP proxy (Grip-Sig)');
        return;
    }
    const gripChannel = 'events-' + channel;
    const isNext = url.searchParams.get('link') === 'next';
    let from = null;
    if (isNext) {
        // As django-eventstream reads a link: a recovering one (recover=true) resumes from Grip-Last, which the proxy
        // fills with the last id it delivered; a paging one resumes from its own lastEventId (the proxy's Grip-Last
        // is not moved on by pages that do not hold).
        from = url.searchParams.get('recover') === 'true'
            ? parseGripLast(req.headers['grip-last']).get(gripChannel) ?? null
            : url.searchParams.get('lastEventId');
    } else {
        from = req.headers['last-event-id'] ?? url.searchParams.get('lastEventId');
    }
    let start = lastId(channel);
    if (from != null && from !== '') {
        if (!/^[0-9]+$/.test(from)) {
            reply(res, 400, 'bad last event id: ' + from + ' (expected: an integer)');
            return;
        }
        start = Math.min(Number(from), lastId(channel));
    }
    const pending = log(channel).filter((e) => e.id > start);
    const page = pending.slice(0, pageSize);
    const more = pending.length > page.length;
    const position = page.length > 0 ? page[page.length - 1].id : start;

    let body = isNext ? '' : 'event: stream-open\ndata:\n\n';
    for (const e of page) {
        body += sse(e);
    }

    const instruct = new GripInstruct();
    instruct.addChannel(new Channel(gripChannel, String(position)));
    const next = new URLSearchParams({ link: 'next' });
    if (more) {
        next.set('lastEventId', String(position));
    } else {
        next.set('recover', 'true');
        instruct.setHoldStream();
        instruct.setKeepAlive('event: keep-alive\ndata:\n\n', 20);
        instruct.meta = { user: url.searchParams.get('user') ?? 'anonymous' };
    }
    instruct.setNextLink('/events/' + channel + '?' + next.toString(), nextLinkTimeout);
    res.writeHead(200, { 'Content-Type': 'text/event-stream', ...instruct.toHeaders() });
    res.end(body);
}

async function publish(req, res, url, channel) {
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
        size += chunk.length;
        if (size > MAX_BODY) {
            reply(res, 413, 'event too large (expected: at most ' + MAX_BODY + ' bytes)');
            return;
        }
        chunks.push(chunk);
    }
    const events = log(channel);
    if (events.length >= MAX_EVENTS) {
        events.shift();
    }
    const event = { id: lastId(channel) + 1, data: Buffer.concat(chunks).toString('utf8') };
    events.push(event);
    if (url.searchParams.get('skip') !== '1') {
        const item = new Item(new HttpStreamFormat(sse(event)), String(event.id), String(event.id - 1));
        try {
            await publisher.publish('events-' + channel, item);
        } catch (e) {
            reply(res, 502, 'publish failed: ' + e.message);
            return;
        }
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ id: event.id, published: url.searchParams.get('skip') !== '1' }) + '\n');
}

const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://origin');
    const parts = url.pathname.split('/').filter((p) => p !== '');
    const handle = async () => {
        if (url.pathname === '/health') {
            reply(res, 200, 'ok');
        } else if (parts.length === 2 && CHANNEL_NAME.test(parts[1]) && parts[0] === 'events' && req.method === 'GET') {
            await events(req, res, url, parts[1]);
        } else if (parts.length === 2 && CHANNEL_NAME.test(parts[1]) && parts[0] === 'publish'
                && req.method === 'POST') {
            await publish(req, res, url, parts[1]);
        } else {
            reply(res, 404, 'no such endpoint: ' + req.method + ' ' + url.pathname);
        }
    };
    handle().catch((e) => {
        if (!res.headersSent) {
            reply(res, 500, 'error: ' + e.message);
        } else {
            res.destroy(e);
        }
    });
});

server.listen(Number(process.env.PORT ?? '0'), '127.0.0.1', () => {
    console.log('reliable-origin listening on ' + server.address().port);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => server.close(() => process.exit(0)));
}
