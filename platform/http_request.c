/* http_request — request accessors, responses and the disconnect watch of a
 * suspended request (see http_server.h). */
#include "platform/addr.h"
#include "platform/http_internal.h"
#include "platform/jsonutil.h"
#include "platform/log.h"
#include "platform/mem.h"
#include "platform/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

struct http_request *http_request_new(struct http_server *srv, struct MHD_Connection *conn,
                                      const char *url, const char *method)
{
    struct http_request *req = mem_calloc(1, sizeof(*req));
    if (!req)
        return NULL;
    if (!(req->path = mem_strdup(url))) {
        mem_free(req);
        return NULL;
    }
    req->srv = srv;
    req->conn = conn;
    req->method = method;
    buf_init(&req->body);
    buf_init(&req->resp_headers);
    req->next = srv->reqs;
    if (srv->reqs)
        srv->reqs->prev = req;
    srv->reqs = req;
    return req;
}

static void request_free(struct http_request *req)
{
    mem_free(req->path);
    mem_free(req->param_buf);
    buf_free(&req->body);
    mem_free(req->content_type);
    mem_free(req->resp_body);
    buf_free(&req->resp_headers);
    mem_free(req);
}

void http_request_completed(struct http_request *req)
{
    struct http_server *srv = req->srv;
    if (req->prev)
        req->prev->next = req->next;
    else
        srv->reqs = req->next;
    if (req->next)
        req->next->prev = req->prev;
    req->completed = true;
    if (!req->watching)
        request_free(req);
}

int http_request_set_params(struct http_request *req, const struct http_route_match *m)
{
    size_t total = 0;
    for (size_t i = 0; i < m->nparams; i++)
        total += m->lens[i] + 1;
    if (total && !(req->param_buf = mem_alloc(total)))
        return -ENOMEM;
    char *p = req->param_buf;
    for (size_t i = 0; i < m->nparams; i++) {
        memcpy(p, m->values[i], m->lens[i]);
        p[m->lens[i]] = '\0';
        req->param_names[i] = m->names[i];
        req->param_values[i] = p;
        p += m->lens[i] + 1;
    }
    req->nparams = m->nparams;
    return 0;
}

const char *http_request_method(const struct http_request *req)
{
    return req->method;
}

const char *http_request_path(const struct http_request *req)
{
    return req->path;
}

const char *http_request_param(const struct http_request *req, const char *name)
{
    for (size_t i = 0; i < req->nparams; i++) {
        if (strcmp(req->param_names[i], name) == 0)
            return req->param_values[i];
    }
    return NULL;
}

const char *http_request_query(const struct http_request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *http_request_header(const struct http_request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const uint8_t *http_request_body(const struct http_request *req, size_t *len)
{
    *len = req->body.len;
    return req->body.len ? req->body.data : (const uint8_t *)"";
}

const char *http_request_peer(const struct http_request *req, char *out, size_t size)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci && ci->client_addr)
        return addr_format(ci->client_addr, out, size);
    snprintf(out, size, "-");
    return out;
}

void http_request_on_cancel(struct http_request *req, http_cancel_cb cb, void *arg)
{
    req->cancel_cb = cb;
    req->cancel_arg = cb ? arg : NULL;
}

static bool header_text_valid(const char *s, bool is_name)
{
    if (is_name && !*s)
        return false;
    for (const char *p = s; *p; p++) {
        if (*p == '\r' || *p == '\n' || (is_name && (*p == ':' || *p == ' ')))
            return false;
    }
    return true;
}

int http_response_header(struct http_request *req, const char *name, const char *value)
{
    if (!header_text_valid(name, true) || !header_text_valid(value, false))
        return -EINVAL;
    size_t start = req->resp_headers.len;
    if (buf_append(&req->resp_headers, name, strlen(name) + 1) != 0 ||
        buf_append(&req->resp_headers, value, strlen(value) + 1) != 0) {
        req->resp_headers.len = start;
        return -ENOMEM;
    }
    return 0;
}

/* The answer could not be built: close the connection instead. */
static int respond_failed(struct http_request *req)
{
    req->answered = true;
    req->failed = true;
    if (req->suspended)
        http_request_resume(req);
    return -ENOMEM;
}

int http_respond(struct http_request *req, int status, const char *content_type, const void *body,
                 size_t len)
{
    if (req->answered || req->cancelled)
        return -EALREADY;
    if (status < 100 || status > 599)
        status = 500;
    if (content_type && !(req->content_type = mem_strdup(content_type)))
        return respond_failed(req);
    if (len && !(req->resp_body = mem_dup(body, len)))
        return respond_failed(req);
    req->resp_len = len;
    req->status = status;
    req->answered = true;
    if (req->suspended)
        http_request_resume(req);
    return 0;
}

int http_respond_json(struct http_request *req, int status, json_t *body)
{
    if (req->answered || req->cancelled) {
        json_decref(body);
        return -EALREADY;
    }
    if (!body)
        return http_respond_error(req, 500, "internal", "the response could not be built");
    struct buf b;
    buf_init(&b);
    int rc = jsonutil_dump(body, JSON_COMPACT, &b);
    json_decref(body);
    if (rc == 0)
        rc = http_respond(req, status, "application/json", b.data, b.len);
    else
        rc = respond_failed(req);
    buf_free(&b);
    return rc;
}

/* Copy s into a new string with every byte that is not part of valid UTF-8
 * replaced by '?', so that it can go into JSON. */
static char *utf8_sanitized(const char *s)
{
    size_t n = strlen(s);
    char *out = mem_alloc(n + 1);
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        size_t len = utf8_seq_len(s + i, n - i);
        if (len == 0) {
            out[i++] = '?';
            continue;
        }
        memcpy(out + i, s + i, len);
        i += len;
    }
    out[n] = '\0';
    return out;
}

int http_respond_error(struct http_request *req, int status, const char *code, const char *message)
{
    if (req->answered || req->cancelled)
        return -EALREADY;
    char *c = utf8_sanitized(code), *m = utf8_sanitized(message);
    json_t *body = c && m ? json_pack("{s:{s:s,s:s}}", "error", "code", c, "message", m) : NULL;
    mem_free(c);
    mem_free(m);
    if (!body)
        return respond_failed(req);
    return http_respond_json(req, status, body);
}

static enum MHD_Result add_headers(struct http_request *req, struct MHD_Response *resp)
{
    if (req->content_type &&
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, req->content_type) != MHD_YES)
        return MHD_NO;
    const char *p = (const char *)req->resp_headers.data;
    const char *end = p + req->resp_headers.len;
    while (p < end) {
        const char *value = p + strlen(p) + 1;
        if (MHD_add_response_header(resp, p, value) != MHD_YES)
            return MHD_NO;
        p = value + strlen(value) + 1;
    }
    return MHD_YES;
}

enum MHD_Result http_request_queue(struct http_request *req)
{
    struct MHD_Response *resp;
    if (req->resp_len) {
        resp = MHD_create_response_from_buffer_with_free_callback(req->resp_len, req->resp_body,
                                                                  mem_free);
        if (resp)
            req->resp_body = NULL; /* MHD owns it now */
    } else {
        resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    }
    if (!resp)
        return MHD_NO;
    enum MHD_Result ret = add_headers(req, resp);
    if (ret == MHD_YES)
        ret = MHD_queue_response(req->conn, (unsigned)req->status, resp);
    MHD_destroy_response(resp);
    log_debug("http.request", "method=%s path=%s status=%d bytes=%zu", req->method, req->path,
              req->status, req->resp_len);
    return ret;
}

static void watch_closed_cb(uv_handle_t *h)
{
    struct http_request *req = h->data;
    struct http_server *srv = req->srv;
    req->watching = false;
    if (req->completed)
        request_free(req);
    http_server_handle_closed(srv);
}

void http_request_unwatch(struct http_request *req)
{
    if (req->watching && !uv_is_closing((uv_handle_t *)&req->watch))
        uv_close((uv_handle_t *)&req->watch, watch_closed_cb);
}

/* The client socket is readable or hung up. Readable with bytes to read is a
 * pipelined request, not a disconnect: then only a hang-up is watched for. */
static void watch_cb(uv_poll_t *h, int status, int events)
{
    struct http_request *req = h->data;
    if (status == 0 && !(events & UV_DISCONNECT)) {
        char c;
        ssize_t n = recv(req->watch_fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
        if (n > 0) {
            if (uv_poll_start(h, UV_DISCONNECT, watch_cb) != 0)
                http_request_unwatch(req);
            return;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
            return;
    }
    log_debug("http.client_gone", "method=%s path=%s", req->method, req->path);
    http_request_cancel(req);
}

void http_request_watch(struct http_request *req)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    if (!ci)
        return;
    req->watch_fd = ci->connect_fd;
    int rc = uv_poll_init(req->srv->loop, &req->watch, req->watch_fd);
    if (rc == 0) {
        req->watch.data = req;
        req->watching = true;
        req->srv->handles++;
        rc = uv_poll_start(&req->watch, UV_READABLE | UV_DISCONNECT, watch_cb);
    }
    if (rc != 0) {
        log_warn("http.watch_failed", "path=%s err=%s", req->path, uv_strerror(rc));
        http_request_unwatch(req);
    }
}

void http_request_resume(struct http_request *req)
{
    http_request_unwatch(req);
    req->suspended = false;
    MHD_resume_connection(req->conn);
    http_server_kick(req->srv);
}

void http_request_cancel(struct http_request *req)
{
    if (req->cancelled || req->answered)
        return;
    req->cancelled = true;
    http_cancel_cb cb = req->cancel_cb;
    req->cancel_cb = NULL;
    if (cb)
        cb(req, req->cancel_arg);
    if (req->suspended)
        http_request_resume(req);
}
