/* Tests of http_route (pure) and http_server on a libuv loop over loopback, driven
 * by a raw TCP client: routing, parameters, 404/405/413, asynchronous answers,
 * cancel on client disconnect, /metrics and /healthz, close. */
#include "tests/support/test.h"

#include "tests/support/uvtest.h"

#include "platform/buf.h"
#include "platform/http_server.h"
#include "platform/mem.h"
#include "platform/metrics.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* ---- the route table ------------------------------------------------------------ */

static void h_a(struct http_request *req, void *arg)
{
    (void)req;
    (void)arg;
}

static void h_b(struct http_request *req, void *arg)
{
    (void)req;
    (void)arg;
}

static void test_router(void **state)
{
    (void)state;
    struct http_router *r = http_router_new();
    int tag1 = 1, tag2 = 2;
    assert_int_equal(http_router_add(r, "GET", "/v1/tenants/{id}", h_a, &tag1), 0);
    assert_int_equal(http_router_add(r, "GET", "/v1/tenants/count", h_b, &tag2), 0);
    assert_int_equal(http_router_add(r, "DELETE", "/v1/tenants/{tid}", h_a, NULL), 0);
    assert_int_equal(http_router_add(r, "GET", "/v1/tenants/{id}/keys/{keyId}", h_b, NULL), 0);
    assert_int_equal(http_router_add(r, "GET", "/", h_a, NULL), 0);
    assert_int_equal(http_router_add(r, "GET", "/v1/tenants/{other}", h_a, NULL), -EEXIST);
    assert_int_equal(http_router_add(r, "get", "/x", h_a, NULL), -EINVAL);
    assert_int_equal(http_router_add(r, "GET", "x", h_a, NULL), -EINVAL);
    assert_int_equal(http_router_add(r, "GET", "/{a}/{a}", h_a, NULL), -EINVAL);
    assert_int_equal(http_router_add(r, "GET", "/{}", h_a, NULL), -EINVAL);
    assert_int_equal(http_router_add(r, "GET", "/{1a}", h_a, NULL), -EINVAL);
    assert_int_equal(http_router_add(r, "GET", "/a{b}", h_a, NULL), -EINVAL);
    assert_int_equal(http_router_add(r, "GET", "/{a}/{b}/{c}/{d}/{e}/{f}/{g}/{h}/{i}", h_a, NULL),
                     -EINVAL);
    char deep[128] = "";
    for (int i = 0; i < HTTP_ROUTE_MAX_SEGMENTS + 1; i++)
        strcat(deep, "/x");
    assert_int_equal(http_router_add(r, "GET", deep, h_a, NULL), -EINVAL);
    assert_int_equal(http_router_add(r, "GET", "/x", NULL, NULL), -EINVAL);

    struct http_route_match m;
    assert_int_equal(http_router_match(r, "GET", "/v1/tenants/acme", &m), 0);
    assert_ptr_equal(m.cb, h_a);
    assert_ptr_equal(m.arg, &tag1);
    assert_int_equal(m.nparams, 1);
    assert_string_equal(m.names[0], "id");
    assert_int_equal(m.lens[0], 4);
    assert_memory_equal(m.values[0], "acme", 4);
    assert_int_equal(http_router_match(r, "GET", "/v1/tenants/count", &m), 0);
    assert_ptr_equal(m.cb, h_b);
    assert_int_equal(m.nparams, 0);
    assert_int_equal(http_router_match(r, "HEAD", "/v1/tenants/count", &m), 0);
    assert_ptr_equal(m.cb, h_b);
    assert_int_equal(http_router_match(r, "DELETE", "/v1/tenants/x", &m), 0);
    assert_string_equal(m.names[0], "tid");
    assert_int_equal(http_router_match(r, "GET", "/v1/tenants/a/keys/k1", &m), 0);
    assert_int_equal(m.nparams, 2);
    assert_string_equal(m.names[1], "keyId");
    assert_memory_equal(m.values[1], "k1", 2);
    assert_int_equal(http_router_match(r, "GET", "/", &m), 0);
    assert_int_equal(http_router_match(r, "GET", "/v1/tenants/", &m), -ENOENT);
    assert_int_equal(http_router_match(r, "GET", "/v1/tenants", &m), -ENOENT);
    assert_int_equal(http_router_match(r, "GET", "/v1/tenants/a/b", &m), -ENOENT);
    assert_int_equal(http_router_match(r, "GET", "", &m), -ENOENT);
    assert_int_equal(http_router_match(r, "GET", deep, &m), -ENOENT);
    assert_int_equal(http_router_match(r, "PUT", "/v1/tenants/x", &m), -EPERM);
    assert_string_equal(m.allow, "GET, DELETE");
    assert_int_equal(http_router_match(r, "POST", "/v1/tenants/count", &m), -EPERM);
    assert_string_equal(m.allow, "GET, DELETE");
    http_router_free(r);

    for (long n = 0;; n++) {
        mem_fail_after(n);
        r = http_router_new();
        int rc = r ? http_router_add(r, "GET", "/a/{b}", h_a, NULL) : -ENOMEM;
        mem_fail_after(-1);
        http_router_free(r);
        if (rc == 0)
            break;
        assert_int_equal(rc, -ENOMEM);
    }
}

/* ---- a loop, a server, a raw client ---------------------------------------------- */

struct fixture {
    struct uvtest t;
    struct http_server *srv;
    struct metrics_registry *reg;
    int calls;                 /* handler calls */
    int cancels;               /* cancel callbacks */
    struct http_request *held; /* a request answered later */
    uv_timer_t later;
    int health_status;
};

struct raw {
    struct fixture *f;
    uv_tcp_t tcp;
    uv_connect_t connect;
    uv_write_t write;
    uv_buf_t out;
    struct buf in;
    bool done; /* EOF or error: the server closed */
    int closed;
};

static void raw_alloc_cb(uv_handle_t *h, size_t hint, uv_buf_t *b)
{
    struct raw *r = h->data;
    (void)hint;
    assert_int_equal(buf_reserve(&r->in, 65536), 0);
    *b = uv_buf_init((char *)r->in.data + r->in.len, (unsigned)(r->in.cap - r->in.len));
}

static void raw_closed_cb(uv_handle_t *h)
{
    struct raw *r = h->data;
    r->closed++;
}

static void raw_read_cb(uv_stream_t *s, ssize_t n, const uv_buf_t *b)
{
    struct raw *r = s->data;
    (void)b;
    if (n > 0) {
        r->in.len += (size_t)n;
    } else if (n < 0) {
        r->done = true;
        uv_close((uv_handle_t *)&r->tcp, raw_closed_cb);
    }
}

static void raw_written_cb(uv_write_t *w, int status)
{
    (void)w;
    assert_int_equal(status, 0);
}

static void raw_connected_cb(uv_connect_t *c, int status)
{
    struct raw *r = c->data;
    assert_int_equal(status, 0);
    uv_read_start((uv_stream_t *)&r->tcp, raw_alloc_cb, raw_read_cb);
    assert_int_equal(uv_write(&r->write, (uv_stream_t *)&r->tcp, &r->out, 1, raw_written_cb), 0);
}

/* Connect to the server and send text (kept by the caller). */
static void raw_start(struct fixture *f, struct raw *r, const char *text, size_t len)
{
    memset(r, 0, sizeof(*r));
    r->f = f;
    buf_init(&r->in);
    r->out = uv_buf_init((char *)text, (unsigned)len);
    assert_int_equal(uv_tcp_init(&f->t.loop, &r->tcp), 0);
    r->tcp.data = r;
    r->connect.data = r;
    struct sockaddr_in sa;
    uv_ip4_addr("127.0.0.1", http_server_port(f->srv), &sa);
    assert_int_equal(uv_tcp_connect(&r->connect, &r->tcp, (struct sockaddr *)&sa, raw_connected_cb),
                     0);
}

/* Send one request (the server closes after it) and return the whole response. */
static char *raw_exchange_n(struct fixture *f, const char *text, size_t len)
{
    struct raw r;
    raw_start(f, &r, text, len);
    uvtest_wait(&f->t, &r.closed, 1);
    assert_int_equal(buf_append(&r.in, "", 1), 0);
    return (char *)r.in.data;
}

static char *raw_exchange(struct fixture *f, const char *text)
{
    return raw_exchange_n(f, text, strlen(text));
}

static void raw_close(struct raw *r)
{
    if (!uv_is_closing((uv_handle_t *)&r->tcp))
        uv_close((uv_handle_t *)&r->tcp, raw_closed_cb);
    uvtest_wait(&r->f->t, &r->closed, 1);
    buf_free(&r->in);
}

static int health_cb(void *arg, json_t **body)
{
    struct fixture *f = arg;
    if (f->health_status != 200)
        *body = json_pack("{s:s}", "reason", "raft has no leader");
    return f->health_status;
}

static int setup(void **state)
{
    struct fixture *f = mem_calloc(1, sizeof(*f));
    assert_non_null(f);
    uvtest_init(&f->t);
    uv_timer_init(&f->t.loop, &f->later);
    f->later.data = f;
    f->reg = metrics_registry_new();
    f->health_status = 200;
    struct http_server_config cfg = {.listen = "127.0.0.1:0",
                                     .max_body = 1000,
                                     .metrics = f->reg,
                                     .health = health_cb,
                                     .health_arg = f};
    assert_int_equal(http_server_start(&f->t.loop, &cfg, &f->srv), 0);
    assert_true(http_server_port(f->srv) > 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    http_server_close(f->srv);
    uv_close((uv_handle_t *)&f->later, NULL);
    uvtest_close(&f->t);
    metrics_registry_free(f->reg);
    mem_free(f);
    return 0;
}

/* The body of a response (after the blank line). */
static const char *body_of(const char *resp)
{
    const char *p = strstr(resp, "\r\n\r\n");
    assert_non_null(p);
    return p + 4;
}

/* ---- handlers --------------------------------------------------------------------- */

static void echo_handler(struct http_request *req, void *arg)
{
    struct fixture *f = arg;
    size_t len;
    const uint8_t *body = http_request_body(req, &len);
    const char *q = http_request_query(req, "x");
    const char *h = http_request_header(req, "x-test");
    char peer[64];
    f->calls++;
    assert_int_equal(strncmp(http_request_peer(req, peer, sizeof(peer)), "127.0.0.1:", 10), 0);
    assert_null(http_request_param(req, "nope"));
    assert_int_equal(http_response_header(req, "X-Reply", "yes"), 0);
    assert_int_equal(http_response_header(req, "X-Bad", "a\r\nb"), -EINVAL);
    assert_int_equal(http_response_header(req, "X Bad", "a"), -EINVAL);
    json_t *j = json_pack("{s:s,s:s,s:s,s:s,s:s?,s:s?,s:s%}", "method", http_request_method(req),
                          "path", http_request_path(req), "id", http_request_param(req, "id"),
                          "keyId", http_request_param(req, "keyId"), "x", q, "h", h, "body",
                          (const char *)body, len);
    assert_int_equal(http_respond_json(req, 201, j), 0);
}

static void later_cb(uv_timer_t *t)
{
    struct fixture *f = t->data;
    struct http_request *req = f->held;
    f->held = NULL;
    assert_int_equal(http_respond(req, 200, "text/plain", "late", 4), 0);
}

static void cancel_cb(struct http_request *req, void *arg)
{
    struct fixture *f = arg;
    assert_ptr_equal(req, f->held);
    /* Answering a cancelled request does nothing. */
    assert_int_equal(http_respond(req, 200, NULL, NULL, 0), -EALREADY);
    f->held = NULL;
    uv_timer_stop(&f->later);
    f->cancels++;
}

/* Answers 50 ms later from a timer. */
static void slow_handler(struct http_request *req, void *arg)
{
    struct fixture *f = arg;
    f->calls++;
    f->held = req;
    http_request_on_cancel(req, cancel_cb, f);
    uv_timer_start(&f->later, later_cb, 50, 0);
}

/* Never answers: only a cancel ends it. */
static void wait_handler(struct http_request *req, void *arg)
{
    struct fixture *f = arg;
    f->calls++;
    f->held = req;
    http_request_on_cancel(req, cancel_cb, f);
}

static void misc_handler(struct http_request *req, void *arg)
{
    struct fixture *f = arg;
    f->calls++;
    const char *kind = http_request_query(req, "kind");
    if (kind && strcmp(kind, "utf8") == 0) {
        assert_int_equal(http_respond_error(req, 409, "conflict", "bad \xff byte, caf\xc3\xa9"), 0);
        assert_int_equal(http_respond_error(req, 409, "x", "y"), -EALREADY);
        assert_int_equal(http_respond_json(req, 200, json_object()), -EALREADY);
    } else if (kind && strcmp(kind, "status") == 0) {
        assert_int_equal(http_respond(req, 1000, NULL, NULL, 0), 0);
    } else if (kind && strcmp(kind, "null") == 0) {
        assert_int_equal(http_respond_json(req, 200, NULL), 0);
    } else {
        assert_int_equal(http_respond(req, 204, NULL, NULL, 0), 0);
    }
}

static void close_handler(struct http_request *req, void *arg)
{
    struct fixture *f = arg;
    f->calls++;
    http_respond(req, 200, NULL, NULL, 0);
    http_server_close(f->srv);
    f->srv = NULL;
}

static void add_routes(struct fixture *f)
{
    assert_int_equal(
        http_server_route(f->srv, "POST", "/v1/tenants/{id}/keys/{keyId}", echo_handler, f), 0);
    assert_int_equal(http_server_route(f->srv, "GET", "/slow", slow_handler, f), 0);
    assert_int_equal(http_server_route(f->srv, "GET", "/wait", wait_handler, f), 0);
    assert_int_equal(http_server_route(f->srv, "GET", "/misc", misc_handler, f), 0);
    assert_int_equal(http_server_route(f->srv, "POST", "/close", close_handler, f), 0);
    assert_int_equal(http_server_route(f->srv, "GET", "/slow", slow_handler, f), -EEXIST);
}

/* ---- cases ------------------------------------------------------------------------ */

static void test_routing_and_request(void **state)
{
    struct fixture *f = *state;
    add_routes(f);
    static const char text[] = "POST /v1/tenants/acme/keys/k%2D1?x=1&y HTTP/1.1\r\n"
                               "Host: a\r\nConnection: close\r\nX-Test: hello\r\n"
                               "Content-Length: 5\r\n\r\nhe\0lo";
    char *resp = raw_exchange_n(f, text, sizeof(text) - 1);
    assert_int_equal(strncmp(resp, "HTTP/1.1 201 Created\r\n", 22), 0);
    assert_non_null(strstr(resp, "\r\nX-Reply: yes\r\n"));
    assert_non_null(strstr(resp, "\r\nContent-Type: application/json\r\n"));
    assert_string_equal(body_of(resp),
                        "{\"method\":\"POST\",\"path\":\"/v1/tenants/acme/keys/k-1\","
                        "\"id\":\"acme\",\"keyId\":\"k-1\",\"x\":\"1\",\"h\":"
                        "\"hello\",\"body\":\"he\\u0000lo\"}");
    mem_free(resp);
    assert_int_equal(f->calls, 1);
}

static void test_not_found_and_method(void **state)
{
    struct fixture *f = *state;
    add_routes(f);
    char *resp = raw_exchange(f, "GET /nope HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    assert_int_equal(strncmp(resp, "HTTP/1.1 404 Not Found\r\n", 24), 0);
    assert_string_equal(body_of(resp),
                        "{\"error\":{\"code\":\"not_found\",\"message\":\"no such path: /nope\"}}");
    mem_free(resp);
    resp = raw_exchange(f, "DELETE /slow HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    assert_int_equal(strncmp(resp, "HTTP/1.1 405 Method Not Allowed\r\n", 33), 0);
    assert_non_null(strstr(resp, "\r\nAllow: GET\r\n"));
    assert_string_equal(body_of(resp), "{\"error\":{\"code\":\"method_not_allowed\",\"message\":"
                                       "\"method DELETE is not allowed here (allowed: GET)\"}}");
    mem_free(resp);
    /* An invalid UTF-8 byte in the path does not break the JSON error. */
    resp = raw_exchange(f, "GET /%FF HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    assert_string_equal(body_of(resp),
                        "{\"error\":{\"code\":\"not_found\",\"message\":\"no such path: /?\"}}");
    mem_free(resp);
    assert_int_equal(f->calls, 0);
}

static void test_body_limit(void **state)
{
    struct fixture *f = *state;
    add_routes(f);
    const char *want = "{\"error\":{\"code\":\"body_too_large\",\"message\":\"the request body is "
                       "larger than 1000 bytes\"}}";
    char *resp = raw_exchange(f, "POST /v1/tenants/a/keys/b HTTP/1.1\r\nHost: a\r\n"
                                 "Connection: close\r\nContent-Length: 1001\r\n\r\n");
    assert_int_equal(strncmp(resp, "HTTP/1.1 413 ", 13), 0);
    assert_string_equal(body_of(resp), want);
    mem_free(resp);

    /* Chunked: the limit is found while reading. */
    struct buf req;
    buf_init(&req);
    assert_int_equal(buf_printf(&req, "POST /v1/tenants/a/keys/b HTTP/1.1\r\nHost: a\r\n"
                                      "Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n"),
                     0);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(buf_printf(&req, "190\r\n"), 0);
        for (int k = 0; k < 400; k++)
            assert_int_equal(buf_append(&req, "x", 1), 0);
        assert_int_equal(buf_printf(&req, "\r\n"), 0);
    }
    assert_int_equal(buf_printf(&req, "0\r\n\r\n"), 0);
    resp = raw_exchange(f, (const char *)req.data);
    assert_int_equal(strncmp(resp, "HTTP/1.1 413 ", 13), 0);
    assert_string_equal(body_of(resp), want);
    mem_free(resp);
    buf_free(&req);
    assert_int_equal(f->calls, 0);

    /* Exactly at the limit is fine. */
    buf_init(&req);
    assert_int_equal(buf_printf(&req, "POST /v1/tenants/a/keys/b HTTP/1.1\r\nHost: a\r\n"
                                      "Connection: close\r\nContent-Length: 1000\r\n\r\n"),
                     0);
    for (int k = 0; k < 1000; k++)
        assert_int_equal(buf_append(&req, "y", 1), 0);
    assert_int_equal(buf_append(&req, "", 1), 0);
    resp = raw_exchange(f, (const char *)req.data);
    assert_int_equal(strncmp(resp, "HTTP/1.1 201 ", 13), 0);
    mem_free(resp);
    buf_free(&req);
    assert_int_equal(f->calls, 1);
}

static void test_async_answer(void **state)
{
    struct fixture *f = *state;
    add_routes(f);
    char *resp = raw_exchange(f, "GET /slow HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    assert_int_equal(strncmp(resp, "HTTP/1.1 200 OK\r\n", 17), 0);
    assert_string_equal(body_of(resp), "late");
    mem_free(resp);
    /* Two pipelined requests in one write: the second waits for the first. */
    resp = raw_exchange(f, "GET /slow HTTP/1.1\r\nHost: a\r\n\r\n"
                           "HEAD /misc HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    const char *second = strstr(resp, "late");
    assert_non_null(second);
    assert_non_null(strstr(second, "HTTP/1.1 204 No Content\r\n"));
    mem_free(resp);
    assert_int_equal(f->calls, 3);
    assert_int_equal(f->cancels, 0);
}

static void test_responses(void **state)
{
    struct fixture *f = *state;
    add_routes(f);
    char *resp =
        raw_exchange(f, "GET /misc?kind=utf8 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    assert_int_equal(strncmp(resp, "HTTP/1.1 409 Conflict\r\n", 23), 0);
    assert_string_equal(body_of(resp),
                        "{\"error\":{\"code\":\"conflict\",\"message\":\"bad ? byte, "
                        "caf\xc3\xa9\"}}");
    mem_free(resp);
    resp =
        raw_exchange(f, "GET /misc?kind=status HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    assert_int_equal(strncmp(resp, "HTTP/1.1 500 ", 13), 0);
    mem_free(resp);
    resp = raw_exchange(f, "GET /misc?kind=null HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    assert_int_equal(strncmp(resp, "HTTP/1.1 500 ", 13), 0);
    assert_string_equal(body_of(resp),
                        "{\"error\":{\"code\":\"internal\",\"message\":\"the response "
                        "could not be built\"}}");
    mem_free(resp);
}

/* A client whose request waits in wait_handler. */
static void start_waiting(struct fixture *f, struct raw *r)
{
    static const char text[] = "GET /wait HTTP/1.1\r\nHost: a\r\n\r\n";
    add_routes(f);
    raw_start(f, r, text, sizeof(text) - 1);
    uvtest_wait(&f->t, &f->calls, 1);
}

static void test_cancel_on_disconnect(void **state)
{
    struct fixture *f = *state;
    struct raw r;
    start_waiting(f, &r);
    assert_non_null(f->held);
    assert_int_equal(f->cancels, 0);
    raw_close(&r);
    uvtest_wait(&f->t, &f->cancels, 1);
    assert_null(f->held);
}

static void test_metrics_and_health(void **state)
{
    struct fixture *f = *state;
    struct metrics_counter *c;
    assert_int_equal(metrics_counter_new(f->reg, "x_total", "X.", &c), 0);
    metrics_counter_add(c, 7);
    char *resp = raw_exchange(f, "GET /metrics HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    assert_int_equal(strncmp(resp, "HTTP/1.1 200 OK\r\n", 17), 0);
    assert_non_null(strstr(resp, "\r\nContent-Type: " METRICS_CONTENT_TYPE "\r\n"));
    assert_string_equal(body_of(resp), "# HELP x_total X.\n# TYPE x_total counter\nx_total 7\n");
    mem_free(resp);
    resp = raw_exchange(f, "GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    assert_int_equal(strncmp(resp, "HTTP/1.1 200 OK\r\n", 17), 0);
    assert_string_equal(body_of(resp), "{\"status\":\"ok\"}");
    mem_free(resp);
    f->health_status = 503;
    resp = raw_exchange(f, "GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    assert_int_equal(strncmp(resp, "HTTP/1.1 503 Service Unavailable\r\n", 34), 0);
    assert_string_equal(body_of(resp), "{\"reason\":\"raft has no leader\"}");
    mem_free(resp);
}

static void test_close_with_waiting_request(void **state)
{
    struct fixture *f = *state;
    struct raw r;
    start_waiting(f, &r);
    http_server_close(f->srv);
    f->srv = NULL;
    assert_int_equal(f->cancels, 1);
    uvtest_wait(&f->t, &r.closed, 1);
    assert_true(r.done);
    buf_free(&r.in);
}

static void test_close_from_handler(void **state)
{
    struct fixture *f = *state;
    add_routes(f);
    struct raw r;
    const char *text = "POST /close HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n";
    raw_start(f, &r, text, strlen(text));
    uvtest_wait(&f->t, &r.closed, 1);
    assert_int_equal(f->calls, 1);
    assert_null(f->srv);
    buf_free(&r.in);
}

static void test_start_errors(void **state)
{
    struct fixture *f = *state;
    struct http_server *srv;
    char addr[64];
    struct http_server_config cfg = {.listen = "nonsense"};
    assert_int_equal(http_server_start(&f->t.loop, &cfg, &srv), -EINVAL);
    cfg.listen = "localhost:8080";
    assert_int_equal(http_server_start(&f->t.loop, &cfg, &srv), -EINVAL);
    cfg.listen = NULL;
    assert_int_equal(http_server_start(&f->t.loop, &cfg, &srv), -EINVAL);
    snprintf(addr, sizeof(addr), "127.0.0.1:%u", http_server_port(f->srv));
    cfg.listen = addr;
    assert_int_equal(http_server_start(&f->t.loop, &cfg, &srv), -EADDRINUSE);
    /* IPv6, no built-in routes. */
    cfg.listen = "[::1]:0";
    cfg.no_builtins = true;
    int rc = http_server_start(&f->t.loop, &cfg, &srv);
    if (rc == 0) {
        assert_int_equal(http_server_route(srv, "GET", "/metrics", misc_handler, f), 0);
        http_server_close(srv);
    } else {
        assert_int_equal(rc, -EADDRNOTAVAIL); /* a machine without IPv6 */
    }
    /* Allocation failures while starting: every one is reported, nothing leaks. */
    cfg.listen = "127.0.0.1:0";
    for (long n = 0;; n++) {
        mem_fail_after(n);
        rc = http_server_start(&f->t.loop, &cfg, &srv);
        mem_fail_after(-1);
        if (rc == 0)
            break;
        assert_int_equal(rc, -ENOMEM);
        uv_run(&f->t.loop, UV_RUN_NOWAIT);
    }
    http_server_close(srv);
}

int main(void)
{
    mem_install_hooks();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_router),
        cmocka_unit_test_setup_teardown(test_routing_and_request, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_found_and_method, setup, teardown),
        cmocka_unit_test_setup_teardown(test_body_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_async_answer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_responses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cancel_on_disconnect, setup, teardown),
        cmocka_unit_test_setup_teardown(test_metrics_and_health, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_with_waiting_request, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_from_handler, setup, teardown),
        cmocka_unit_test_setup_teardown(test_start_errors, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
