/* Tests of metrics: registration rules, child handles, and the exact text format. */
#include "tests/support/test.h"

#include "platform/buf.h"
#include "platform/mem.h"
#include "platform/metrics.h"

#include <errno.h>
#include <math.h>
#include <string.h>

/* Render reg and compare with want, byte for byte. */
static void assert_render(struct metrics_registry *reg, const char *want)
{
    struct buf b;
    buf_init(&b);
    assert_int_equal(metrics_render(reg, &b), 0);
    assert_int_equal(buf_append(&b, "", 1), 0);
    assert_string_equal((const char *)b.data, want);
    buf_free(&b);
}

static void test_counter_and_gauge(void **state)
{
    (void)state;
    struct metrics_registry *reg = metrics_registry_new();
    struct metrics_counter *c;
    struct metrics_gauge *g;
    assert_int_equal(metrics_counter_new(reg, "mqtt_connects_total", "Accepted CONNECTs.", &c), 0);
    assert_int_equal(metrics_gauge_new(reg, "mqtt_sessions", "Sessions.\nTwo \\ lines", &g), 0);
    metrics_counter_inc(c);
    metrics_counter_add(c, 41);
    metrics_gauge_set(g, 10);
    metrics_gauge_add(g, -2.5);
    assert_render(reg, "# HELP mqtt_connects_total Accepted CONNECTs.\n"
                       "# TYPE mqtt_connects_total counter\n"
                       "mqtt_connects_total 42\n"
                       "# HELP mqtt_sessions Sessions.\\nTwo \\\\ lines\n"
                       "# TYPE mqtt_sessions gauge\n"
                       "mqtt_sessions 7.5\n");
    metrics_registry_free(reg);
}

static void test_labels_sorted_and_escaped(void **state)
{
    (void)state;
    struct metrics_registry *reg = metrics_registry_new();
    struct metrics_family *fam;
    const char *labels[] = {"qos", "tenant"};
    assert_int_equal(metrics_counter_family_new(reg, "mqtt_messages_received_total",
                                                "PUBLISH packets received.", 2, labels, &fam),
                     0);
    struct metrics_counter *q1, *q0, *again;
    const char *v1[] = {"1", "a\"b\\c\nd"};
    const char *v0[] = {"0", "t"};
    assert_int_equal(metrics_counter_get(fam, v1, &q1), 0);
    assert_int_equal(metrics_counter_get(fam, v0, &q0), 0);
    assert_int_equal(metrics_counter_get(fam, v1, &again), 0);
    assert_ptr_equal(q1, again);
    metrics_counter_add(q1, 3);
    metrics_counter_inc(q0);

    struct metrics_counter *first;
    assert_int_equal(metrics_counter_new(reg, "aaa_first", NULL, &first), 0);
    struct metrics_family *empty;
    assert_int_equal(metrics_gauge_family_new(reg, "zzz_empty", "no children", 1, labels, &empty),
                     0);
    assert_render(reg, "# TYPE aaa_first counter\n"
                       "aaa_first 0\n"
                       "# HELP mqtt_messages_received_total PUBLISH packets received.\n"
                       "# TYPE mqtt_messages_received_total counter\n"
                       "mqtt_messages_received_total{qos=\"1\",tenant=\"a\\\"b\\\\c\\nd\"} 3\n"
                       "mqtt_messages_received_total{qos=\"0\",tenant=\"t\"} 1\n");

    assert_int_equal(metrics_family_remove(fam, v1), 0);
    assert_int_equal(metrics_family_remove(fam, v1), -ENOENT);
    struct metrics_counter *q2;
    const char *v2[] = {"2", "t"};
    assert_int_equal(metrics_counter_get(fam, v2, &q2), 0);
    assert_int_equal(metrics_family_remove(fam, v2), 0);
    assert_int_equal(metrics_counter_get(fam, v2, &q2), 0);
    assert_render(reg, "# TYPE aaa_first counter\n"
                       "aaa_first 0\n"
                       "# HELP mqtt_messages_received_total PUBLISH packets received.\n"
                       "# TYPE mqtt_messages_received_total counter\n"
                       "mqtt_messages_received_total{qos=\"0\",tenant=\"t\"} 1\n"
                       "mqtt_messages_received_total{qos=\"2\",tenant=\"t\"} 0\n");
    metrics_registry_free(reg);
}

static void test_histogram(void **state)
{
    (void)state;
    struct metrics_registry *reg = metrics_registry_new();
    struct metrics_histogram *h;
    const double bounds[] = {0.005, 0.1, 1};
    assert_int_equal(metrics_histogram_new(reg, "http_request_seconds", "Latency.", bounds, 3, &h),
                     0);
    metrics_histogram_observe(h, 0.005);
    metrics_histogram_observe(h, 0.05);
    metrics_histogram_observe(h, 0.25);
    metrics_histogram_observe(h, 7);
    metrics_histogram_observe(h, NAN);
    assert_render(reg, "# HELP http_request_seconds Latency.\n"
                       "# TYPE http_request_seconds histogram\n"
                       "http_request_seconds_bucket{le=\"0.005\"} 1\n"
                       "http_request_seconds_bucket{le=\"0.1\"} 2\n"
                       "http_request_seconds_bucket{le=\"1\"} 3\n"
                       "http_request_seconds_bucket{le=\"+Inf\"} 4\n"
                       "http_request_seconds_sum 7.305\n"
                       "http_request_seconds_count 4\n");

    struct metrics_family *fam;
    const char *labels[] = {"route"};
    assert_int_equal(
        metrics_histogram_family_new(reg, "repl_ack_seconds", "", 1, labels, bounds, 1, &fam), 0);
    struct metrics_histogram *r;
    const char *v[] = {"x"};
    assert_int_equal(metrics_histogram_get(fam, v, &r), 0);
    metrics_histogram_observe(r, 2);
    struct buf b;
    buf_init(&b);
    assert_int_equal(metrics_render(reg, &b), 0);
    assert_int_equal(buf_append(&b, "", 1), 0);
    assert_non_null(strstr((const char *)b.data,
                           "# TYPE repl_ack_seconds histogram\n"
                           "repl_ack_seconds_bucket{route=\"x\",le=\"0.005\"} 0\n"
                           "repl_ack_seconds_bucket{route=\"x\",le=\"+Inf\"} 1\n"
                           "repl_ack_seconds_sum{route=\"x\"} 2\n"
                           "repl_ack_seconds_count{route=\"x\"} 1\n"));
    buf_free(&b);
    metrics_registry_free(reg);
}

static double depth_fn(void *arg)
{
    return (double)*(int *)arg;
}

static void test_callback_gauge(void **state)
{
    (void)state;
    struct metrics_registry *reg = metrics_registry_new();
    int depth = 3;
    struct metrics_gauge *g;
    assert_int_equal(metrics_gauge_fn_new(reg, "queue_depth", "Queued.", depth_fn, &depth, &g), 0);
    assert_render(reg, "# HELP queue_depth Queued.\n# TYPE queue_depth gauge\nqueue_depth 3\n");
    depth = 12;
    assert_render(reg, "# HELP queue_depth Queued.\n# TYPE queue_depth gauge\nqueue_depth 12\n");
    metrics_gauge_set_fn(g, NULL, NULL);
    metrics_gauge_set(g, 1);
    assert_render(reg, "# HELP queue_depth Queued.\n# TYPE queue_depth gauge\nqueue_depth 1\n");

    struct metrics_family *fam;
    const char *labels[] = {"tenant"};
    assert_int_equal(
        metrics_gauge_family_new(reg, "tenant_log_bytes", "Log size.", 1, labels, &fam), 0);
    const char *v[] = {"acme"};
    struct metrics_gauge *tg;
    assert_int_equal(metrics_gauge_get(fam, v, &tg), 0);
    metrics_gauge_set_fn(tg, depth_fn, &depth);
    assert_render(reg, "# HELP queue_depth Queued.\n# TYPE queue_depth gauge\nqueue_depth 1\n"
                       "# HELP tenant_log_bytes Log size.\n# TYPE tenant_log_bytes gauge\n"
                       "tenant_log_bytes{tenant=\"acme\"} 12\n");
    metrics_registry_free(reg);
}

static void assert_value(double v, const char *want)
{
    struct buf b;
    buf_init(&b);
    assert_int_equal(metrics_format_value(&b, v), 0);
    assert_int_equal(buf_append(&b, "", 1), 0);
    assert_string_equal((const char *)b.data, want);
    buf_free(&b);
}

static void test_format_value(void **state)
{
    (void)state;
    assert_value(0, "0");
    assert_value(-0.0, "0");
    assert_value(42, "42");
    assert_value(-17, "-17");
    assert_value(0.1, "0.1");
    assert_value(2.5, "2.5");
    assert_value(1e-7, "1e-07");
    assert_value(123456789012345.0, "123456789012345");
    assert_value(1e20, "1e+20");
    assert_value(0.1 + 0.2, "0.30000000000000004");
    assert_value(INFINITY, "+Inf");
    assert_value(-INFINITY, "-Inf");
    assert_value(NAN, "NaN");
}

static void test_validation(void **state)
{
    (void)state;
    struct metrics_registry *reg = metrics_registry_new();
    struct metrics_counter *c;
    struct metrics_family *fam;
    assert_int_equal(metrics_counter_new(reg, "", NULL, &c), -EINVAL);
    assert_int_equal(metrics_counter_new(reg, NULL, NULL, &c), -EINVAL);
    assert_int_equal(metrics_counter_new(reg, "1abc", NULL, &c), -EINVAL);
    assert_int_equal(metrics_counter_new(reg, "a-b", NULL, &c), -EINVAL);
    assert_int_equal(metrics_counter_new(reg, "bad_help", "\xff", &c), -EINVAL);
    assert_int_equal(metrics_counter_new(reg, "ns:sub_total", NULL, &c), 0);
    assert_int_equal(metrics_counter_new(reg, "ns:sub_total", NULL, &c), -EEXIST);

    const char *colon[] = {"a:b"};
    const char *reserved[] = {"__x"};
    const char *dup[] = {"a", "a"};
    const char *le[] = {"le"};
    const char *ok[] = {"a"};
    const char *nine[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i"};
    assert_int_equal(metrics_counter_family_new(reg, "f1", NULL, 1, colon, &fam), -EINVAL);
    assert_int_equal(metrics_counter_family_new(reg, "f1", NULL, 1, reserved, &fam), -EINVAL);
    assert_int_equal(metrics_counter_family_new(reg, "f1", NULL, 2, dup, &fam), -EINVAL);
    assert_int_equal(metrics_counter_family_new(reg, "f1", NULL, 9, nine, &fam), -EINVAL);
    assert_int_equal(metrics_counter_family_new(reg, "f1", NULL, 0, ok, &fam), -EINVAL);
    assert_int_equal(metrics_counter_family_new(reg, "f1", NULL, 1, le, &fam), 0);

    const double b1[] = {1, 1};
    const double b2[] = {1, INFINITY};
    const double b3[] = {2, 1};
    const double good[] = {1};
    struct metrics_histogram *h;
    assert_int_equal(metrics_histogram_new(reg, "h", NULL, b1, 2, &h), -EINVAL);
    assert_int_equal(metrics_histogram_new(reg, "h", NULL, b2, 2, &h), -EINVAL);
    assert_int_equal(metrics_histogram_new(reg, "h", NULL, b3, 2, &h), -EINVAL);
    assert_int_equal(metrics_histogram_new(reg, "h", NULL, good, 0, &h), -EINVAL);
    assert_int_equal(metrics_histogram_new(reg, "h", NULL, good, METRICS_MAX_BUCKETS + 1, &h),
                     -EINVAL);
    assert_int_equal(metrics_histogram_family_new(reg, "h", NULL, 1, le, good, 1, &fam), -EINVAL);
    assert_int_equal(metrics_histogram_new(reg, "h", NULL, good, 1, &h), 0);
    /* The series of a histogram clash with other families, both ways. */
    assert_int_equal(metrics_counter_new(reg, "h_count", NULL, &c), -EEXIST);
    assert_int_equal(metrics_counter_new(reg, "h_bucket", NULL, &c), -EEXIST);
    assert_int_equal(metrics_counter_new(reg, "h_total", NULL, &c), 0);
    assert_int_equal(metrics_counter_new(reg, "x_sum", NULL, &c), 0);
    assert_int_equal(metrics_histogram_new(reg, "x", NULL, good, 1, &h), -EEXIST);

    /* Label values: count, UTF-8, type of the family. */
    assert_int_equal(metrics_counter_family_new(reg, "vals", NULL, 1, ok, &fam), 0);
    const char *bad_utf8[] = {"\xc0\x80"};
    const char *surrogate[] = {"\xed\xa0\x80"};
    const char *null_value[] = {NULL};
    const char *utf8[] = {"caf\xc3\xa9 \xf0\x9f\x98\x80"};
    assert_int_equal(metrics_counter_get(fam, bad_utf8, &c), -EINVAL);
    assert_int_equal(metrics_counter_get(fam, surrogate, &c), -EINVAL);
    assert_int_equal(metrics_counter_get(fam, null_value, &c), -EINVAL);
    assert_int_equal(metrics_counter_get(fam, NULL, &c), -EINVAL);
    assert_int_equal(metrics_counter_get(fam, utf8, &c), 0);
    struct metrics_gauge *g;
    assert_int_equal(metrics_gauge_get(fam, utf8, &g), -EINVAL);
    char big[METRICS_MAX_LABEL_VALUE + 2];
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    const char *too_long[] = {big};
    assert_int_equal(metrics_counter_get(fam, too_long, &c), -EINVAL);
    metrics_registry_free(reg);
}

static void test_child_limit(void **state)
{
    (void)state;
    struct metrics_registry *reg = metrics_registry_new();
    metrics_registry_set_child_limit(reg, 2);
    struct metrics_family *fam;
    const char *labels[] = {"t"};
    assert_int_equal(metrics_counter_family_new(reg, "per_tenant", NULL, 1, labels, &fam), 0);
    struct metrics_counter *c;
    const char *a[] = {"a"}, *b[] = {"b"}, *d[] = {"d"};
    assert_int_equal(metrics_counter_get(fam, a, &c), 0);
    assert_int_equal(metrics_counter_get(fam, b, &c), 0);
    assert_int_equal(metrics_counter_get(fam, d, &c), -ENOSPC);
    assert_int_equal(metrics_counter_get(fam, a, &c), 0);
    assert_int_equal(metrics_family_remove(fam, a), 0);
    assert_int_equal(metrics_counter_get(fam, d, &c), 0);
    metrics_registry_free(reg);
}

static void test_default_registry(void **state)
{
    (void)state;
    struct metrics_counter *c;
    assert_non_null(metrics_default());
    assert_int_equal(metrics_counter_new(metrics_default(), "up_total", "x", &c), 0);
    metrics_counter_inc(c);
    assert_render(metrics_default(), "# HELP up_total x\n# TYPE up_total counter\nup_total 1\n");
    metrics_registry_free(metrics_default()); /* a no-op for the default registry */
    metrics_default_reset();
    assert_render(metrics_default(), "");
    assert_int_equal(metrics_counter_new(metrics_default(), "up_total", "x", &c), 0);
    metrics_default_reset();
}

/* Build a small registry under allocation failure n; returns 0 when it all worked. */
static int build_and_render(long n, struct buf *out)
{
    mem_fail_after(n);
    int rc = -ENOMEM;
    struct metrics_registry *reg = metrics_registry_new();
    struct metrics_family *fam;
    struct metrics_counter *c;
    struct metrics_histogram *h;
    const char *labels[] = {"qos"};
    const char *v[] = {"1"};
    const double bounds[] = {1, 2};
    if (!reg)
        goto out;
    if ((rc = metrics_counter_family_new(reg, "m_total", "help", 1, labels, &fam)) != 0 ||
        (rc = metrics_counter_get(fam, v, &c)) != 0 ||
        (rc = metrics_histogram_new(reg, "lat", "h", bounds, 2, &h)) != 0)
        goto out_free;
    metrics_counter_inc(c);
    buf_reset(out);
    rc = metrics_render(reg, out);
    if (rc != 0)
        assert_int_equal(out->len, 0);
out_free:
    metrics_registry_free(reg);
out:
    mem_fail_after(-1);
    return rc;
}

static void test_allocation_failures(void **state)
{
    (void)state;
    struct buf out;
    buf_init(&out);
    long n = 0;
    while (build_and_render(n, &out) != 0) {
        assert_true(n < 100);
        n++;
    }
    assert_true(n > 3);
    assert_int_equal(buf_append(&out, "", 1), 0);
    assert_non_null(strstr((const char *)out.data, "m_total{qos=\"1\"} 1\n"));
    buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counter_and_gauge),
        cmocka_unit_test(test_labels_sorted_and_escaped),
        cmocka_unit_test(test_histogram),
        cmocka_unit_test(test_callback_gauge),
        cmocka_unit_test(test_format_value),
        cmocka_unit_test(test_validation),
        cmocka_unit_test(test_child_limit),
        cmocka_unit_test(test_default_registry),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
