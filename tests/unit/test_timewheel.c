/* Tests of platform/timewheel: firing order, rescheduling from callbacks, long pauses,
 * never early, at most one tick late; compared with a brute-force oracle. */
#include "tests/support/test.h"

#include "platform/timewheel.h"

#include <stdlib.h>

struct item {
    struct timewheel_node node;
    uint64_t due;
    int fired;
    uint64_t fired_at;
};

struct fire_ctx {
    uint64_t now;
    int reschedule_once;
    struct timewheel *w;
};

static void on_fire(struct timewheel_node *n, void *ctx)
{
    struct fire_ctx *fc = ctx;
    struct item *it = (struct item *)n;
    it->fired++;
    it->fired_at = fc->now;
    if (fc->reschedule_once && it->fired == 1) {
        it->due = fc->now + 500;
        timewheel_schedule(fc->w, n, it->due);
    }
}

static void test_basic_fire(void **state)
{
    (void)state;
    struct timewheel w;
    assert_int_equal(timewheel_init(&w, 100, 16, 1000), 0);
    struct item a = {0}, b = {0};
    timewheel_node_init(&a.node);
    timewheel_node_init(&b.node);
    timewheel_schedule(&w, &a.node, 1250);
    timewheel_schedule(&w, &b.node, 1000 + 100 * 40); /* several revolutions away */
    assert_int_equal(w.count, 2);
    struct fire_ctx fc = {.now = 1200};
    assert_int_equal(timewheel_advance(&w, 1200, on_fire, &fc), 0);
    fc.now = 1300;
    assert_int_equal(timewheel_advance(&w, 1300, on_fire, &fc), 1);
    assert_int_equal(a.fired, 1);
    assert_false(timewheel_scheduled(&a.node));
    fc.now = 4999;
    assert_int_equal(timewheel_advance(&w, 4999, on_fire, &fc), 0);
    fc.now = 5000;
    assert_int_equal(timewheel_advance(&w, 5000, on_fire, &fc), 1);
    assert_int_equal(b.fired, 1);
    assert_int_equal(w.count, 0);
    timewheel_free(&w);
}

static void test_cancel_and_past_deadline(void **state)
{
    (void)state;
    struct timewheel w;
    assert_int_equal(timewheel_init(&w, 10, 8, 0), 0);
    struct item a = {0}, b = {0};
    timewheel_node_init(&a.node);
    timewheel_node_init(&b.node);
    timewheel_schedule(&w, &a.node, 50);
    timewheel_cancel(&w, &a.node);
    timewheel_cancel(&w, &a.node);      /* twice is harmless */
    timewheel_schedule(&w, &b.node, 0); /* already due: next advance */
    struct fire_ctx fc = {.now = 10};
    assert_int_equal(timewheel_advance(&w, 10, on_fire, &fc), 1);
    fc.now = 100;
    assert_int_equal(timewheel_advance(&w, 100, on_fire, &fc), 0);
    assert_int_equal(a.fired, 0);
    timewheel_free(&w);
}

static void test_reschedule_from_callback(void **state)
{
    (void)state;
    struct timewheel w;
    assert_int_equal(timewheel_init(&w, 10, 8, 0), 0);
    struct item a = {0};
    timewheel_node_init(&a.node);
    timewheel_schedule(&w, &a.node, 20);
    struct fire_ctx fc = {.now = 20, .reschedule_once = 1, .w = &w};
    assert_int_equal(timewheel_advance(&w, 20, on_fire, &fc), 1);
    assert_true(timewheel_scheduled(&a.node));
    fc.now = 519;
    timewheel_advance(&w, 519, on_fire, &fc);
    assert_int_equal(a.fired, 1);
    fc.now = 520;
    timewheel_advance(&w, 520, on_fire, &fc);
    assert_int_equal(a.fired, 2);
    timewheel_free(&w);
}

/* Random deadlines and random advance steps: every item fires exactly once, never
 * before its deadline, and by the first advance past the end of its tick. */
static void test_random_oracle(void **state)
{
    (void)state;
    enum { N = 2000 };
    struct item *items = calloc(N, sizeof(*items));
    struct timewheel w;
    assert_int_equal(timewheel_init(&w, 7, 64, 0), 0);
    srand(12345);
    for (int i = 0; i < N; i++) {
        timewheel_node_init(&items[i].node);
        items[i].due = (uint64_t)(rand() % 20000);
        timewheel_schedule(&w, &items[i].node, items[i].due);
    }
    uint64_t now = 0;
    struct fire_ctx fc;
    while (w.count > 0) {
        now += (uint64_t)(rand() % 900);
        fc = (struct fire_ctx){.now = now};
        timewheel_advance(&w, now, on_fire, &fc);
        for (int i = 0; i < N; i++) {
            uint64_t due_tick_end = (items[i].due + 6) / 7 * 7; /* rounded up to the tick */
            if (items[i].due > now)
                assert_int_equal(items[i].fired, 0); /* never early */
            else if (due_tick_end <= now)
                assert_int_equal(items[i].fired, 1); /* at most one tick late */
            if (items[i].fired)
                assert_true(items[i].fired_at >= items[i].due);
        }
    }
    timewheel_free(&w);
    free(items);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic_fire),
        cmocka_unit_test(test_cancel_and_past_deadline),
        cmocka_unit_test(test_reschedule_from_callback),
        cmocka_unit_test(test_random_oracle),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
