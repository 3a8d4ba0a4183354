/*
 * http_client_internal — shared by http_client.c (curl multi on libuv, lifecycle)
 * and http_client_request.c (one transfer: setup, data, result). Not for other
 * modules.
 */
#ifndef PLATFORM_HTTP_CLIENT_INTERNAL_H
#define PLATFORM_HTTP_CLIENT_INTERNAL_H

#include "platform/http_client.h"

#include <curl/curl.h>

struct http_client_sock;

struct http_client {
    uv_loop_t *loop;
    CURLM *multi;
    uv_timer_t timer;
    struct http_client_request *reqs; /* pending */
    struct http_client_sock *socks;   /* watched sockets */
    char *ca_file;
    char *user_agent;
    bool insecure;
    size_t max_response;
    unsigned handles;   /* open uv handles: the timer and the socket polls */
    int in_callback;    /* inside a completion pass (callbacks may run) */
    bool close_pending; /* http_client_close() called during one */
    bool closing;
};

/* A socket curl asked us to watch. */
struct http_client_sock {
    uv_poll_t poll;
    curl_socket_t fd;
    struct http_client *cli;
    struct http_client_sock *prev, *next;
};

struct http_client_request {
    struct http_client *cli;
    struct http_client_request *prev, *next;
    CURL *easy;
    struct curl_slist *headers;
    void *body; /* the request body copy */
    size_t max_response;
    struct buf resp_body;
    struct buf resp_headers; /* "name\0value\0" pairs */
    bool too_large;
    bool oom;
    bool finishing; /* its callback is running */
    http_client_done_cb cb;
    void *arg;
    char errbuf[CURL_ERROR_SIZE];
};

/* A new request with its easy handle set up; not yet added to the multi handle.
 * 0, -EINVAL or -ENOMEM. */
int http_client_request_build(struct http_client *cli, const struct http_client_options *o,
                              http_client_done_cb cb, void *arg, struct http_client_request **out);

/* Free a request that is not (or no longer) in the multi handle. */
void http_client_request_free(struct http_client_request *req);

/* The transfer ended with res: remove it, run its callback, free it. err overrides
 * the result when non-zero (-ECANCELED on close). */
void http_client_request_finish(struct http_client_request *req, CURLcode res, int err);

#endif
