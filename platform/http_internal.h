/*
 * http_internal — the server and request structures shared by http_server.c (MHD
 * and libuv glue) and http_request.c (accessors, responses, disconnect watch).
 * Not for other modules.
 */
#ifndef PLATFORM_HTTP_INTERNAL_H
#define PLATFORM_HTTP_INTERNAL_H

#include "platform/buf.h"
#include "platform/http_server.h"

#include <microhttpd.h>

struct http_server {
    uv_loop_t *loop;
    struct MHD_Daemon *mhd;
    uv_poll_t poll;   /* MHD's epoll fd */
    uv_timer_t timer; /* MHD's timeouts, and runs after a resume */
    struct http_router *router;
    struct http_request *reqs; /* requests MHD has not completed */
    size_t max_body;
    struct metrics_registry *metrics;
    http_health_cb health;
    void *health_arg;
    uint16_t port;
    int in_run;         /* inside MHD_run (handlers run there) */
    bool quiet_log;     /* MHD's next message is expected: log it at debug level */
    bool kicked;        /* a run is due now (a request was resumed) */
    bool poll_open;     /* poll is initialised and not yet closed */
    bool closing;       /* http_server_close() done */
    bool close_pending; /* http_server_close() called inside MHD_run */
    unsigned handles;   /* open uv handles: poll, timer, request watchers */
};

struct http_request {
    struct http_server *srv;
    struct MHD_Connection *conn;
    struct http_request *prev, *next;
    const char *method; /* MHD's, lives as long as the connection */
    char *path;
    char *param_buf; /* the parameter values, NUL-separated */
    size_t nparams;
    const char *param_names[HTTP_ROUTE_MAX_PARAMS];
    const char *param_values[HTTP_ROUTE_MAX_PARAMS];
    struct buf body;
    bool too_large;  /* the body went over the limit: 413 */
    bool dispatched; /* handed to a handler */
    bool suspended;  /* MHD connection suspended, waiting for an answer */
    bool answered;   /* http_respond*() called */
    bool queued;     /* the answer is handed to MHD */
    bool failed;     /* the answer could not be built: close the connection */
    bool cancelled;  /* the client or the server went away first */
    bool completed;  /* MHD is done with it */
    bool watching;   /* watch is initialised and not yet closed */
    http_cancel_cb cancel_cb;
    void *cancel_arg;
    int status;
    char *content_type;
    uint8_t *resp_body;
    size_t resp_len;
    struct buf resp_headers; /* "name\0value\0" pairs */
    uv_poll_t watch;         /* the client socket while suspended */
    int watch_fd;
};

/* A new request for conn (path copied); linked into srv->reqs. NULL on -ENOMEM. */
struct http_request *http_request_new(struct http_server *srv, struct MHD_Connection *conn,
                                      const char *url, const char *method);

/* MHD is done with req: unlink it; free it unless its watcher is still closing. */
void http_request_completed(struct http_request *req);

/* Copy the route parameters of m (a match on req->path). 0 or -ENOMEM. */
int http_request_set_params(struct http_request *req, const struct http_route_match *m);

/* Watch the client socket of a suspended request; a disconnect cancels it. */
void http_request_watch(struct http_request *req);

/* The client or the server went away: mark req cancelled, tell its owner, and let
 * MHD close the connection. */
void http_request_cancel(struct http_request *req);

/* Build the MHD response of an answered request and queue it. */
enum MHD_Result http_request_queue(struct http_request *req);

/* Stop watching the client socket (the watcher closes asynchronously). */
void http_request_unwatch(struct http_request *req);

/* Resume a suspended request (its answer or cancellation is ready). */
void http_request_resume(struct http_request *req);

/* Run MHD soon (from the loop, not from this call stack). */
void http_server_kick(struct http_server *srv);

/* One of the server's uv handles finished closing. */
void http_server_handle_closed(struct http_server *srv);

#endif
