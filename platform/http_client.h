/*
 * http_client — outgoing HTTP(S) requests with libcurl's multi interface driven by
 * a libuv loop (a uv_poll per socket, a uv_timer for curl's timeouts), in the
 * loop's thread.
 *
 * For health probes, writes forwarded to a Raft leader, long-poll watches of the
 * routing table and webhooks. A request is started with http_client_request();
 * its callback runs exactly once, from the loop (never from inside
 * http_client_request()), unless the request is cancelled first with
 * http_client_cancel(). Redirects are not followed. Not thread-safe.
 */
#ifndef PLATFORM_HTTP_CLIENT_H
#define PLATFORM_HTTP_CLIENT_H

#include "platform/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uv.h>

#define HTTP_CLIENT_DEFAULT_TIMEOUT_MS   30000
#define HTTP_CLIENT_DEFAULT_CONNECT_MS   10000
#define HTTP_CLIENT_DEFAULT_MAX_RESPONSE (8 * 1024 * 1024)
#define HTTP_CLIENT_MAX_RESPONSE_HEADERS (64 * 1024)
#define HTTP_CLIENT_MAX_URL              8192

struct http_client;
struct http_client_request;

struct http_client_config {
    const char *ca_file;    /* CA bundle for https (NULL: the system's) */
    bool insecure;          /* do not verify TLS peers (tests only) */
    size_t max_response;    /* default body limit (0: HTTP_CLIENT_DEFAULT_MAX_RESPONSE) */
    const char *user_agent; /* NULL: "iot-platform" */
};

struct http_client_options {
    const char *method;         /* upper-case letters; NULL: GET */
    const char *url;            /* http:// or https:// */
    const char *const *headers; /* NULL-terminated "Name: value" lines, or NULL */
    const void *body;           /* copied */
    size_t body_len;
    uint64_t timeout_ms;         /* whole request (0: HTTP_CLIENT_DEFAULT_TIMEOUT_MS) */
    uint64_t connect_timeout_ms; /* (0: the smaller of timeout and the default) */
    size_t max_response;         /* body limit (0: the client's) */
};

struct http_client_response {
    /* 0 when a response came (whatever its status), else -ETIMEDOUT,
     * -ECONNREFUSED, -EHOSTUNREACH (name not resolved), -ECONNRESET, -E2BIG (body
     * or headers over the limit), -EPROTO (TLS), -ECANCELED (client closed),
     * -ENOMEM or -EIO. */
    int err;
    const char *error;  /* what went wrong ("" when err is 0) */
    long status;        /* HTTP status, 0 without a response */
    struct buf body;    /* the callback may take it (copy it, then buf_init it) */
    struct buf headers; /* "name\0value\0" pairs, see http_client_response_header() */
};

/* The request is done; resp and everything it points to lives until return. */
typedef void (*http_client_done_cb)(struct http_client_response *resp, void *arg);

/* A client on loop. 0 or -ENOMEM / -EIO (curl could not start). Released by
 * http_client_close(). */
int http_client_new(uv_loop_t *loop, const struct http_client_config *cfg,
                    struct http_client **out);

/*
 * Start a request. 0 with *out (if out is not NULL) a handle valid until the
 * callback runs or the request is cancelled. -EINVAL for a bad method, URL or
 * header line, -ESHUTDOWN once the client is closing, -ENOMEM. On error the
 * callback is never called.
 */
int http_client_request(struct http_client *cli, const struct http_client_options *o,
                        http_client_done_cb cb, void *arg, struct http_client_request **out);

/* Abandon a request: its callback will not run. Not from its own callback. */
void http_client_cancel(struct http_client_request *req);

/* The value of response header name (case-insensitive; the last one if repeated),
 * or NULL. */
const char *http_client_response_header(const struct http_client_response *resp, const char *name);

/*
 * Close: every pending request's callback runs now with -ECANCELED, then the
 * sockets and timer are closed; the memory is released by the loop's close
 * callbacks. May be called from a request callback (the close then happens after
 * it returns).
 */
void http_client_close(struct http_client *cli);

#endif
