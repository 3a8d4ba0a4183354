/* Tests of http_client against http_server in one process on a libuv loop over
 * loopback: methods, bodies, headers, status codes, asynchronous answers, a handler
 * forwarding to another server, timeouts, refused connections, cancel, close,
 * limits and bad arguments. */
#include "tests/support/test.h"

#include "tests/support/uvtest.h"

#include "platform/buf.h"
#include "platform/http_client.h"
#include "platform/http_server.h"
#include "platform/mem.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

struct fixture {
    struct uvtest t;
    struct http_server *srv;
    struct http_client *cli;
    char base[64]; /* "http://127.0.0.1:port" */
    int server_cancels;
    int waits; /* calls of wait_handler */
    struct http_request *held;
    uv_timer_t later;
    struct http_client_request *upstream; /* of the forwarding handler */
    struct http_request *forwarded;
};

/* One finished client request. */
struct result {
    int done;
    int err;
    long status;
    char error[256];
    struct buf body;
    char reply[64]; /* the X-Reply header */
    struct fixture *f;
    bool close_client; /* close the client from the callback */
};

static void done_cb(struct http_client_response *resp, void *arg)
{
    struct result *r = arg;
    r->done++;
    r->err = resp->err;
    r->status = resp->status;
    snprintf(r->error, sizeof(r->error), "%s", resp->error);
    const char *reply = http_client_response_header(resp, "x-reply");
    snprintf(r->reply, sizeof(r->reply), "%s", reply ? reply : "");
    /* Take the body. */
    r->body = resp->body;
    buf_init(&resp->body);
    if (r->close_client) {
        http_client_close(r->f->cli);
        r->f->cli = NULL;
    }
}

/* The body as a string (NUL appended). */
static const char *body_str(struct result *r)
{
    assert_int_equal(buf_append(&r->body, "", 1), 0);
    r->body.len--;
    return (const char *)r->body.data;
}

/* Start a request to f->base + path and wait for its result. */
static void call(struct fixture *f, const char *method, const char *path, const char *body,
                 struct result *r)
{
    char url[256];
    snprintf(url, sizeof(url), "%s%s", f->base, path);
    const char *headers[] = {"X-Test: hello", "Content-Type: application/json", NULL};
    struct http_client_options o = {.method = method,
                                    .url = url,
                                    .headers = headers,
                                    .body = body,
                                    .body_len = body ? strlen(body) : 0,
                                    .timeout_ms = 5000};
    memset(r, 0, sizeof(*r));
    r->f = f;
    buf_init(&r->body);
    assert_int_equal(http_client_request(f->cli, &o, done_cb, r, NULL), 0);
    assert_int_equal(r->done, 0); /* never from inside http_client_request() */
    uvtest_wait(&f->t, &r->done, 1);
}

/* ---- server handlers -------------------------------------------------------------- */

static void echo_handler(struct http_request *req, void *arg)
{
    (void)arg;
    size_t len;
    const uint8_t *body = http_request_body(req, &len);
    const char *h = http_request_header(req, "X-Test");
    http_response_header(req, "X-Reply", "yes");
    http_respond_json(req, 200,
                      json_pack("{s:s,s:s?,s:s?,s:s%}", "method", http_request_method(req), "id",
                                http_request_param(req, "id"), "h", h, "body", (const char *)body,
                                len));
}

static void server_cancel_cb(struct http_request *req, void *arg)
{
    struct fixture *f = arg;
    (void)req;
    f->held = NULL;
    uv_timer_stop(&f->later);
    f->server_cancels++;
}

static void later_cb(uv_timer_t *t)
{
    struct fixture *f = t->data;
    struct http_request *req = f->held;
    f->held = NULL;
    http_respond(req, 200, "text/plain", "late", 4);
}

static void slow_handler(struct http_request *req, void *arg)
{
    struct fixture *f = arg;
    f->held = req;
    http_request_on_cancel(req, server_cancel_cb, f);
    uv_timer_start(&f->later, later_cb, 30, 0);
}

static void wait_handler(struct http_request *req, void *arg)
{
    struct fixture *f = arg;
    f->waits++;
    f->held = req;
    http_request_on_cancel(req, server_cancel_cb, f);
}

static void big_handler(struct http_request *req, void *arg)
{
    (void)arg;
    char big[4096];
    memset(big, 'b', sizeof(big));
    http_respond(req, 200, "text/plain", big, sizeof(big));
}

/* Forwarding: answer with what /slow answers, as a node forwards to its leader. */
static void upstream_done_cb(struct http_client_response *resp, void *arg)
{
    struct fixture *f = arg;
    struct http_request *req = f->forwarded;
    f->upstream = NULL;
    f->forwarded = NULL;
    if (resp->err)
        http_respond_error(req, 502, "upstream", resp->error);
    else
        http_respond(req, (int)resp->status, "text/plain", resp->body.data, resp->body.len);
}

static void forward_cancel_cb(struct http_request *req, void *arg)
{
    struct fixture *f = arg;
    (void)req;
    http_client_cancel(f->upstream);
    f->upstream = NULL;
    f->forwarded = NULL;
    f->server_cancels++;
}

static void forward_handler(struct http_request *req, void *arg)
{
    struct fixture *f = arg;
    char url[128];
    snprintf(url, sizeof(url), "%s%s", f->base,
             http_request_query(req, "wait") ? "/wait" : "/slow");
    struct http_client_options o = {.url = url};
    if (http_client_request(f->cli, &o, upstream_done_cb, f, &f->upstream) != 0) {
        http_respond_error(req, 500, "internal", "cannot forward");
        return;
    }
    f->forwarded = req;
    http_request_on_cancel(req, forward_cancel_cb, f);
}

static int setup(void **state)
{
    struct fixture *f = mem_calloc(1, sizeof(*f));
    assert_non_null(f);
    uvtest_init(&f->t);
    uv_timer_init(&f->t.loop, &f->later);
    f->later.data = f;
    struct http_server_config scfg = {.listen = "127.0.0.1:0", .max_body = 1000};
    assert_int_equal(http_server_start(&f->t.loop, &scfg, &f->srv), 0);
    snprintf(f->base, sizeof(f->base), "http://127.0.0.1:%u", http_server_port(f->srv));
    assert_int_equal(http_server_route(f->srv, "GET", "/echo/{id}", echo_handler, f), 0);
    assert_int_equal(http_server_route(f->srv, "POST", "/echo/{id}", echo_handler, f), 0);
    assert_int_equal(http_server_route(f->srv, "PUT", "/echo/{id}", echo_handler, f), 0);
    assert_int_equal(http_server_route(f->srv, "DELETE", "/echo/{id}", echo_handler, f), 0);
    assert_int_equal(http_server_route(f->srv, "GET", "/slow", slow_handler, f), 0);
    assert_int_equal(http_server_route(f->srv, "GET", "/wait", wait_handler, f), 0);
    assert_int_equal(http_server_route(f->srv, "GET", "/big", big_handler, f), 0);
    assert_int_equal(http_server_route(f->srv, "GET", "/forward", forward_handler, f), 0);
    struct http_client_config ccfg = {.user_agent = "test"};
    assert_int_equal(http_client_new(&f->t.loop, &ccfg, &f->cli), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    http_client_close(f->cli);
    http_server_close(f->srv);
    uv_close((uv_handle_t *)&f->later, NULL);
    uvtest_close(&f->t);
    mem_free(f);
    return 0;
}

/* ---- cases ------------------------------------------------------------------------ */

static void test_methods_and_bodies(void **state)
{
    struct fixture *f = *state;
    struct result r;
    call(f, NULL, "/echo/a1", NULL, &r);
    assert_int_equal(r.err, 0);
    assert_string_equal(r.error, "");
    assert_int_equal(r.status, 200);
    assert_string_equal(r.reply, "yes");
    assert_string_equal(body_str(&r),
                        "{\"method\":\"GET\",\"id\":\"a1\",\"h\":\"hello\",\"body\":\"\"}");
    buf_free(&r.body);
    call(f, "POST", "/echo/b", "{\"x\":1}", &r);
    assert_string_equal(
        body_str(&r),
        "{\"method\":\"POST\",\"id\":\"b\",\"h\":\"hello\",\"body\":\"{\\\"x\\\":1}\"}");
    buf_free(&r.body);
    call(f, "PUT", "/echo/c", "data", &r);
    assert_string_equal(body_str(&r),
                        "{\"method\":\"PUT\",\"id\":\"c\",\"h\":\"hello\",\"body\":\"data\"}");
    buf_free(&r.body);
    call(f, "DELETE", "/echo/d", NULL, &r);
    assert_string_equal(body_str(&r),
                        "{\"method\":\"DELETE\",\"id\":\"d\",\"h\":\"hello\",\"body\":\"\"}");
    buf_free(&r.body);
    call(f, "HEAD", "/echo/e", NULL, &r);
    assert_int_equal(r.err, 0);
    assert_int_equal(r.status, 200);
    assert_int_equal(r.body.len, 0);
    assert_string_equal(r.reply, "yes");
    buf_free(&r.body);
    call(f, "POST", "/echo/f", NULL, &r);
    assert_int_equal(r.status, 200);
    buf_free(&r.body);
}

static void test_status_codes(void **state)
{
    struct fixture *f = *state;
    struct result r;
    call(f, NULL, "/nope", NULL, &r);
    assert_int_equal(r.err, 0);
    assert_int_equal(r.status, 404);
    buf_free(&r.body);
    call(f, "PATCH", "/echo/x", NULL, &r);
    assert_int_equal(r.status, 405);
    buf_free(&r.body);
    char big[1200];
    memset(big, 'z', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    call(f, "POST", "/echo/x", big, &r);
    assert_int_equal(r.err, 0);
    assert_int_equal(r.status, 413);
    assert_string_equal(body_str(&r), "{\"error\":{\"code\":\"body_too_large\",\"message\":\"the "
                                      "request body is larger than 1000 bytes\"}}");
    buf_free(&r.body);
    call(f, NULL, "/metrics", NULL, &r);
    assert_int_equal(r.status, 200);
    buf_free(&r.body);
    call(f, NULL, "/healthz", NULL, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(body_str(&r), "{\"status\":\"ok\"}");
    buf_free(&r.body);
}

static void test_async_and_forward(void **state)
{
    struct fixture *f = *state;
    struct result r;
    call(f, NULL, "/slow", NULL, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(body_str(&r), "late");
    buf_free(&r.body);
    call(f, NULL, "/forward", NULL, &r);
    assert_int_equal(r.err, 0);
    assert_int_equal(r.status, 200);
    assert_string_equal(body_str(&r), "late");
    buf_free(&r.body);
    assert_int_equal(f->server_cancels, 0);
}

static void test_timeout_cancels_server_request(void **state)
{
    struct fixture *f = *state;
    char url[128];
    snprintf(url, sizeof(url), "%s/wait", f->base);
    struct http_client_options o = {.url = url, .timeout_ms = 200};
    struct result r = {.f = f};
    assert_int_equal(http_client_request(f->cli, &o, done_cb, &r, NULL), 0);
    uvtest_wait(&f->t, &r.done, 1);
    assert_int_equal(r.err, -ETIMEDOUT);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.error, "imed out"));
    buf_free(&r.body);
    /* The client closed its connection: the waiting handler is told. */
    uvtest_wait(&f->t, &f->server_cancels, 1);
    assert_null(f->held);
}

static void test_forward_cancelled_by_client(void **state)
{
    struct fixture *f = *state;
    char url[128];
    snprintf(url, sizeof(url), "%s/forward?wait=1", f->base);
    struct http_client_options o = {.url = url, .timeout_ms = 300};
    struct result r = {.f = f};
    assert_int_equal(http_client_request(f->cli, &o, done_cb, &r, NULL), 0);
    uvtest_wait(&f->t, &r.done, 1);
    assert_int_equal(r.err, -ETIMEDOUT);
    buf_free(&r.body);
    /* The forwarding request is cancelled, which cancels its upstream request,
     * whose disconnect cancels the /wait request. */
    uvtest_wait(&f->t, &f->server_cancels, 2);
    assert_null(f->upstream);
    assert_null(f->held);
}

static void test_refused_and_unresolved(void **state)
{
    struct fixture *f = *state;
    /* A port with nothing listening: bind a server, note its port, close it. */
    struct http_server *tmp;
    struct http_server_config cfg = {.listen = "127.0.0.1:0", .no_builtins = true};
    assert_int_equal(http_server_start(&f->t.loop, &cfg, &tmp), 0);
    char url[128];
    snprintf(url, sizeof(url), "http://127.0.0.1:%u/x", http_server_port(tmp));
    http_server_close(tmp);
    struct http_client_options o = {.url = url, .timeout_ms = 5000};
    struct result r = {.f = f};
    assert_int_equal(http_client_request(f->cli, &o, done_cb, &r, NULL), 0);
    uvtest_wait(&f->t, &r.done, 1);
    assert_int_equal(r.err, -ECONNREFUSED);
    assert_int_equal(r.status, 0);
    assert_true(strlen(r.error) > 0);
    buf_free(&r.body);

    o.url = "http://no-such-host.invalid/x";
    memset(&r, 0, sizeof(r));
    assert_int_equal(http_client_request(f->cli, &o, done_cb, &r, NULL), 0);
    uvtest_wait(&f->t, &r.done, 1);
    assert_int_equal(r.err, -EHOSTUNREACH);
    buf_free(&r.body);
}

static void test_response_limit(void **state)
{
    struct fixture *f = *state;
    char url[128];
    snprintf(url, sizeof(url), "%s/big", f->base);
    struct http_client_options o = {.url = url, .max_response = 4095};
    struct result r = {.f = f};
    assert_int_equal(http_client_request(f->cli, &o, done_cb, &r, NULL), 0);
    uvtest_wait(&f->t, &r.done, 1);
    assert_int_equal(r.err, -E2BIG);
    buf_free(&r.body);
    o.max_response = 4096;
    memset(&r, 0, sizeof(r));
    assert_int_equal(http_client_request(f->cli, &o, done_cb, &r, NULL), 0);
    uvtest_wait(&f->t, &r.done, 1);
    assert_int_equal(r.err, 0);
    assert_int_equal(r.body.len, 4096);
    buf_free(&r.body);
}

static void test_cancel_and_many(void **state)
{
    struct fixture *f = *state;
    char url[128];
    snprintf(url, sizeof(url), "%s/wait", f->base);
    struct http_client_options o = {.url = url};
    struct result r = {.f = f};
    struct http_client_request *req;
    assert_int_equal(http_client_request(f->cli, &o, done_cb, &r, &req), 0);
    /* Cancel before anything ran, and one that is already waiting on the server. */
    http_client_cancel(req);
    assert_int_equal(http_client_request(f->cli, &o, done_cb, &r, &req), 0);
    uvtest_wait(&f->t, &f->waits, 1);
    http_client_cancel(req);
    uvtest_wait(&f->t, &f->server_cancels, 1);
    assert_int_equal(r.done, 0);

    enum { N = 20 };
    struct result many[N];
    char urls[N][128];
    for (int i = 0; i < N; i++) {
        snprintf(urls[i], sizeof(urls[i]), "%s/echo/n%d", f->base, i);
        struct http_client_options oi = {.url = urls[i]};
        memset(&many[i], 0, sizeof(many[i]));
        assert_int_equal(http_client_request(f->cli, &oi, done_cb, &many[i], NULL), 0);
    }
    for (int i = 0; i < N; i++) {
        uvtest_wait(&f->t, &many[i].done, 1);
        assert_int_equal(many[i].status, 200);
        char want[96];
        snprintf(want, sizeof(want), "\"id\":\"n%d\"", i);
        assert_non_null(strstr(body_str(&many[i]), want));
        buf_free(&many[i].body);
    }
}

static void test_close_with_pending(void **state)
{
    struct fixture *f = *state;
    char url[128];
    snprintf(url, sizeof(url), "%s/wait", f->base);
    struct http_client_options o = {.url = url};
    struct result a = {.f = f}, b = {.f = f};
    assert_int_equal(http_client_request(f->cli, &o, done_cb, &a, NULL), 0);
    assert_int_equal(http_client_request(f->cli, &o, done_cb, &b, NULL), 0);
    http_client_close(f->cli);
    assert_int_equal(a.done, 1);
    assert_int_equal(b.done, 1);
    assert_int_equal(a.err, -ECANCELED);
    assert_string_equal(a.error, "the client was closed");
    f->cli = NULL;

    /* Closing from a callback: the other request is cancelled after it returns. */
    struct http_client_config cfg = {0};
    assert_int_equal(http_client_new(&f->t.loop, &cfg, &f->cli), 0);
    snprintf(url, sizeof(url), "%s/echo/x", f->base);
    struct http_client_options quick = {.url = url};
    char wait_url[128];
    snprintf(wait_url, sizeof(wait_url), "%s/wait", f->base);
    struct http_client_options slow = {.url = wait_url};
    struct result c = {.f = f, .close_client = true}, d = {.f = f};
    assert_int_equal(http_client_request(f->cli, &quick, done_cb, &c, NULL), 0);
    assert_int_equal(http_client_request(f->cli, &slow, done_cb, &d, NULL), 0);
    uvtest_wait(&f->t, &c.done, 1);
    assert_int_equal(c.status, 200);
    assert_int_equal(d.done, 1);
    assert_int_equal(d.err, -ECANCELED);
    buf_free(&c.body);
    assert_null(f->cli);
}

static void test_bad_arguments(void **state)
{
    struct fixture *f = *state;
    struct result r = {.f = f};
    struct http_client_options o = {.url = "http://127.0.0.1:1/"};
    o.method = "get";
    assert_int_equal(http_client_request(f->cli, &o, done_cb, &r, NULL), -EINVAL);
    o.method = "GET\r\nX: y";
    assert_int_equal(http_client_request(f->cli, &o, done_cb, &r, NULL), -EINVAL);
    o.method = NULL;
    o.url = "ftp://127.0.0.1/";
    assert_int_equal(http_client_request(f->cli, &o, done_cb, &r, NULL), -EINVAL);
    o.url = "http://";
    assert_int_equal(http_client_request(f->cli, &o, done_cb, &r, NULL), -EINVAL);
    o.url = NULL;
    assert_int_equal(http_client_request(f->cli, &o, done_cb, &r, NULL), -EINVAL);
    o.url = "http://127.0.0.1:1/";
    const char *bad_header[] = {"X-A: b\r\nX-C: d", NULL};
    o.headers = bad_header;
    assert_int_equal(http_client_request(f->cli, &o, done_cb, &r, NULL), -EINVAL);
    const char *no_colon[] = {"X-A b", NULL};
    o.headers = no_colon;
    assert_int_equal(http_client_request(f->cli, &o, done_cb, &r, NULL), -EINVAL);
    o.headers = NULL;
    o.body_len = 3;
    assert_int_equal(http_client_request(f->cli, &o, done_cb, &r, NULL), -EINVAL);
    o.body_len = 0;
    assert_int_equal(http_client_request(f->cli, &o, NULL, &r, NULL), -EINVAL);
    uv_run(&f->t.loop, UV_RUN_NOWAIT);
    assert_int_equal(r.done, 0);
}

static void test_allocation_failures(void **state)
{
    struct fixture *f = *state;
    char url[128];
    snprintf(url, sizeof(url), "%s/echo/m", f->base);
    const char *headers[] = {"X-Test: a", NULL};
    struct http_client_options o = {
        .method = "POST", .url = url, .headers = headers, .body = "abc", .body_len = 3};
    struct result r = {.f = f};
    int rc;
    long n = 0;
    do {
        mem_fail_after(n++);
        rc = http_client_request(f->cli, &o, done_cb, &r, NULL);
        mem_fail_after(-1);
        assert_true(rc == 0 || rc == -ENOMEM);
    } while (rc != 0);
    uvtest_wait(&f->t, &r.done, 1);
    assert_int_equal(r.status, 200);
    buf_free(&r.body);

    struct http_client *cli = NULL;
    struct http_client_config cfg = {.ca_file = "/etc/ssl/certs/ca-certificates.crt"};
    n = 0;
    do {
        mem_fail_after(n++);
        rc = http_client_new(&f->t.loop, &cfg, &cli);
        mem_fail_after(-1);
        assert_true(rc == 0 || rc == -ENOMEM);
    } while (rc != 0);
    http_client_close(cli);
}

int main(void)
{
    mem_install_hooks();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_methods_and_bodies, setup, teardown),
        cmocka_unit_test_setup_teardown(test_status_codes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_async_and_forward, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timeout_cancels_server_request, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forward_cancelled_by_client, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused_and_unresolved, setup, teardown),
        cmocka_unit_test_setup_teardown(test_response_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cancel_and_many, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_with_pending, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_allocation_failures, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
