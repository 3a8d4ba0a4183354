/*
 * http_route — the route table of the HTTP server: method + path pattern -> handler.
 *
 * A pattern is an absolute path whose segments are literals or `{name}`
 * parameters (`/v1/tenants/{id}/keys/{keyId}`); a parameter matches one non-empty
 * segment. When several patterns match a path, the one whose first differing
 * segment is a literal wins (`/v1/tenants/count` before `/v1/tenants/{id}`). A
 * HEAD request uses the GET route when there is no HEAD route. Pure: no I/O.
 */
#ifndef PLATFORM_HTTP_ROUTE_H
#define PLATFORM_HTTP_ROUTE_H

#include <stddef.h>

#define HTTP_ROUTE_MAX_PARAMS   8
#define HTTP_ROUTE_MAX_SEGMENTS 32
#define HTTP_ROUTE_MAX_METHOD   16 /* bytes of a method name */
#define HTTP_ROUTE_ALLOW_MAX    128

struct http_request;
typedef void (*http_handler_cb)(struct http_request *req, void *arg);

struct http_router;

/* What a successful match yields: the handler, and each parameter's name
 * (NUL-terminated, owned by the router) and its value as a span of the matched
 * path (not NUL-terminated). */
struct http_route_match {
    http_handler_cb cb;
    void *arg;
    size_t nparams;
    const char *names[HTTP_ROUTE_MAX_PARAMS];
    const char *values[HTTP_ROUTE_MAX_PARAMS];
    size_t lens[HTTP_ROUTE_MAX_PARAMS];
    char allow[HTTP_ROUTE_ALLOW_MAX]; /* on -EPERM: "GET, POST" */
};

/* A new empty table, NULL on -ENOMEM. */
struct http_router *http_router_new(void);

/* Free the table. NULL is fine. */
void http_router_free(struct http_router *r);

/* Add a route (method in upper case letters, e.g. "GET"; pattern copied).
 * 0, -EINVAL (bad method or pattern: not absolute, bad or repeated `{name}`, too
 * many segments or parameters), -EEXIST (same method and same pattern shape),
 * -ENOMEM. */
int http_router_add(struct http_router *r, const char *method, const char *pattern,
                    http_handler_cb cb, void *arg);

/* Match a request. 0 with m filled; -ENOENT when no pattern matches the path
 * (404); -EPERM when some do but not for this method (405, m->allow set). */
int http_router_match(const struct http_router *r, const char *method, const char *path,
                      struct http_route_match *m);

#endif
