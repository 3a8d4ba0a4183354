/*
 * http_server — an HTTP/1.1 server (libmicrohttpd) driven by a libuv loop in the
 * loop's own thread, with JSON helpers and asynchronous handlers.
 *
 * MHD runs without threads of its own: its epoll fd is watched with a uv_poll and
 * its timeouts with a uv_timer. A handler may answer at once or later (a long-poll
 * that answers when data changes, a request forwarded to another node): when it
 * returns without answering, the connection is suspended until it calls one of the
 * http_respond*() functions. While a request waits, the server watches its socket:
 * if the client goes away, or the server closes, the request's cancel callback
 * (http_request_on_cancel) runs and the request is gone. A handler therefore owns
 * the request pointer until it responds or its cancel callback runs, whichever
 * comes first, and must not touch it afterwards.
 *
 * Errors are JSON: {"error":{"code":"not_found","message":"..."}}. Unknown paths
 * get 404, known paths with another method 405 (with Allow), bodies over the limit
 * 413. GET /metrics renders a metrics registry and GET /healthz asks a callback.
 * Not thread-safe: everything runs on the loop's thread.
 */
#ifndef PLATFORM_HTTP_SERVER_H
#define PLATFORM_HTTP_SERVER_H

#include "platform/http_route.h"
#include "platform/metrics.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uv.h>

#define HTTP_DEFAULT_MAX_BODY        (1024 * 1024)
#define HTTP_DEFAULT_IDLE_TIMEOUT_S  60
#define HTTP_DEFAULT_MAX_CONNECTIONS 1024
#define HTTP_MAX_HEADER_BYTES        (32 * 1024) /* request line and headers */

struct http_server;
struct http_request;

/* The request is gone (client disconnected, server closing): forget it. */
typedef void (*http_cancel_cb)(struct http_request *req, void *arg);

/* Decide the health answer: return the HTTP status (200 healthy, 503 not) and set
 * *body to a new JSON reference (or leave it NULL for {"status":"ok"} /
 * {"status":"unavailable"}). */
typedef int (*http_health_cb)(void *arg, json_t **body);

struct http_server_config {
    const char *listen;               /* numeric "host:port"; "" or "*" host: all; port 0: any */
    size_t max_body;                  /* request body limit (0: HTTP_DEFAULT_MAX_BODY) */
    unsigned idle_timeout_s;          /* idle connection timeout (0: default) */
    unsigned max_connections;         /* (0: default) */
    bool no_builtins;                 /* no /metrics and /healthz (a public gateway) */
    struct metrics_registry *metrics; /* for /metrics; NULL: metrics_default() */
    http_health_cb health;            /* for /healthz; NULL: always 200 */
    void *health_arg;
};

/*
 * Bind cfg->listen and start serving on loop. 0 with *out set, or a negative
 * errno: -EINVAL (bad address), -EADDRINUSE and other bind errors, -ENOMEM, -EIO
 * (MHD refused to start). The server is released by http_server_close(). When
 * the loop refuses its handles (rare), the error is returned and what was built is
 * released by the loop's close callbacks: run the loop before closing it.
 */
int http_server_start(uv_loop_t *loop, const struct http_server_config *cfg,
                      struct http_server **out);

/* The bound port (useful with port 0). */
uint16_t http_server_port(const struct http_server *srv);

/* Route method + pattern (see http_route.h) to cb(req, arg). 0 or -EINVAL,
 * -EEXIST, -ENOMEM. May be called at any time on the loop's thread. */
int http_server_route(struct http_server *srv, const char *method, const char *pattern,
                      http_handler_cb cb, void *arg);

/*
 * Stop listening, cancel every waiting request (their cancel callbacks run now),
 * close every connection and handle. The memory is released by the loop's close
 * callbacks: run the loop until it has no more work. May be called from a handler
 * (the close then happens when MHD returns to the loop).
 */
void http_server_close(struct http_server *srv);

/* Request accessors. Strings are NUL-terminated and live as long as the request. */
const char *http_request_method(const struct http_request *req);
const char *http_request_path(const struct http_request *req);
/* The value of the route parameter {name}, or NULL. */
const char *http_request_param(const struct http_request *req, const char *name);
/* The (decoded) value of query argument name, or NULL; "" for `?name`. */
const char *http_request_query(const struct http_request *req, const char *name);
/* The value of header name (case-insensitive), or NULL. */
const char *http_request_header(const struct http_request *req, const char *name);
/* The body bytes (NUL-terminated for convenience; *len excludes the NUL). */
const uint8_t *http_request_body(const struct http_request *req, size_t *len);
/* The client's address as "ip:port" in out (size >= 64 is enough); returns out. */
const char *http_request_peer(const struct http_request *req, char *out, size_t size);

/* Run cb(req, arg) if the request goes away before it is answered. Replaces a
 * previous callback; cb NULL removes it. */
void http_request_on_cancel(struct http_request *req, http_cancel_cb cb, void *arg);

/* Add a response header (before responding). 0, -EINVAL (CR/LF in it), -ENOMEM. */
int http_response_header(struct http_request *req, const char *name, const char *value);

/*
 * Answer the request with status (100..599, anything else answers 500), content
 * type (NULL: none) and len bytes of body (copied). Afterwards req is no longer the caller's,
 * whatever the result. 0; -ENOMEM (the connection is closed instead); -EALREADY when the request
 * was already answered or cancelled (nothing done).
 */
int http_respond(struct http_request *req, int status, const char *content_type, const void *body,
                 size_t len);

/* Answer with body serialised compactly as application/json. Takes the reference
 * to body; a NULL body (a failed json_pack) answers 500. */
int http_respond_json(struct http_request *req, int status, json_t *body);

/* Answer {"error":{"code":code,"message":message}} with status. */
int http_respond_error(struct http_request *req, int status, const char *code, const char *message);

#endif
