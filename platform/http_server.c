/* http_server — libmicrohttpd on a libuv loop: MHD's epoll fd under a uv_poll, its
 * timeouts on a uv_timer, suspended connections for asynchronous handlers (see
 * http_server.h). Requests themselves are in http_request.c. */
#include "platform/http_server.h"

#include "platform/addr.h"
#include "platform/http_internal.h"
#include "platform/log.h"
#include "platform/mem.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void timer_cb(uv_timer_t *t);

static void schedule(struct http_server *srv)
{
    MHD_UNSIGNED_LONG_LONG ms;
    if (srv->closing)
        return;
    if (srv->kicked)
        uv_timer_start(&srv->timer, timer_cb, 0, 0);
    else if (MHD_get_timeout(srv->mhd, &ms) == MHD_YES)
        uv_timer_start(&srv->timer, timer_cb, ms, 0);
    else
        uv_timer_stop(&srv->timer);
}

static void run(struct http_server *srv)
{
    srv->in_run++;
    MHD_run(srv->mhd);
    srv->in_run--;
    if (srv->in_run == 0 && srv->close_pending) {
        srv->close_pending = false;
        http_server_close(srv);
        return;
    }
    schedule(srv);
}

static void timer_cb(uv_timer_t *t)
{
    struct http_server *srv = t->data;
    srv->kicked = false;
    run(srv);
}

static void poll_cb(uv_poll_t *p, int status, int events)
{
    (void)events;
    if (status < 0)
        log_warn("http.poll_error", "err=%s", uv_strerror(status));
    run(p->data);
}

void http_server_kick(struct http_server *srv)
{
    if (srv->closing)
        return;
    srv->kicked = true;
    uv_timer_start(&srv->timer, timer_cb, 0, 0);
}

static enum MHD_Result queue(struct http_request *req)
{
    req->queued = true;
    return http_request_queue(req);
}

/* Handlers answer now, or later after the connection is suspended. */
static enum MHD_Result dispatch(struct http_request *req)
{
    struct http_route_match m;
    char msg[320];
    int rc = http_router_match(req->srv->router, req->method, req->path, &m);
    if (rc == -ENOENT) {
        snprintf(msg, sizeof(msg), "no such path: %.200s", req->path);
        http_respond_error(req, 404, "not_found", msg);
    } else if (rc == -EPERM) {
        snprintf(msg, sizeof(msg), "method %.16s is not allowed here (allowed: %s)", req->method,
                 m.allow);
        http_response_header(req, "Allow", m.allow);
        http_respond_error(req, 405, "method_not_allowed", msg);
    } else if (http_request_set_params(req, &m) != 0) {
        return MHD_NO;
    } else {
        req->dispatched = true;
        m.cb(req, m.arg);
    }
    if (req->failed)
        return MHD_NO;
    if (req->answered)
        return queue(req);
    MHD_suspend_connection(req->conn);
    req->suspended = true;
    http_request_watch(req);
    return MHD_YES;
}

static enum MHD_Result too_large(struct http_request *req)
{
    char msg[96];
    snprintf(msg, sizeof(msg), "the request body is larger than %zu bytes", req->srv->max_body);
    http_respond_error(req, 413, "body_too_large", msg);
    return req->failed ? MHD_NO : queue(req);
}

/* First call: headers are in. A declared body over the limit is refused now. */
static enum MHD_Result request_start(struct http_server *srv, struct MHD_Connection *conn,
                                     const char *url, const char *method, void **con_cls)
{
    struct http_request *req = http_request_new(srv, conn, url, method);
    if (!req)
        return MHD_NO;
    *con_cls = req;
    const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
    if (cl && strtoull(cl, NULL, 10) > srv->max_body) {
        req->too_large = true;
        return too_large(req);
    }
    return MHD_YES;
}

static void take_upload(struct http_request *req, const char *data, size_t n)
{
    if (req->too_large)
        return;
    if (n > req->srv->max_body - req->body.len) {
        req->too_large = true;
        buf_free(&req->body);
        return;
    }
    /* Keep a NUL after the body (not counted) for handlers that parse text. */
    if (buf_reserve(&req->body, n + 1) != 0) {
        req->failed = true;
        return;
    }
    buf_append(&req->body, data, n);
    req->body.data[req->body.len] = '\0';
}

static enum MHD_Result access_cb(void *cls, struct MHD_Connection *conn, const char *url,
                                 const char *method, const char *version, const char *upload_data,
                                 size_t *upload_size, void **con_cls)
{
    struct http_request *req = *con_cls;
    (void)version;
    if (!req)
        return request_start(cls, conn, url, method, con_cls);
    if (req->queued) {
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size) {
        take_upload(req, upload_data, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    if (req->cancelled || req->failed) {
        req->srv->quiet_log = req->cancelled; /* MHD will log an "internal error" */
        return MHD_NO;
    }
    if (req->answered)
        return queue(req);
    if (req->dispatched) {
        log_error("http.bad_resume", "path=%s", req->path);
        return MHD_NO;
    }
    return req->too_large ? too_large(req) : dispatch(req);
}

static void completed_cb(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct http_request *req = *con_cls;
    (void)cls;
    (void)conn;
    (void)toe;
    if (!req)
        return;
    *con_cls = NULL;
    if (req->suspended) { /* MHD is done with the connection: no resume */
        http_request_unwatch(req);
        req->suspended = false;
    }
    http_request_cancel(req);
    http_request_completed(req);
}

/* MHD's messages are warnings, except the one that follows closing the connection
 * of a cancelled request on purpose. */
static void mhd_log_cb(void *cls, const char *fmt, va_list ap)
{
    struct http_server *srv = cls;
    char msg[256], q[300];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        n--;
    enum log_level level = srv->quiet_log ? LOG_LEVEL_DEBUG : LOG_LEVEL_WARN;
    srv->quiet_log = false;
    log_event(level, "http.mhd", "msg=%s", log_quote(msg, n, q, sizeof(q)));
}

static void metrics_handler(struct http_request *req, void *arg)
{
    struct http_server *srv = arg;
    struct buf b;
    buf_init(&b);
    if (metrics_render(srv->metrics, &b) == 0)
        http_respond(req, 200, METRICS_CONTENT_TYPE, b.data, b.len);
    else
        http_respond_error(req, 500, "internal", "out of memory");
    buf_free(&b);
}

static void healthz_handler(struct http_request *req, void *arg)
{
    struct http_server *srv = arg;
    json_t *body = NULL;
    int status = srv->health ? srv->health(srv->health_arg, &body) : 200;
    if (status < 200 || status > 599)
        status = 500;
    if (!body)
        body = json_pack("{s:s}", "status", status == 200 ? "ok" : "unavailable");
    http_respond_json(req, status, body);
}

/* A numeric "host:port"; port 0 asks for any free port. */
static int parse_listen(const char *s, struct sockaddr_storage *ss)
{
    if (!s)
        return -EINVAL;
    const char *colon = strrchr(s, ':');
    if (!colon || strcmp(colon + 1, "0") != 0)
        return addr_parse_numeric(s, ss);
    char tmp[128];
    if ((size_t)(colon - s) + 3 > sizeof(tmp))
        return -EINVAL;
    snprintf(tmp, sizeof(tmp), "%.*s:1", (int)(colon - s), s);
    int rc = addr_parse_numeric(tmp, ss);
    if (rc == 0 && ss->ss_family == AF_INET)
        ((struct sockaddr_in *)ss)->sin_port = 0;
    else if (rc == 0)
        ((struct sockaddr_in6 *)ss)->sin6_port = 0;
    return rc;
}

/* A bound, listening, non-blocking socket for ss; its port in *port. */
static int listen_socket(const struct sockaddr_storage *ss, uint16_t *port)
{
    socklen_t len =
        ss->ss_family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
    int fd = socket(ss->ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -errno;
    int one = 1;
    struct sockaddr_storage bound;
    socklen_t blen = sizeof(bound);
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
        bind(fd, (const struct sockaddr *)ss, len) != 0 || listen(fd, SOMAXCONN) != 0 ||
        getsockname(fd, (struct sockaddr *)&bound, &blen) != 0) {
        int rc = -errno;
        close(fd);
        return rc;
    }
    *port = ntohs(bound.ss_family == AF_INET ? ((struct sockaddr_in *)&bound)->sin_port
                                             : ((struct sockaddr_in6 *)&bound)->sin6_port);
    return fd;
}

static struct MHD_Daemon *start_mhd(struct http_server *srv, const struct http_server_config *cfg,
                                    int fd, int family)
{
    unsigned flags = MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
    if (family == AF_INET6)
        flags |= MHD_USE_IPv6;
    unsigned idle = cfg->idle_timeout_s ? cfg->idle_timeout_s : HTTP_DEFAULT_IDLE_TIMEOUT_S;
    unsigned maxc = cfg->max_connections ? cfg->max_connections : HTTP_DEFAULT_MAX_CONNECTIONS;
    return MHD_start_daemon(
        flags, 0, NULL, NULL, access_cb, srv, MHD_OPTION_EXTERNAL_LOGGER, mhd_log_cb, srv,
        MHD_OPTION_LISTEN_SOCKET, fd, MHD_OPTION_NOTIFY_COMPLETED, completed_cb, srv,
        MHD_OPTION_CONNECTION_TIMEOUT, idle, MHD_OPTION_CONNECTION_LIMIT, maxc,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_MAX_HEADER_BYTES, MHD_OPTION_END);
}

static int add_builtins(struct http_server *srv, const struct http_server_config *cfg)
{
    if (cfg->no_builtins)
        return 0;
    int rc = http_router_add(srv->router, "GET", "/metrics", metrics_handler, srv);
    return rc ? rc : http_router_add(srv->router, "GET", "/healthz", healthz_handler, srv);
}

/* Everything that can fail before a uv handle exists. */
static int server_new(const struct http_server_config *cfg, struct sockaddr_storage *ss,
                      struct http_server **out)
{
    int rc = parse_listen(cfg->listen, ss);
    if (rc != 0)
        return rc;
    struct http_server *srv = mem_calloc(1, sizeof(*srv));
    if (!srv)
        return -ENOMEM;
    srv->max_body = cfg->max_body ? cfg->max_body : HTTP_DEFAULT_MAX_BODY;
    srv->metrics = cfg->metrics ? cfg->metrics : metrics_default();
    srv->health = cfg->health;
    srv->health_arg = cfg->health_arg;
    if (!(srv->router = http_router_new()))
        rc = -ENOMEM;
    if (rc == 0)
        rc = add_builtins(srv, cfg);
    if (rc != 0) {
        http_router_free(srv->router);
        mem_free(srv);
        return rc;
    }
    *out = srv;
    return 0;
}

static void handle_closed_cb(uv_handle_t *h)
{
    http_server_handle_closed(h->data);
}

int http_server_start(uv_loop_t *loop, const struct http_server_config *cfg,
                      struct http_server **out)
{
    struct sockaddr_storage ss;
    struct http_server *srv;
    int rc = server_new(cfg, &ss, &srv);
    if (rc != 0)
        return rc;
    int fd = listen_socket(&ss, &srv->port);
    if (fd < 0) {
        rc = fd;
        goto err_free;
    }
    if (!(srv->mhd = start_mhd(srv, cfg, fd, ss.ss_family))) {
        close(fd);
        rc = -EIO;
        goto err_free;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(srv->mhd, MHD_DAEMON_INFO_EPOLL_FD);
    srv->loop = loop;
    uv_timer_init(loop, &srv->timer);
    srv->timer.data = srv;
    srv->handles = 1;
    rc = di ? uv_poll_init(loop, &srv->poll, di->epoll_fd) : -EIO;
    if (rc == 0) {
        srv->poll.data = srv;
        srv->poll_open = true;
        srv->handles++;
        rc = uv_poll_start(&srv->poll, UV_READABLE, poll_cb);
    }
    if (rc != 0) {
        http_server_close(srv); /* released by the loop's close callbacks */
        return rc;
    }
    schedule(srv);
    log_info("http.listening", "addr=%s port=%u", cfg->listen, srv->port);
    *out = srv;
    return 0;
err_free:
    http_router_free(srv->router);
    mem_free(srv);
    return rc;
}

uint16_t http_server_port(const struct http_server *srv)
{
    return srv->port;
}

int http_server_route(struct http_server *srv, const char *method, const char *pattern,
                      http_handler_cb cb, void *arg)
{
    return http_router_add(srv->router, method, pattern, cb, arg);
}

void http_server_handle_closed(struct http_server *srv)
{
    if (--srv->handles > 0 || !srv->closing)
        return;
    http_router_free(srv->router);
    mem_free(srv);
}

void http_server_close(struct http_server *srv)
{
    if (!srv || srv->closing)
        return;
    if (srv->in_run) {
        srv->close_pending = true;
        return;
    }
    srv->closing = true;
    for (struct http_request *req = srv->reqs, *next; req; req = next) {
        next = req->next;
        if (req->dispatched)
            http_request_cancel(req);
    }
    if (srv->poll_open)
        uv_close((uv_handle_t *)&srv->poll, handle_closed_cb);
    uv_close((uv_handle_t *)&srv->timer, handle_closed_cb);
    MHD_stop_daemon(srv->mhd);
    srv->mhd = NULL;
    log_info("http.stopped", "port=%u", srv->port);
}
