package dev.tack.proxy.route;

import java.util.Objects;

/**
 * How a route with {@code aco} (or every route, with {@code [proxy] auto_cross_origin}) turns a {@code GET} into
 * JSON-P (docs/compatibility.md "Cross-origin and JSON-P", Pushpin's {@code requestsession.cpp tryApplyJsonp}),
 * from the route props {@code jsonp_mode}, {@code jsonp_cb}, {@code jsonp_body}, {@code jsonp_defcb} and
 * {@code jsonp_defmethod}. With the defaults, {@code GET /items?callback=show} is answered
 * {@code /**}{@code /show({"code": 200, "reason": "OK", "headers": {...}, "body": "..."});}.
 *
 * @param extended        {@code jsonp_mode=extended} (the default): the callback gets the status, headers and
 *                        body as one object; {@code basic}: the body itself
 * @param callbackParam   {@code jsonp_cb}: the query parameter naming the callback ({@code callback})
 * @param bodyParam       {@code jsonp_body}: a query parameter whose value becomes a JSON request body, or
 *                        {@code ""} for Pushpin's {@code _body}
 * @param defaultCallback {@code jsonp_defcb}: the callback used when the request names none but carries
 *                        {@code bodyParam}, or {@code ""}
 * @param defaultMethod   {@code jsonp_defmethod}: the method sent to the origin when {@code _method} is absent
 *                        ({@code GET} in extended mode, {@code POST} in basic mode)
 */
public record JsonpOptions(boolean extended, String callbackParam, String bodyParam, String defaultCallback,
        String defaultMethod) {

    public JsonpOptions {
        Objects.requireNonNull(callbackParam, "callbackParam");
        Objects.requireNonNull(bodyParam, "bodyParam");
        Objects.requireNonNull(defaultCallback, "defaultCallback");
        Objects.requireNonNull(defaultMethod, "defaultMethod");
    }

    /** Pushpin's defaults: extended mode, {@code callback}, {@code _body}, no default callback, {@code GET}. */
    public static JsonpOptions defaults() {
        return new JsonpOptions(true, "callback", "", "", "GET");
    }
}
